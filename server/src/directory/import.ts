import { StringDecoder } from 'node:string_decoder';
import { Readable } from 'node:stream';
import { parse, type CsvError, type Parser } from 'csv-parse';
import type { Customer } from '../../../shared/directory/customer';
import {
  DirectoryRecordReader,
  detectDelimiter,
  type ImportSummary,
} from '../../../shared/directory/importer';
import type { RowIssue } from '../../../shared/directory/row';
import type { Db } from '../db/types';

export type ImportMode = 'upsert' | 'full';

export interface DirectoryImportResult {
  importId: number;
  mode: ImportMode;
  lines: number;
  imported: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Customers absent from a full import, now marked deleted. */
  deleted: number;
  errorCount: number;
  warningCount: number;
  /** The first problems (line and Spanish reason); counts above are complete. */
  errors: RowIssue[];
  warnings: RowIssue[];
  cursor: number;
}

export class DirectoryImportError extends Error {}

const SAMPLE = 100;

/**
 * Largest CSV record accepted, in bytes. A directory row is a few hundred bytes; an unterminated
 * quote makes the rest of the file one field, which must fail here instead of being buffered and
 * re-scanned (quadratic: a 200 MB file took over 300 s and 1.7 GB).
 */
export const MAX_RECORD_BYTES = 64 * 1024;

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/**
 * The parser's records as an async sequence, every record parsed before an error first: async
 * iteration of the stream itself drops the records still buffered when the parser fails, and
 * those are the good rows just before a broken quote. Paused above 1 000 waiting records.
 */
async function* recordsBeforeError(parser: Parser): AsyncGenerator<ParsedRecord> {
  const queue: ParsedRecord[] = [];
  let failure: Error | null = null;
  let ended = false;
  let wake: (() => void) | null = null;
  const poke = () => wake?.();
  parser.on('data', (record: ParsedRecord) => {
    queue.push(record);
    if (queue.length >= 1000) parser.pause();
    poke();
  });
  parser.on('end', () => ((ended = true), poke()));
  parser.on('error', (error: Error) => ((failure = error), poke()));
  for (;;) {
    const next = queue.shift();
    if (next) {
      if (queue.length < 100 && parser.isPaused()) parser.resume();
      yield next;
      continue;
    }
    if (failure) throw failure;
    if (ended) return;
    await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
  }
}

/** `line`: where the broken record starts (the line after the last record read whole). */
function csvProblem(error: CsvError, line: number): string {
  const where = ` desde la línea ${line}`;
  if (error.code === 'CSV_MAX_RECORD_SIZE' || error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return (
      `El archivo tiene comillas sin cerrar${where} (un registro de más de ${MAX_RECORD_BYTES / 1024} KB o que llega al final del archivo). ` +
      'Corrija esa línea y vuelva a importar: las líneas anteriores ya se importaron y no cambian al repetirlas.'
    );
  }
  return `El archivo no es un CSV legible${where}: ${error.message}`;
}

/**
 * Decodes UTF-8 across chunk boundaries (an Ñ split between two chunks stays an Ñ) and returns
 * the delimiter from the header line, without reading more than the first line ahead.
 */
async function decodeWithDelimiter(
  input: AsyncIterable<Buffer | string>,
): Promise<{ delimiter: ',' | ';'; text: Readable }> {
  const decoder = new StringDecoder('utf8');
  const iterator = input[Symbol.asyncIterator]();
  let head = '';
  while (!/\r?\n/.test(head) && head.length < 1024 * 1024) {
    const next = await iterator.next();
    if (next.done) break;
    head += typeof next.value === 'string' ? next.value : decoder.write(next.value);
  }
  const firstLine = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  async function* rest(): AsyncGenerator<string> {
    if (head) yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      yield typeof next.value === 'string' ? next.value : decoder.write(next.value);
    }
    const tail = decoder.end();
    if (tail) yield tail;
  }
  return { delimiter: detectDelimiter(firstLine), text: Readable.from(rest(), { objectMode: false }) };
}

async function upsertBatch(
  db: Db,
  importId: number,
  batch: Customer[],
): Promise<{ inserted: number; updated: number; unchanged: number }> {
  return db.transaction(async (tx) => {
    // One writer at a time: versions then commit in order, so no reader's cursor can pass a row
    // that commits later with a smaller version.
    await tx.query('SELECT id FROM directory_writer WHERE id = 1 FOR UPDATE');
    const { rows } = await tx.query<{ inserted: number; updated: number; unchanged: number }>(
      `WITH up AS (
         INSERT INTO customers AS c (codigo, data, version, deleted, import_id, updated_at)
         SELECT x.codigo, x.data, nextval('directory_version_seq'), false, $2, now()
           FROM jsonb_to_recordset($1::jsonb) AS x(codigo text, data jsonb)
         ON CONFLICT (codigo) DO UPDATE SET
           import_id = EXCLUDED.import_id,
           data = EXCLUDED.data,
           deleted = false,
           version = CASE WHEN c.deleted OR c.data IS DISTINCT FROM EXCLUDED.data THEN EXCLUDED.version ELSE c.version END,
           updated_at = CASE WHEN c.deleted OR c.data IS DISTINCT FROM EXCLUDED.data THEN now() ELSE c.updated_at END
         RETURNING (xmax = 0) AS inserted, (updated_at = now()) AS changed
       )
       SELECT count(*) FILTER (WHERE inserted)::int AS inserted,
              count(*) FILTER (WHERE changed AND NOT inserted)::int AS updated,
              count(*) FILTER (WHERE NOT changed)::int AS unchanged
         FROM up`,
      [JSON.stringify(batch.map((customer) => ({ codigo: customer.codigo, data: customer }))), importId],
    );
    return rows[0]!;
  });
}

async function tombstoneMissing(db: Db, importId: number): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT id FROM directory_writer WHERE id = 1 FOR UPDATE');
    const { rowCount } = await tx.query(
      `UPDATE customers SET deleted = true, version = nextval('directory_version_seq'), updated_at = now()
        WHERE NOT deleted AND import_id <> $1`,
      [importId],
    );
    return rowCount;
  });
}

export async function currentCursor(db: Pick<Db, 'query'>): Promise<number> {
  const { rows } = await db.query<{ cursor: number }>(
    'SELECT coalesce(max(version), 0)::bigint AS cursor FROM customers',
  );
  return rows[0]!.cursor;
}

/**
 * Streams a directory CSV through the app's own record reader into the customers table, in
 * batches, so a file of 1 000 000 rows never sits in memory. Upsert by `codigo`; an unchanged row
 * keeps its version (re-importing the same file produces an empty delta). `full` also marks the
 * customers missing from the file as deleted.
 */
export async function importDirectory(
  db: Db,
  input: AsyncIterable<Buffer | string>,
  options: {
    mode: ImportMode;
    userId: number | null;
    batchSize?: number;
    onProgress?: (lines: number) => void;
  },
): Promise<DirectoryImportResult> {
  const batchSize = options.batchSize ?? 2000;
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO directory_imports (mode, started_by) VALUES ($1, $2) RETURNING id',
    [options.mode, options.userId],
  );
  const importId = rows[0]!.id;
  const { delimiter, text } = await decodeWithDelimiter(input);
  // Linear whatever the input: each byte is looked at once, and no record may outgrow the bound.
  const parser = parse({
    delimiter,
    relax_quotes: true,
    relax_column_count: true,
    max_record_size: MAX_RECORD_BYTES,
    // Each record with the line it ends on: a broken one is reported where it starts.
    info: true,
  });
  text.pipe(parser);
  text.on('error', (error) => parser.destroy(error));

  const reader = new DirectoryRecordReader();
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  let batch: Customer[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const result = await upsertBatch(db, importId, batch);
    counts.inserted += result.inserted;
    counts.updated += result.updated;
    counts.unchanged += result.unchanged;
    batch = [];
    options.onProgress?.(reader.summary.lines);
  };

  let summary: ImportSummary;
  let lastLine = 0;
  try {
    for await (const { record: fields, info } of recordsBeforeError(parser)) {
      lastLine = info.lines;
      const customer = reader.accept(fields);
      if (customer) batch.push(customer);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    summary = reader.finish();
  } catch (error) {
    text.destroy();
    parser.destroy();
    const csvError = error instanceof Error && (error as CsvError).code?.startsWith('CSV_');
    // The good rows read before a broken quote are kept, as the message tells the operator.
    if (csvError) await flush();
    await db.query('UPDATE directory_imports SET finished_at = now(), summary = $2 WHERE id = $1', [
      importId,
      JSON.stringify({ failed: error instanceof Error ? error.message : String(error) }),
    ]);
    // The header check and an empty file speak Spanish already: they are the user's problem.
    if (error instanceof Error && /^El archivo/.test(error.message))
      throw new DirectoryImportError(error.message);
    if (csvError) throw new DirectoryImportError(csvProblem(error as CsvError, lastLine + 1));
    throw error;
  }

  const deleted = options.mode === 'full' && summary.imported > 0 ? await tombstoneMissing(db, importId) : 0;
  const result: DirectoryImportResult = {
    importId,
    mode: options.mode,
    lines: summary.lines,
    imported: summary.imported,
    ...counts,
    deleted,
    errorCount: summary.errors.length,
    warningCount: summary.warnings.length,
    errors: summary.errors.slice(0, SAMPLE),
    warnings: summary.warnings.slice(0, SAMPLE),
    cursor: await currentCursor(db),
  };
  await db.query('UPDATE directory_imports SET finished_at = now(), summary = $2 WHERE id = $1', [
    importId,
    JSON.stringify(result),
  ]);
  return result;
}
