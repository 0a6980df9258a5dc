// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeFeedLine, encodeUpsertLine, type CustomerJson } from '../../../../shared/api/directory';
import type { Customer } from '../../../../shared/directory/customer';
import { CompanionDb } from '../../../db/db';
import { backend, request } from '../storage/idb';
import { STORES } from '../storage/layout';
import { DirectoryReader } from '../storage/reader';
import { testCustomer } from '../storage/testCustomers';
import { SyncError } from '../sync/feed';
import type { DirectoryProgress } from './progress';
import { importDirectoryFile } from './importFile';
import { syncFromServer, type SyncTarget } from './syncFromServer';

/** Like PostgreSQL's jsonb::text: keys reordered (shorter first), a space after each separator. */
function jsonbText(customer: Customer): CustomerJson {
  const keys = Object.keys(customer).sort((a, b) => a.length - b.length || a.localeCompare(b));
  return `{${keys.map((key) => `${JSON.stringify(key)}: ${JSON.stringify(customer[key as keyof Customer])}`).join(', ')}}` as CustomerJson;
}

/**
 * A stand-in for GET /directory writing its lines with the server's encoders (shared/api/directory.ts):
 * versioned rows, snapshot without deleted rows, deltas with tombstones.
 */
class FakeBackOffice {
  private version = 0;
  readonly rows = new Map<string, { version: number; customer: Customer | null }>();
  requests: string[] = [];
  /** Cut the next response after this many data lines. */
  cutAfter: number | null = null;
  status = 200;

  upsert(...customers: Customer[]): void {
    for (const customer of customers) this.rows.set(customer.codigo, { version: ++this.version, customer });
  }
  remove(codigo: string): void {
    this.rows.set(codigo, { version: ++this.version, customer: null });
  }

  readonly fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    this.requests.push(`${url.pathname}${url.search}`);
    if ((init?.headers as Record<string, string>).authorization !== 'Bearer token-1')
      return new Response('{}', { status: 401 });
    if (this.status !== 200) return new Response('{}', { status: this.status });
    const since = Number(url.searchParams.get('since'));
    if (since > this.version) return new Response('{}', { status: 409 });
    const snapshot = since === 0;
    const rows = [...this.rows.values()]
      .filter((row) => row.version > since && (!snapshot || row.customer))
      .sort((a, b) => a.version - b.version);
    const lines = [
      encodeFeedLine({ type: 'header', since, cursor: this.version, count: rows.length, snapshot }),
    ];
    for (const row of rows.slice(0, this.cutAfter ?? rows.length)) {
      lines.push(
        row.customer
          ? // jsonb::text: keys reordered, spaces after separators.
            encodeUpsertLine(row.version, jsonbText(row.customer))
          : encodeFeedLine({
              type: 'delete',
              version: row.version,
              codigo: [...this.rows].find(([, r]) => r === row)![0],
            }),
      );
    }
    if (this.cutAfter === null)
      lines.push(encodeFeedLine({ type: 'end', cursor: this.version, count: rows.length }));
    this.cutAfter = null;
    const body = lines.join('');
    // Delivered in small pieces, so lines straddle chunk boundaries.
    const bytes = new TextEncoder().encode(body);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 777) controller.enqueue(bytes.slice(i, i + 777));
        controller.close();
      },
    });
    return new Response(stream, { status: 200, headers: { 'content-type': 'application/x-ndjson' } });
  }) as typeof fetch;
}

let db: CompanionDb;
let server: FakeBackOffice;
let n = 0;
const target = { baseUrl: 'http://127.0.0.1:8787', token: 'token-1' };

beforeEach(async () => {
  db = new CompanionDb(`sync-test-${++n}`);
  server = new FakeBackOffice();
  for (let i = 0; i < 2500; i++) server.upsert(testCustomer(i));
});
afterEach(async () => {
  await db.delete();
});

function sync(progress: DirectoryProgress[] = [], t: SyncTarget = target) {
  return syncFromServer(db, t, (p) => progress.push(p), {
    fetchImpl: server.fetch,
    now: () => new Date('2026-11-26T12:00:00Z'),
  });
}

describe('syncing the directory from the back office', () => {
  it('downloads the full snapshot the first time, with progress against the announced total', async () => {
    const progress: DirectoryProgress[] = [];
    const result = await sync(progress);
    expect(result).toMatchObject({ kind: 'snapshot', count: 2500, cursor: 2500 });
    expect(server.requests).toEqual(['/directory?since=0']);
    expect(progress[0]).toEqual({ phase: 'snapshot', done: 0, total: 2500 });
    expect(progress.filter((p) => p.phase === 'snapshot').at(-1)).toEqual({
      phase: 'snapshot',
      done: 2500,
      total: 2500,
    });

    const reader = new DirectoryReader(db);
    expect(await reader.get(testCustomer(1999).codigo)).toEqual(testCustomer(1999));
    expect((await reader.find('p', testCustomer(7).telefonos[0]!)).map((c) => c.codigo)).toEqual([
      testCustomer(7).codigo,
    ]);
    expect(await reader.info()).toMatchObject({
      count: 2500,
      cursor: 2500,
      syncedAt: '2026-11-26T12:00:00.000Z',
      source: 'server',
    });
  });

  it('then asks only for the changes since its cursor, deletes included', async () => {
    await sync();
    server.upsert(testCustomer(5, { nombre: 'Cambió de nombre' }), testCustomer(9000));
    server.remove(testCustomer(6).codigo);
    const result = await sync();
    expect(server.requests.at(-1)).toBe('/directory?since=2500');
    expect(result).toMatchObject({
      kind: 'delta',
      received: 3,
      counts: { added: 1, updated: 1, deleted: 1 },
      count: 2500,
      cursor: 2503,
    });

    const reader = new DirectoryReader(db);
    expect((await reader.get(testCustomer(5).codigo))?.nombre).toBe('Cambió de nombre');
    expect(await reader.get(testCustomer(6).codigo)).toBeUndefined();
    expect(await reader.get(testCustomer(9000).codigo)).toEqual(testCustomer(9000));

    // Nothing new: an empty delta still refreshes the copy's age.
    expect(await sync()).toMatchObject({ kind: 'delta', received: 0, cursor: 2503 });
  });

  it('keeps the copy it has when a snapshot is cut, and frees the half-written one', async () => {
    await sync();
    const reader = new DirectoryReader(db);
    server.cutAfter = 1000;
    // The server lost our cursor (409): a new snapshot starts, and is cut midway.
    server['version'] = 0;
    server.upsert(testCustomer(1, { nombre: 'Versión nueva' }));
    await expect(sync()).rejects.toMatchObject({ code: 'cut' });
    expect((await reader.get(testCustomer(1).codigo))?.nombre).toBe(testCustomer(1).nombre);
    expect((await reader.info()).count).toBe(2500);
    const idb = await backend(db);
    const keys = await request(
      idb.transaction([STORES.pages], 'readonly').objectStore(STORES.pages).getAllKeys(),
    );
    expect(new Set(keys.map((k) => (k as number[])[0])).size).toBe(1);
  });

  it('says why it failed: token refused, server error, no connection', async () => {
    await expect(sync([], { ...target, token: 'bad' })).rejects.toMatchObject({ code: 'unauthorized' });
    server.status = 503;
    await expect(sync()).rejects.toMatchObject({ code: 'server' });
    const offline = syncFromServer(db, target, () => undefined, {
      fetchImpl: (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch,
    });
    await expect(offline).rejects.toBeInstanceOf(SyncError);
    await expect(offline).rejects.toMatchObject({ code: 'offline' });
  });

  it('downloads everything again from another back office', async () => {
    await sync();
    await sync([], { ...target, baseUrl: 'http://127.0.0.1:9999' });
    expect(server.requests).toEqual(['/directory?since=0', '/directory?since=0']);
  });
});

describe('a snapshot never silently wipes a working directory', () => {
  const importCsv = async (rows: number, onlyIfEmpty = false) => {
    const lines = [
      'codigo,rut,nombre,telefonos,email,region,comuna,calle,numero,bloqueos,codigo_bloqueado,codigo_nuevo,pedido_abierto',
      ...Array.from(
        { length: rows },
        (_, i) => `${70000000 + i},12.345.678-5,Local ${i},,,RM,Maipú,Pajaritos,${i + 1},,NO,,`,
      ),
    ];
    return importDirectoryFile(db, new Blob([lines.join('\n')]), () => undefined, { sample: onlyIfEmpty });
  };

  it('keeps the copy when the back office sends an empty directory, and says why', async () => {
    await sync();
    server['version'] = 0; // lost our cursor: a snapshot follows
    server.rows.clear();
    const error = await sync().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'held', userFacing: true });
    expect((error as Error).message).toMatch(
      /^La central envió un directorio vacío: se conserva el de este equipo \(2\.500 clientes\)/,
    );
    const reader = new DirectoryReader(db);
    expect((await reader.info()).count).toBe(2500);
    expect(await reader.get(testCustomer(1).codigo)).toEqual(testCustomer(1));
    // The agent chooses to replace it anyway.
    expect(await sync([], { ...target, replace: true })).toMatchObject({ kind: 'snapshot', count: 0 });
    expect((await new DirectoryReader(db).info()).count).toBe(0);
  });

  it('keeps the copy when the snapshot holds under half its rows', async () => {
    await sync();
    server['version'] = 0;
    server.rows.clear();
    for (let i = 0; i < 1000; i++) server.upsert(testCustomer(i));
    await expect(sync()).rejects.toMatchObject({
      code: 'held',
      message: expect.stringMatching(/solo 1\.000 clientes/),
    });
    expect((await new DirectoryReader(db).info()).count).toBe(2500);
    for (let i = 1000; i < 1300; i++) server.upsert(testCustomer(i));
    expect(await sync()).toMatchObject({ kind: 'snapshot', count: 1300 }); // over half: applied
  });

  it('keeps customers imported from a file until the agent chooses to replace them', async () => {
    await importCsv(40);
    await expect(sync()).rejects.toMatchObject({
      code: 'held',
      message: expect.stringMatching(/importados de un archivo/),
    });
    const reader = new DirectoryReader(db);
    expect((await reader.info()).count).toBe(40);
    expect((await reader.get('70000007'))?.nombre).toBe('Local 7');
    expect(await sync([], { ...target, replace: true })).toMatchObject({ kind: 'snapshot', count: 2500 });
    expect(await new DirectoryReader(db).info()).toMatchObject({ count: 2500, fileImportedAt: null });
  });

  it('lets the shipped sample give way to a real directory, but not to an empty one', async () => {
    await importCsv(40, true);
    expect(await new DirectoryReader(db).info()).toMatchObject({ source: 'sample', fileImportedAt: null });
    const full = server.rows.size;
    server.rows.clear();
    await expect(sync()).rejects.toMatchObject({ code: 'held' });
    for (let i = 0; i < full; i++) server.upsert(testCustomer(i));
    expect(await sync()).toMatchObject({ kind: 'snapshot', count: 2500 });
  });
});
