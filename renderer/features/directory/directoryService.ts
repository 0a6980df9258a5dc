import type { CompanionDb } from '../../db/db';
import { DirectoryClient } from './directoryClient';
import type { ImportResult } from './engine/importFile';
import { DIRECTORY_CHANNEL } from './engine/protocol';
import { DirectoryReader } from './storage/reader';
import { LAYOUT_VERSION, type DirectoryMeta } from './storage/layout';

export type { ImportResult } from './engine/importFile';

/**
 * This window's directory copy: one reader (look-ups, UI thread) and one client of the writer (a
 * worker), kept in step with the other windows of the profile. Created by the composition root.
 */
export class LocalDirectory {
  readonly reader: DirectoryReader;
  readonly client: DirectoryClient;
  private readonly listeners = new Set<() => void>();
  private channel: BroadcastChannel | null = null;

  constructor(
    private readonly db: CompanionDb,
    createWorker: () => Worker | null,
  ) {
    this.reader = new DirectoryReader(db);
    this.client = new DirectoryClient(db, this.reader, createWorker);
  }

  /** A directory kept by the first app version moves into the current layout (once). */
  async migrateLegacy(): Promise<void> {
    if ((await this.db.customers.count()) > 0) await this.client.migrateLegacy();
  }

  /**
   * A copy written by an older version has no street or name index: rebuild it once, in the
   * worker, while look-ups by code, RUT, phone and address keep using it.
   */
  async upgradeLayout(): Promise<boolean> {
    const info = await this.reader.info();
    if (info.gen === 0 || (info.layout ?? 1) >= LAYOUT_VERSION) return false;
    return (await this.client.compact(() => undefined, { ifOutdated: true })).compacted;
  }

  /** Listens for changes other windows (or this window's worker) committed. */
  start(): void {
    if (this.channel || typeof BroadcastChannel === 'undefined') return;
    this.channel = new BroadcastChannel(DIRECTORY_CHANNEL);
    this.channel.onmessage = () => {
      void this.reader.refresh().then(() => this.notifyChanged());
    };
  }

  dispose(): void {
    this.channel?.close();
    this.channel = null;
    this.listeners.clear();
    this.client.dispose();
  }

  /** Called after this or another window changed the directory copy (and the reader caught up). */
  onChanged(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notifyChanged(): void {
    for (const listener of [...this.listeners]) listener();
  }

  info(): Promise<DirectoryMeta> {
    return this.reader.info();
  }

  /** Customers in the local copy (a counter kept with the data, not a scan). */
  async count(): Promise<number> {
    return (await this.reader.info()).count;
  }

  /**
   * Imports a directory CSV into the local copy: parsed and written by the directory worker
   * (streamed, upsert by código, rows compared so unchanged ones are counted, not rewritten).
   */
  importFile(file: Blob, onProgress: (fraction: number) => void): Promise<ImportResult> {
    return this.client.importFile(file, (progress) => {
      if (progress.phase === 'import') onProgress(progress.done / 1000);
    });
  }
}

/** The browser's module worker for the directory writer (Vite bundles it from this literal form). */
export function createDirectoryWorker(): Worker {
  return new Worker(new URL('../../workers/directory.worker.ts', import.meta.url), {
    type: 'module',
    name: 'directorio',
  });
}
