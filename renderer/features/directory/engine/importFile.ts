import Papa from 'papaparse';
import { UserFacingError } from '../../../../shared/errors/userFacing';
import type { Customer } from '../../../../shared/directory/customer';
import {
  DirectoryRecordReader,
  detectDelimiter,
  type ImportSummary,
} from '../../../../shared/directory/importer';
import type { CompanionDb } from '../../../db/db';
import type { GenerationBuilder } from '../storage/builder';
import { DirectoryWriter } from '../storage/writer';
import type { ProgressSink } from './progress';

export interface UpsertCounts {
  added: number;
  updated: number;
  unchanged: number;
}

export interface ImportResult extends UpsertCounts {
  summary: ImportSummary;
}

const CHUNK_BYTES = 512 * 1024;

async function readDelimiter(file: Blob): Promise<',' | ';'> {
  const head = await file.slice(0, 4096).text();
  return detectDelimiter(head.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '');
}

/**
 * Imports a directory CSV (upsert by código) into the local copy, streaming it chunk by chunk.
 * On an empty copy — or one holding only the demo sample, which a real directory replaces whole —
 * the file becomes a new generation directly (a million rows cost what a snapshot costs);
 * otherwise each chunk is compared with what is stored, so unchanged rows are counted and not
 * written. The caller holds the directory write lock. `sample`: this file is the demo sample
 * (only into an empty copy that was never downloaded).
 */
export async function importDirectoryFile(
  db: CompanionDb,
  file: Blob,
  onProgress: ProgressSink,
  options: { now?: () => Date; sample?: boolean } = {},
): Promise<ImportResult | null> {
  const now = options.now ?? (() => new Date());
  const writer = await DirectoryWriter.open(db);
  if (options.sample && (writer.meta.count > 0 || writer.meta.cursor !== null)) return null;
  const source = options.sample ? 'sample' : 'file';
  const delimiter = await readDelimiter(file);
  const reader = new DirectoryRecordReader();
  const totals: UpsertCounts = { added: 0, updated: 0, unchanged: 0 };
  const fresh = writer.meta.count === 0 || writer.meta.source === 'sample';
  let builder: GenerationBuilder | null = null;
  if (fresh) {
    await writer.collectGarbage();
    builder = await writer.beginBuild();
  }

  // Rows the agent imported are kept when a snapshot arrives (engine/snapshotGuard.ts); the sample's are not.
  const fileImportedAt = options.sample ? null : now().toISOString();

  const write = async (batch: Customer[]) => {
    if (builder) {
      for (const customer of batch) builder.add(customer);
      totals.added += batch.length;
      await builder.flush();
      return;
    }
    if (batch.length === 0) return;
    const counts = await writer.applyChanges(
      batch,
      [],
      { updatedAt: now().toISOString(), source, fileImportedAt },
      { compare: true },
    );
    totals.added += counts.added;
    totals.updated += counts.updated;
    totals.unchanged += counts.unchanged;
  };

  try {
    await new Promise<void>((resolve, reject) => {
      // papaparse may report completion while the last paused chunk is still being written.
      let lastWrite: Promise<void> = Promise.resolve();
      let failed = false;
      const fail = (error: unknown) => {
        failed = true;
        reject(error);
      };
      Papa.parse<string[]>(file as File, {
        delimiter,
        chunkSize: CHUNK_BYTES,
        skipEmptyLines: false,
        chunk: (results, parser) => {
          if (failed) return;
          parser.pause();
          const batch: Customer[] = [];
          try {
            for (const fields of results.data) {
              const customer = reader.accept(fields);
              if (customer) batch.push(customer);
            }
          } catch (error) {
            parser.abort();
            fail(error);
            return;
          }
          lastWrite = write(batch).then(
            () => {
              onProgress({
                phase: 'import',
                done: Math.min(1, results.meta.cursor / Math.max(1, file.size)) * 1000,
                total: 1000,
              });
              parser.resume();
            },
            (error: unknown) => {
              parser.abort();
              fail(error);
            },
          );
        },
        complete: () => {
          if (!failed) void lastWrite.then(resolve, reject);
        },
        error: (error: Error) =>
          fail(
            new UserFacingError(
              'No se pudo leer el archivo: revise que sea un CSV en UTF-8 y vuelva a intentar.',
              {
                cause: error,
              },
            ),
          ),
      });
    });
    const summary = reader.finish();
    if (builder) {
      onProgress({ phase: 'index', done: 0, total: null });
      const at = now().toISOString();
      await writer.commitBuild(await builder.finish(), { updatedAt: at, source, fileImportedAt });
    } else if (writer.needsCompaction()) {
      await writer.compact((done, pages) => onProgress({ phase: 'compact', done, total: pages }));
    }
    onProgress({ phase: 'import', done: 1000, total: 1000 });
    return { ...totals, summary };
  } catch (error) {
    if (builder) await writer.collectGarbage().catch(() => undefined);
    throw error;
  }
}

/**
 * Customers a first version of the app kept in the `customers` table: moved once into the paged
 * layout, then the table is emptied.
 */
export async function migrateLegacyCustomers(db: CompanionDb): Promise<number> {
  const total = await db.customers.count();
  if (total === 0) return 0;
  const writer = await DirectoryWriter.open(db);
  const builder = writer.meta.count === 0 ? await writer.beginBuild() : null;
  let moved = 0;
  let after: string | null = null;
  for (;;) {
    const chunk: Customer[] = await (
      after === null ? db.customers.orderBy('codigo') : db.customers.where('codigo').above(after)
    )
      .limit(5000)
      .toArray();
    if (chunk.length === 0) break;
    if (builder) {
      for (const customer of chunk) builder.add(customer);
      await builder.flush();
    } else {
      await writer.applyChanges(
        chunk,
        [],
        { updatedAt: new Date().toISOString(), source: 'file' },
        { compare: true },
      );
    }
    moved += chunk.length;
    after = chunk[chunk.length - 1]!.codigo;
  }
  if (builder)
    await writer.commitBuild(await builder.finish(), { updatedAt: new Date().toISOString(), source: 'file' });
  await db.customers.clear();
  return moved;
}
