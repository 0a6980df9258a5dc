import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentUser, sendError } from '../auth/plugin';
import { bearer, clientError, errorResponses, type RouteDeps } from '../http';
import { feedLines, openWindow } from './feed';
import { DirectoryImportError, importDirectory } from './import';

const importResultSchema = z.object({
  importId: z.number(),
  mode: z.enum(['upsert', 'full']),
  lines: z.number(),
  imported: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  deleted: z.number(),
  errorCount: z.number(),
  warningCount: z.number(),
  errors: z.array(z.object({ line: z.number(), reason: z.string() })),
  warnings: z.array(z.object({ line: z.number(), reason: z.string() })),
  cursor: z.number(),
});

/** Counts bytes of a raw upload and stops it past `limit` (the body bypasses Fastify's own limit). */
async function* limited(source: AsyncIterable<Buffer>, limit: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > limit) throw clientError(413, 'El archivo supera el tamaño máximo permitido.');
    yield chunk;
  }
}

export const directoryRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, { db, config }) => {
  // CSV uploads are streamed to the importer as they arrive, never buffered whole.
  app.addContentTypeParser(['text/csv', 'application/octet-stream'], (_request, payload, done) =>
    done(null, payload),
  );

  app.get('/directory', {
    schema: {
      tags: ['directory'],
      summary: 'Directorio en NDJSON: completo (since=0) o cambios desde un cursor',
      description:
        'Líneas: {"type":"header",since,cursor,count,snapshot}, luego {"type":"upsert",version,customer} o {"type":"delete",version,codigo}, y al final {"type":"end",cursor,count}. Guarde `cursor` y pida since=cursor la próxima vez. Un flujo sin línea end se cortó: repita la descarga.',
      security: bearer,
      querystring: z.strictObject({ since: z.coerce.number().int().min(0).default(0) }),
      response: {
        200: z.string().meta({ description: 'application/x-ndjson' }),
        409: errorResponses[400],
        ...errorResponses,
      },
    },
    handler: async (request, reply) => {
      const window = await openWindow(db, request.query.since);
      if (request.query.since > window.cursor) {
        return sendError(
          reply,
          409,
          'El cursor no corresponde a este servidor: descargue el directorio completo (since=0).',
          {
            cursor: window.cursor,
          },
        );
      }
      reply.header('content-type', 'application/x-ndjson; charset=utf-8');
      reply.header('x-directory-cursor', String(window.cursor));
      reply.header('x-directory-count', String(window.count));
      // A stream is piped as is (no serializer), with backpressure; a client that hangs up stops the paging.
      return reply.send(Readable.from(feedLines(db, window)) as never);
    },
  });

  app.post('/admin/directory/import', {
    config: { roles: ['admin'] },
    bodyLimit: config.directoryImportLimit,
    schema: {
      tags: ['admin'],
      summary: 'Importa el CSV del directorio (cuerpo text/csv, mismo formato que la app)',
      description:
        'mode=upsert agrega y actualiza; mode=full además marca como eliminados los clientes que no vienen en el archivo.',
      security: bearer,
      querystring: z.strictObject({ mode: z.enum(['upsert', 'full']).default('upsert') }),
      response: { 200: importResultSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      if (!(request.body instanceof Readable)) {
        return sendError(reply, 415, 'Envíe el archivo con Content-Type: text/csv.');
      }
      const user = currentUser(request);
      try {
        const result = await importDirectory(db, limited(request.body, config.directoryImportLimit), {
          mode: request.query.mode,
          userId: user.id,
        });
        request.log.info({ ...result, errors: undefined, warnings: undefined }, 'directory imported');
        return result;
      } catch (error) {
        if (error instanceof DirectoryImportError) return sendError(reply, 400, error.message);
        throw error;
      }
    },
  });
};
