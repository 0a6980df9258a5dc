import { z } from 'zod';
import type { MainApiMethod } from './contract';

const secretKey = z.string().regex(/^[a-z][a-z0-9.-]{0,63}$/);

/** Argument tuples main validates before any handler runs: a compromised renderer gets nothing else. */
export const MAIN_ARG_SCHEMAS = {
  getAppInfo: z.tuple([]),
  secretSet: z.tuple([secretKey, z.string().max(8192)]),
  secretGet: z.tuple([secretKey]),
  secretDelete: z.tuple([secretKey]),
  log: z.tuple([
    z.enum(['debug', 'info', 'warn', 'error']),
    z.string().max(2000),
    z
      .record(z.string().max(64), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
      .refine((fields) => Object.keys(fields).length <= 50, 'too many log fields'),
  ]),
} as const satisfies Record<MainApiMethod, z.ZodType>;
