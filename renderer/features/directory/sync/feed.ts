import {
  directoryFeedLineSchema,
  getDirectory,
  type FeedEnd,
  type FeedHeader,
} from '../../../../shared/api/directory';
import { buildRequest } from '../../../../shared/api/endpoint';
import { guardFor } from '../../../../shared/api/guard';
import type { Customer } from '../../../../shared/directory/customer';

/** The shared line schema as a compiled check: a million lines per snapshot (see guardFor). */
const isFeedLine = guardFor(directoryFeedLineSchema);

export type { FeedHeader };

/** `held`: the snapshot was not applied, the local copy kept (engine/snapshotGuard.ts). */
export type SyncErrorCode = 'offline' | 'unauthorized' | 'cursor' | 'server' | 'cut' | 'held';

/** Why a download failed, in Spanish for the agent, with a code for the retry policy. */
export class SyncError extends Error {
  readonly userFacing = true as const;
  constructor(
    readonly code: SyncErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export interface FeedBatch {
  upserts: Customer[];
  deletes: string[];
  /** Version of the last line in the batch: everything up to it has been seen. */
  lastVersion: number;
}

export interface FeedOptions {
  baseUrl: string;
  token: string;
  since: number;
  /** Lines per batch handed to `onBatch` (which is awaited: backpressure on the download). */
  batchSize: number;
  onHeader(header: FeedHeader): void | Promise<void>;
  onBatch(batch: FeedBatch, received: number): void | Promise<void>;
  signal?: AbortSignal;
  /** Abort when no byte arrives for this long (a hung server must not hang the sync). */
  idleTimeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export function feedUrl(baseUrl: string, since: number): string {
  return `${baseUrl.replace(/\/+$/, '')}${buildRequest(getDirectory, { query: { since } }).path}`;
}

/**
 * Streams the feed (GET /directory, shared/api/directory.ts) and hands it over in batches. Every
 * line is parsed with the shared record schema: a customer that does not match is skipped (one bad
 * record must not poison a million-record build), a header or end that does not match is a server
 * error, and a line type this app does not know yet is ignored. Resolves with the `end` line; a
 * stream without one was cut (server restarted, network dropped) and rejects with code 'cut'.
 */
export async function readFeed(options: FeedOptions): Promise<FeedEnd & { header: FeedHeader }> {
  const controller = new AbortController();
  const abortFromCaller = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', abortFromCaller);
  const idleMs = options.idleTimeoutMs ?? 30_000;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const touch = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(
      () => controller.abort(new SyncError('offline', 'La central dejó de responder durante la descarga.')),
      idleMs,
    );
  };

  try {
    touch();
    let response: Response;
    try {
      response = await (options.fetchImpl ?? fetch)(feedUrl(options.baseUrl, options.since), {
        headers: { authorization: `Bearer ${options.token}`, accept: 'application/x-ndjson' },
        signal: controller.signal,
        cache: 'no-store',
      });
    } catch (error) {
      throw networkError(error, controller.signal);
    }
    if (response.status === 401 || response.status === 403) {
      throw new SyncError('unauthorized', 'La sesión con la central expiró: inicie sesión nuevamente.');
    }
    if (response.status === 409)
      throw new SyncError('cursor', 'La central pide descargar el directorio completo.');
    if (!response.ok || !response.body)
      throw new SyncError('server', `La central respondió con error ${response.status}.`);

    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let rest = '';
    let header: FeedHeader | null = null;
    let end: FeedEnd | null = null;
    let batch: FeedBatch = { upserts: [], deletes: [], lastVersion: 0 };
    let received = 0;
    let lines = 0;

    // Synchronous per line; a promise only when a batch is handed over (a million awaits cost time).
    const handle = (line: string): void | Promise<void> => {
      if (line.length === 0) return;
      const parsed: unknown = JSON.parse(line);
      if (!isFeedLine(parsed)) {
        const type = (parsed as { type?: unknown } | null)?.type;
        if (type === 'header' || type === 'end') {
          throw new SyncError('server', 'La central envió un directorio ilegible: se reintentará.');
        }
        return;
      }
      switch (parsed.type) {
        case 'header':
          header = parsed;
          return options.onHeader(parsed);
        case 'upsert':
          batch.upserts.push(parsed.customer);
          break;
        case 'delete':
          batch.deletes.push(parsed.codigo);
          break;
        case 'end':
          end = parsed;
          return;
        default:
          return;
      }
      batch.lastVersion = parsed.version;
      received += 1;
      lines += 1;
      if (lines >= options.batchSize) {
        const full = batch;
        batch = { upserts: [], deletes: [], lastVersion: full.lastVersion };
        lines = 0;
        return options.onBatch(full, received);
      }
    };

    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw networkError(error, controller.signal, true);
      }
      if (chunk.done) break;
      touch();
      const text = rest + decoder.decode(chunk.value, { stream: true });
      let start = 0;
      for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
        const pending = handle(text.slice(start, newline));
        if (pending) await pending;
        start = newline + 1;
      }
      rest = text.slice(start);
    }
    await handle(rest + decoder.decode());
    if (lines > 0) await options.onBatch(batch, received);
    if (!header || !end) throw new SyncError('cut', 'La descarga del directorio se cortó: se reintentará.');
    return { ...(end as FeedEnd), header };
  } finally {
    clearTimeout(idleTimer);
    options.signal?.removeEventListener('abort', abortFromCaller);
    // A caller that stopped reading (e.g. a held snapshot) must not leave the download open.
    controller.abort();
  }
}

function networkError(error: unknown, signal: AbortSignal, midStream = false): unknown {
  if (signal.aborted && signal.reason instanceof SyncError) return signal.reason;
  if (error instanceof SyncError) return error;
  if (signal.aborted) return error;
  return midStream
    ? new SyncError('cut', 'La descarga del directorio se cortó: se reintentará.')
    : new SyncError('offline', 'Sin conexión con la central.');
}
