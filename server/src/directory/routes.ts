import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getDirectory, postDirectoryImport } from '../../../shared/api/directory';
import { currentUser, sendError } from '../auth/plugin';
import { clientError, type RouteDeps } from '../http';
import { serve } from '../route';
import { feedLines, openWindow } from './feed';
import { DirectoryImportError, importDirectory } from './import';

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

  serve(app, getDirectory, async (request, reply) => {
    const window = await openWindow(db, request.query.since);
    if (request.query.since > window.cursor) {
      return sendError(
        reply,
        409,
        'El cursor no corresponde a este servidor: descargue el directorio completo (since=0).',
        { cursor: window.cursor },
      );
    }
    reply.header('content-type', 'application/x-ndjson; charset=utf-8');
    reply.header('x-directory-cursor', String(window.cursor));
    reply.header('x-directory-count', String(window.count));
    // A stream is piped as is (no serializer), with backpressure; a client that hangs up stops the paging.
    return reply.send(Readable.from(feedLines(db, window)));
  });

  serve(
    app,
    postDirectoryImport,
    async (request, reply) => {
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
    { bodyLimit: config.directoryImportLimit },
  );
};
