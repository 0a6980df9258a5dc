// What the board's server tests share: reading widgets and every row behind a number, and the
// live event stream as a board reads it.
import { auth, type Started } from './harness';

export function boardReader(s: () => Started, range: string) {
  const get = <T>(url: string, token = s().team.admin) =>
    s()
      .app.inject({ method: 'GET', url, headers: auth(token) })
      .then((r) => {
        if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
        return r.json() as T;
      });
  const widget = <T>(name: string, query = range, token = s().team.admin) =>
    get<T>(`/board/widgets/${name}?${query}`, token);
  /** Every row behind a number (all pages, two rows a page: the keyset paging is exercised). */
  const drill = async (source: string, query: string, token = s().team.admin) => {
    const rows: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    do {
      const page: { rows: Array<Record<string, unknown>>; nextCursor: string | null } = await get(
        `/board/rows/${source}?${range}&limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`,
        token,
      );
      rows.push(...page.rows);
      cursor = page.nextCursor;
    } while (cursor);
    return rows;
  };
  return { get, widget, drill };
}

/** Reads server-sent events from a fetch body (what the board does: EventSource cannot send a token). */
export async function* events(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<{ event: string; data: unknown }> {
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = body.getReader();
  for (;;) {
    const { done, value: chunk } = await reader.read();
    if (done) return;
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event) yield { event, data: data ? JSON.parse(data) : null };
    }
  }
}
