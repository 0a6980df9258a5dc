import { z } from 'zod';

/**
 * Every error answer: `{statusCode, error, message}` with `message` in Spanish, ready to show.
 * A 400 from request validation adds `issues` (which field, what is wrong).
 */
export const apiErrorSchema = z
  .object({
    statusCode: z.number().int(),
    error: z.string(),
    message: z.string().meta({ description: 'En español, para mostrar al usuario.' }),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' });

/** The envelope for one endpoint's own error status, saying when it happens (shown in OpenAPI). */
export function apiErrorFor(when: string) {
  return apiErrorSchema.meta({ description: when });
}
