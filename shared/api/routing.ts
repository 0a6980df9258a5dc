import { z } from 'zod';
import { AREAS, type AreaId } from '../blocks/areas';
import { defineEndpoint } from './endpoint';

/**
 * Keys of the routing table: 'TC' for Z1 and every collections-format code, the other block codes, 'supervisor', and the
 * post-sale requirements: 'postventa' (tickets) and 'trasvasije' (the record of a return walked through).
 */
export const ROUTE_KEYS = [
  'TC',
  'Z0',
  'ZA',
  'ZB',
  'Z4',
  'Z5',
  'Z9',
  'supervisor',
  'postventa',
  'trasvasije',
] as const;
export type RouteKey = (typeof ROUTE_KEYS)[number];

const routeSchema = z
  .object({
    key: z.enum(ROUTE_KEYS),
    areaId: z.string(),
    recipients: z.array(z.string()),
    toSupervisor: z.boolean(),
    createsTicket: z.boolean(),
  })
  .meta({ id: 'Route' });

export const getRoutes = defineEndpoint({
  method: 'GET',
  path: '/admin/routes',
  tags: ['admin'],
  summary: 'Tabla de derivación por bloqueo',
  access: ['admin', 'supervisor'],
  responses: { 200: z.object({ routes: z.array(routeSchema) }) },
});

export const putRoute = defineEndpoint({
  method: 'PUT',
  path: '/admin/routes/:key',
  tags: ['admin'],
  summary: 'Cambia el destino de un bloqueo',
  access: ['admin'],
  params: z.object({ key: z.enum(ROUTE_KEYS) }),
  body: z.strictObject({
    areaId: z.enum(Object.keys(AREAS) as [AreaId, ...AreaId[]]),
    recipients: z.array(z.email().max(254)).max(20),
    toSupervisor: z.boolean().default(false),
    createsTicket: z.boolean().default(false),
  }),
  responses: { 200: routeSchema },
});
