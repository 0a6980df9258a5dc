import { z } from 'zod';
import { customerSchema, type Customer } from '../directory/customer';
import { defineEndpoint, ndjson } from './endpoint';
import { apiErrorSchema } from './errors';

/**
 * The directory feed (GET /directory): NDJSON, one record per line. A header, one line per
 * customer (`upsert`, or `delete` in deltas), and an `end` line with the cursor to ask from next
 * time; a stream without `end` was cut and is fetched again.
 */
const feedHeaderSchema = z.object({
  type: z.literal('header'),
  since: z.number().int(),
  cursor: z.number().int().meta({ description: 'Versión hasta la que llega esta descarga.' }),
  count: z.number().int().meta({ description: 'Líneas de clientes que vienen.' }),
  snapshot: z.boolean().meta({ description: 'true: directorio completo (since=0); false: cambios.' }),
});
const feedUpsertSchema = z.object({
  type: z.literal('upsert'),
  version: z.number().int(),
  customer: customerSchema,
});
const feedDeleteSchema = z.object({
  type: z.literal('delete'),
  version: z.number().int(),
  codigo: z.string(),
});
const feedEndSchema = z.object({
  type: z.literal('end'),
  cursor: z.number().int().meta({ description: 'Guárdelo y pida since=cursor la próxima vez.' }),
  count: z.number().int(),
});
export const directoryFeedLineSchema = z
  .discriminatedUnion('type', [feedHeaderSchema, feedUpsertSchema, feedDeleteSchema, feedEndSchema])
  .meta({ id: 'DirectoryFeedLine' });

export type FeedHeader = z.infer<typeof feedHeaderSchema>;
export type FeedEnd = z.infer<typeof feedEndSchema>;
type DirectoryFeedLine = z.infer<typeof directoryFeedLineSchema>;

/** One feed line, newline included. */
export function encodeFeedLine(line: DirectoryFeedLine): string {
  return `${JSON.stringify(line)}\n`;
}

/** JSON text of a `Customer` (as the server stores it), to be spliced into a line unparsed. */
export type CustomerJson = string & { readonly __json: Customer };

/**
 * The `upsert` line for a customer already in JSON: the same text `encodeFeedLine` gives for the
 * parsed customer (a test holds them equal), without parsing and re-serialising a million of them.
 */
export function encodeUpsertLine(version: number, customer: CustomerJson): string {
  return `{"type":"upsert","version":${version},"customer":${customer}}\n`;
}

/** 409 on GET /directory: the cursor is ahead of this server (another server, or a restored one). */
const cursorErrorSchema = apiErrorSchema
  .extend({ cursor: z.number().int().meta({ description: 'El cursor actual de este servidor.' }) })
  .meta({ id: 'CursorError', description: 'El cursor no corresponde a este servidor: descargue since=0.' });

export const getDirectory = defineEndpoint({
  method: 'GET',
  path: '/directory',
  tags: ['directory'],
  summary: 'Directorio en NDJSON: completo (since=0) o cambios desde un cursor',
  description:
    'Líneas: {"type":"header",since,cursor,count,snapshot}, luego {"type":"upsert",version,customer} o {"type":"delete",version,codigo}, y al final {"type":"end",cursor,count}. Guarde `cursor` y pida since=cursor la próxima vez. Un flujo sin línea end se cortó: repita la descarga. Cabeceras X-Directory-Cursor y X-Directory-Count adelantan cursor y count.',
  access: 'signed-in',
  query: z.strictObject({ since: z.coerce.number<number>().int().min(0).default(0) }),
  responses: { 200: ndjson(directoryFeedLineSchema, 'Una línea JSON por registro (DirectoryFeedLine).') },
  errors: { 409: cursorErrorSchema },
});

const lineProblemSchema = z.object({ line: z.number().int(), reason: z.string() });

const directoryImportResultSchema = z
  .object({
    importId: z.number().int(),
    mode: z.enum(['upsert', 'full']),
    lines: z.number().int(),
    imported: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    deleted: z.number().int(),
    errorCount: z.number().int(),
    warningCount: z.number().int(),
    errors: z.array(lineProblemSchema),
    warnings: z.array(lineProblemSchema),
    cursor: z.number().int(),
  })
  .meta({ id: 'DirectoryImportResult' });

export const postDirectoryImport = defineEndpoint({
  method: 'POST',
  path: '/admin/directory/import',
  tags: ['admin'],
  summary: 'Importa el CSV del directorio (cuerpo text/csv, mismo formato que la app)',
  description:
    'mode=upsert agrega y actualiza; mode=full además marca como eliminados los clientes que no vienen en el archivo. 400: el archivo no se puede leer (encabezado, codificación).',
  access: ['admin'],
  query: z.strictObject({ mode: z.enum(['upsert', 'full']).default('upsert') }),
  rawBody: { contentType: 'text/csv', description: 'El archivo CSV del directorio, tal cual.' },
  responses: { 200: directoryImportResultSchema },
});
