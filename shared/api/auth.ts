import { z } from 'zod';
import { defineEndpoint } from './endpoint';
import { apiErrorFor } from './errors';
import { ROLES } from './roles';

export const userSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    supervisorId: z.number().int().nullable(),
  })
  .meta({ id: 'User' });

const sessionSchema = z
  .object({ token: z.string().min(1), expiresAt: z.iso.datetime(), user: userSchema })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof sessionSchema>;

export const postLogin = defineEndpoint({
  method: 'POST',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Inicia sesión y entrega un token Bearer',
  access: 'public',
  body: z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
  responses: { 200: sessionSchema },
  errors: { 401: apiErrorFor('Usuario o contraseña incorrectos, o cuenta deshabilitada.') },
});

export const postRefresh = defineEndpoint({
  method: 'POST',
  path: '/auth/refresh',
  tags: ['auth'],
  summary: 'Renueva el token (el anterior deja de valer)',
  access: 'signed-in',
  responses: { 200: sessionSchema },
});

export const postLogout = defineEndpoint({
  method: 'POST',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'Cierra la sesión',
  access: 'signed-in',
  responses: { 204: z.null() },
});

export const getMe = defineEndpoint({
  method: 'GET',
  path: '/auth/me',
  tags: ['auth'],
  summary: 'Usuario de la sesión',
  access: 'signed-in',
  responses: { 200: userSchema },
});

export const getUsers = defineEndpoint({
  method: 'GET',
  path: '/admin/users',
  tags: ['admin'],
  summary: 'Lista de usuarios',
  access: ['admin'],
  responses: { 200: z.object({ users: z.array(userSchema) }) },
});

export const postUser = defineEndpoint({
  method: 'POST',
  path: '/admin/users',
  tags: ['admin'],
  summary: 'Crea un usuario',
  access: ['admin'],
  body: z.strictObject({
    username: z.string().min(2).max(64),
    password: z.string().min(8).max(256),
    role: z.enum(ROLES),
    displayName: z.string().max(120).optional(),
    email: z.email().max(254).optional(),
    supervisor: z.string().max(64).optional().meta({ description: 'Usuario del supervisor.' }),
  }),
  responses: { 201: userSchema },
  errors: { 409: apiErrorFor('El usuario ya existe, o el supervisor no existe o no es supervisor.') },
});
