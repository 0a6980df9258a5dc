import { BOARD_CHANGE_SOURCES, boardChangeSchema, getBoardEvents } from '../../../shared/api/board';
import { buildRequest } from '../../../shared/api/endpoint';
import { Backoff } from '../../../shared/backoff';
import { endpoint } from '../../backoffice/backOfficeApi';
import type { Credentials } from './boardApi';

export type LiveState = 'connecting' | 'live' | 'offline';

export interface BoardEventHandlers {
  /** Committed changes on the server: which sources ('calls', 'forms', 'tickets', 'cases'). */
  onChange(sources: string[]): void;
  onState(state: LiveState): void;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Splits a server-sent-events text stream into (event, data) pairs. */
export function parseEvents(buffer: string): {
  events: Array<{ event: string; data: string }>;
  rest: string;
} {
  const events: Array<{ event: string; data: string }> = [];
  let rest = buffer.replace(/\r\n/g, '\n');
  let end: number;
  while ((end = rest.indexOf('\n\n')) >= 0) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (data.length > 0 || event !== 'message') events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

/**
 * Listens to GET /board/events over fetch (EventSource cannot send the bearer token) and
 * reconnects with backoff; after every reconnection it reports a change of everything, since
 * changes made while disconnected were not heard. Returns the function that stops it.
 */
export function listenBoardEvents(
  credentials: () => Promise<Credentials | null>,
  handlers: BoardEventHandlers,
  fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args),
): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const backoff = new Backoff({ baseMs: 2000, capMs: 30_000 });
  let heardBefore = false;
  const everything = () => handlers.onChange([...BOARD_CHANGE_SOURCES]);

  const retry = () => {
    if (stopped) return;
    handlers.onState('offline');
    timer = setTimeout(() => void connect(), backoff.next());
  };

  const connect = async () => {
    timer = null;
    if (stopped) return;
    handlers.onState('connecting');
    const creds = await credentials();
    if (!creds) return retry();
    controller = new AbortController();
    try {
      const request = buildRequest(getBoardEvents, {});
      const response = await fetchImpl(endpoint(creds.serverUrl, request.path), {
        headers: { authorization: `Bearer ${creds.token}`, accept: 'text/event-stream' },
        signal: controller.signal,
        cache: 'no-store',
      });
      if (!response.ok || !response.body) return retry();
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const parsed = parseEvents(buffer + decoder.decode(value, { stream: true }));
        buffer = parsed.rest;
        for (const { event, data } of parsed.events) {
          if (event === 'ready') {
            backoff.reset();
            handlers.onState('live');
            // Whatever changed while we were away was not heard: refresh everything once.
            if (heardBefore) everything();
            heardBefore = true;
          } else if (event === 'changed') {
            // An event this version cannot read still says something changed.
            const change = boardChangeSchema.safeParse(safeJson(data));
            if (change.success) handlers.onChange(change.data.sources);
            else everything();
          }
        }
      }
    } catch {
      // aborted or cut: retried below unless stopped
    }
    retry();
  };

  void connect();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    controller?.abort();
  };
}
