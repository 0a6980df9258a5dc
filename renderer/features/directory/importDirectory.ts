import Papa from 'papaparse';
import type { Customer } from '../../../shared/directory/customer';
import { DirectoryRecordReader, detectDelimiter, type ImportSummary } from '../../../shared/directory/importer';
import { upsertCustomers, type UpsertCounts } from './directoryRepo';

export interface ImportResult extends UpsertCounts {
  summary: ImportSummary;
}

const CHUNK_BYTES = 256 * 1024;

async function readDelimiter(file: Blob): Promise<',' | ';'> {
  const head = await file.slice(0, 4096).text();
  return detectDelimiter(head.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '');
}

/**
 * Streams a directory CSV into IndexedDB chunk by chunk: the file never sits whole in memory, and
 * the reader pauses while each chunk is written so progress is honest.
 */
export async function importDirectoryFile(file: Blob, onProgress: (fraction: number) => void): Promise<ImportResult> {
  const delimiter = await readDelimiter(file);
  const reader = new DirectoryRecordReader();
  const totals: UpsertCounts = { added: 0, updated: 0, unchanged: 0 };

  await new Promise<void>((resolve, reject) => {
    // papaparse may report completion while the last paused chunk is still being written.
    let lastWrite: Promise<void> = Promise.resolve();
    Papa.parse<string[]>(file as File, {
      delimiter,
      chunkSize: CHUNK_BYTES,
      skipEmptyLines: false,
      chunk: (results, parser) => {
        parser.pause();
        const batch: Customer[] = [];
        try {
          for (const fields of results.data) {
            const customer = reader.accept(fields);
            if (customer) batch.push(customer);
          }
        } catch (error) {
          parser.abort();
          reject(error);
          return;
        }
        lastWrite = upsertCustomers(batch)
          .then((counts) => {
            totals.added += counts.added;
            totals.updated += counts.updated;
            totals.unchanged += counts.unchanged;
            onProgress(Math.min(1, results.meta.cursor / Math.max(1, file.size)));
            parser.resume();
          })
          .catch((error: unknown) => {
            parser.abort();
            reject(error);
          });
      },
      complete: () => {
        void lastWrite.then(resolve, reject);
      },
      error: (error: Error) => reject(new Error(`No se pudo leer el archivo: ${error.message}`)),
    });
  });
  onProgress(1);
  return { ...totals, summary: reader.finish() };
}
