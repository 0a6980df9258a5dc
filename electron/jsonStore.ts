import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { writeFileAtomic } from './atomicFile';

/**
 * A small JSON file with a schema (desktop settings, window places). A missing file means
 * defaults. A file that does not parse or does not fit the schema is damaged: it is reported, the
 * defaults are used, and it is never overwritten, so support can still look at it.
 */
export type LoadedJson<T> =
  | { state: 'ok'; value: T }
  | { state: 'missing'; value: T }
  | { state: 'damaged'; value: T; problem: string };

export async function loadJsonFile<T>(
  filePath: string,
  schema: z.ZodType<T>,
  defaults: T,
): Promise<LoadedJson<T>> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing', value: defaults };
    return { state: 'damaged', value: defaults, problem: `no se pudo leer ${filePath}` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { state: 'damaged', value: defaults, problem: `${filePath} no es JSON válido` };
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const where = result.error.issues
      .slice(0, 3)
      .map((issue) => (issue.path.length ? issue.path.join('.') : '(raíz)'))
      .join(', ');
    return { state: 'damaged', value: defaults, problem: `${filePath} tiene valores no válidos (${where})` };
  }
  return { state: 'ok', value: result.data };
}

export interface JsonStore<T> {
  get(): T;
  /** Null, or why the file is refused (and never written). */
  problem(): string | null;
  /** Writes the new value whole; refused while the file on disk is damaged. */
  update(change: (current: T) => T): Promise<T>;
}

export class DamagedStoreError extends Error {
  constructor(problem: string) {
    super(`El archivo de configuración está dañado y no se modificó: ${problem}. Avise a soporte.`);
    this.name = 'DamagedStoreError';
  }
}

export async function openJsonStore<T>(
  filePath: string,
  schema: z.ZodType<T>,
  defaults: T,
): Promise<JsonStore<T>> {
  const loaded = await loadJsonFile(filePath, schema, defaults);
  let value = loaded.value;
  const problem = loaded.state === 'damaged' ? loaded.problem : null;
  // One write at a time, in order: the last change always wins on disk.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    get: () => value,
    problem: () => problem,
    update(change) {
      const run = queue.then(async () => {
        if (problem) throw new DamagedStoreError(problem);
        const next = change(value);
        await writeFileAtomic(filePath, `${JSON.stringify(next, null, 2)}\n`);
        value = next;
        return next;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
