import type { CompanionDb } from '../../db/db';
import type { CompactResult } from './engine/compact';
import type { ImportResult } from './engine/importFile';
import type { DirectoryProgress } from './engine/progress';
import type { CommandResult, DirectoryCommand, DirectoryEvent } from './engine/protocol';
import { createWriteLock } from './engine/lock';
import type { SyncResult, SyncTarget } from './engine/syncFromServer';
import type { DirectoryReader } from './storage/reader';
import { traceStart } from './storage/yieldToMain';

/** A failed directory operation; `code` is the SyncError code for download failures. */
export class DirectoryOperationError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    /** The message is a Spanish sentence for the agent; otherwise only for the log. */
    readonly userFacing: boolean,
  ) {
    super(message);
    this.name = 'DirectoryOperationError';
  }
}

type CommandBody = DirectoryCommand extends infer C
  ? C extends { id: number }
    ? Omit<C, 'id'>
    : never
  : never;

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  onProgress(progress: DirectoryProgress): void;
}

const WORKER_START_TIMEOUT_MS = 10_000;

/**
 * The UI thread's handle on the directory writer. Work runs in a Web Worker; where one cannot be
 * started (a host that refuses module workers, unit tests in Node) the same code runs here,
 * slower for the UI but with the same results. After every operation the reader is refreshed, so
 * a search right after an import sees the new records.
 */
export class DirectoryClient {
  private worker: Worker | null = null;
  private mode: Promise<'worker' | 'inline'> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private disposed = false;
  /** Used only when the writer runs here (no worker). */
  private readonly writeLock = createWriteLock();

  constructor(
    private readonly db: CompanionDb,
    private readonly reader: DirectoryReader,
    private readonly createWorker: () => Worker | null,
  ) {}

  /** 'worker' or 'inline' (where the writer runs), once started. */
  started(): Promise<'worker' | 'inline'> {
    this.mode ??= this.startWorker();
    return this.mode;
  }

  private startWorker(): Promise<'worker' | 'inline'> {
    let worker: Worker | null = null;
    try {
      worker = typeof Worker === 'undefined' ? null : this.createWorker();
    } catch {
      worker = null;
    }
    if (!worker) return Promise.resolve('inline');
    return new Promise((resolve) => {
      const fallBack = () => {
        worker.terminate();
        resolve('inline');
      };
      const timer = setTimeout(fallBack, WORKER_START_TIMEOUT_MS);
      worker.onerror = (event) => {
        event.preventDefault();
        clearTimeout(timer);
        if (this.worker === worker) this.failAll('El proceso del directorio se detuvo inesperadamente.');
        else fallBack();
      };
      worker.onmessage = (message: MessageEvent<DirectoryEvent>) => {
        const event = message.data;
        if (event.type === 'ready') {
          clearTimeout(timer);
          this.worker = worker;
          resolve('worker');
          return;
        }
        this.dispatch(event);
      };
    });
  }

  /** Stops the worker (the page is going away); operations still running fail. */
  dispose(): void {
    this.disposed = true;
    this.worker?.terminate();
    this.worker = null;
    this.failAll('El directorio se cerró.');
  }

  private failAll(message: string): void {
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(new DirectoryOperationError(message, null, true));
    }
  }

  private dispatch(event: DirectoryEvent): void {
    const end = traceStart(`directory: ${event.type} message`);
    try {
      this.handle(event);
    } finally {
      end();
    }
  }

  private handle(event: DirectoryEvent): void {
    const pending = this.pending.get(event.id);
    if (!pending) return;
    if (event.type === 'progress') pending.onProgress(event.progress);
    else if (event.type === 'result') {
      this.pending.delete(event.id);
      pending.resolve(event.result);
    } else if (event.type === 'error') {
      this.pending.delete(event.id);
      pending.reject(new DirectoryOperationError(event.message, event.code, event.userFacing));
    }
  }

  private async run<K extends DirectoryCommand['type']>(
    body: Extract<CommandBody, { type: K }>,
    onProgress: (progress: DirectoryProgress) => void,
  ): Promise<CommandResult[K]> {
    const mode = await this.started();
    if (this.disposed) throw new DirectoryOperationError('El directorio se cerró.', null, true);
    const id = this.nextId++;
    const command = { ...body, id } as DirectoryCommand;
    try {
      return (await new Promise<unknown>((resolve, reject) => {
        this.pending.set(id, { resolve, reject, onProgress });
        if (mode === 'worker') this.worker!.postMessage(command);
        else
          // Only where no worker can start: the engine (CSV parser, sync) then loads on first use,
          // not with the desk's first paint.
          void import('./engine/run')
            .then(({ runCommand }) =>
              runCommand(this.db, command, (event) => this.dispatch(event), this.writeLock),
            )
            .catch(() =>
              this.dispatch({
                id,
                type: 'error',
                message: 'No se pudo cargar el directorio en este equipo: reinicie Companion.',
                code: null,
                userFacing: true,
              }),
            );
      })) as CommandResult[K];
    } finally {
      await this.reader.refresh();
    }
  }

  /**
   * Downloads the snapshot or the changes since the cursor. Waits for the write lock (an import or
   * another window may hold it); with ifAvailable it gives up instead and resolves null.
   */
  sync(
    target: SyncTarget,
    onProgress: (p: DirectoryProgress) => void,
    ifAvailable = false,
  ): Promise<SyncResult | null> {
    return this.run({ type: 'sync', target, ifAvailable }, onProgress);
  }

  async importFile(file: Blob, onProgress: (p: DirectoryProgress) => void): Promise<ImportResult> {
    return (await this.run({ type: 'import', file, sample: false }, onProgress))!;
  }

  /**
   * The shipped sample (demo mode), only into a copy that is empty and was never downloaded
   * (checked under the lock). The next import or download replaces it whole.
   */
  seedIfEmpty(file: Blob): Promise<ImportResult | null> {
    return this.run({ type: 'import', file, sample: true }, () => undefined);
  }

  /** Folds recent changes into a new generation now (maintenance; syncs and imports do it when due). */
  compact(
    onProgress: (p: DirectoryProgress) => void = () => undefined,
    options: { ifOutdated?: boolean } = {},
  ): Promise<CompactResult> {
    return this.run({ type: 'compact', ...options }, onProgress);
  }

  /** Moves records of the first app version's table into the paged layout (once). */
  migrateLegacy(): Promise<number> {
    return this.run({ type: 'migrate' }, () => undefined);
  }
}
