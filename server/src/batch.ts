import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { clientError } from './http';

/**
 * The batch endpoints (forms, calls): only the envelope `{ [key]: [1..max items] }` is checked up
 * front, so each item gets its own verdict in the answer and one bad item never fails the others.
 */
export function batchEnvelope(key: string, max: number, items: string): FastifySchemaCompiler<z.ZodType> {
  const schema = z.strictObject({
    [key]: z.array(z.unknown()).min(1, 'El lote está vacío.').max(max, `Máximo ${max} ${items} por lote.`),
  });
  return () => (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: clientError(400, result.error.issues.map((issue) => issue.message).join(' · ')) };
  };
}

/** The answer to a batch: the verdicts, their counts, and 200 (none rejected), 207 (some) or 422 (all). */
export function batchAnswer<R extends { status: 'accepted' | 'duplicate' | 'rejected' }>(results: R[]) {
  const count = (status: R['status']) => results.filter((r) => r.status === status).length;
  const body = {
    results,
    accepted: count('accepted'),
    duplicate: count('duplicate'),
    rejected: count('rejected'),
  };
  const status = body.rejected === 0 ? 200 : body.rejected === results.length ? 422 : 207;
  return { status: status as 200 | 207 | 422, body };
}
