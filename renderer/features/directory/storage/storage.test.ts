import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addressKey } from '../../../../shared/text/normalize';
import { CompanionDb } from '../../../db/db';
import { decodeCustomer, encodeCustomer } from './codec';
import { backend, request } from './idb';
import { PAGE_SIZE, STORES } from './layout';
import { DirectoryReader } from './reader';
import { testCustomer } from './testCustomers';
import { DirectoryWriter } from './writer';

let db: CompanionDb;
let seq = 0;

beforeEach(async () => {
  db = new CompanionDb(`storage-test-${++seq}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

async function build(n: number): Promise<DirectoryWriter> {
  const writer = await DirectoryWriter.open(db);
  const builder = await writer.beginBuild();
  for (let i = 0; i < n; i++) {
    builder.add(testCustomer(i));
    await builder.flush();
  }
  await writer.commitBuild(await builder.finish(), { cursor: n, source: 'server' });
  return writer;
}

async function keysOf(store: string): Promise<IDBValidKey[]> {
  const idb = await backend(db);
  return request(idb.transaction([store], 'readonly').objectStore(store).getAllKeys());
}

const codes = (customers: { codigo: string }[]) => customers.map((c) => c.codigo).sort();

describe('record codec', () => {
  it('round-trips a customer and is canonical (equal customers, equal text)', () => {
    const customer = testCustomer(11);
    const text = encodeCustomer(customer);
    expect(decodeCustomer(text)).toEqual(customer);
    expect(encodeCustomer({ ...customer })).toBe(text);
    // No field names stored: the positional form is what makes a million records cheap to write.
    expect(text).not.toContain('"codigo"');
  });
});

describe('a generation (packed pages + hash-bucketed index)', () => {
  it.each([
    ['index buckets read from IndexedDB', false],
    ['index held in memory', true],
  ])('finds customers by code, RUT, phone and address (%s)', async (_label, inMemory) => {
    await build(3000);
    const reader = new DirectoryReader(db, inMemory);
    if (inMemory) {
      await reader.whenIndexed();
      // With the index in memory a lookup reads only record pages: prove it by removing the buckets.
      const idb = await backend(db);
      const tx = idb.transaction([STORES.index], 'readwrite');
      tx.objectStore(STORES.index).clear();
      await new Promise((resolve) => (tx.oncomplete = resolve));
    }
    const c = testCustomer(1234);
    expect(codes(await reader.find('c', c.codigo))).toEqual([c.codigo]);
    expect(codes(await reader.find('r', c.rut))).toEqual([c.codigo]);
    expect(codes(await reader.find('p', c.telefonos[0]!))).toEqual([c.codigo]);
    expect(await reader.get(c.codigo)).toEqual(c);
    // 50 customers share each street number, spread over 6 comunas.
    const sameAddress = await reader.find('a', c.addressKey);
    expect(sameAddress.length).toBeGreaterThan(1);
    expect(sameAddress.every((x) => x.addressKey === c.addressKey)).toBe(true);
    expect(await reader.find('p', '+56900000000')).toEqual([]);
    expect(await reader.get('99999999')).toBeUndefined();
    expect((await reader.info()).count).toBe(3000);
  });

  it('packs records PAGE_SIZE to a page and sizes index buckets from the counts', async () => {
    const writer = await build(3000);
    const pages = await keysOf(STORES.pages);
    expect(pages).toHaveLength(Math.ceil(3000 / PAGE_SIZE));
    // 3000 entries per kind at ~512 per bucket → 8 buckets (3 bits) for each of the 4 kinds,
    // plus the 8 code lists.
    expect(writer.meta.bits).toEqual({ c: 3, r: 3, p: 3, a: 3 });
    expect(await keysOf(STORES.index)).toHaveLength(4 * 8 + 8);
  });

  it('limits the hits of a crowded key', async () => {
    await build(600);
    const reader = new DirectoryReader(db, false);
    expect(await reader.find('a', testCustomer(0).addressKey, 3)).toHaveLength(3);
  });
});

describe('changes after the build (overlay)', () => {
  it('applies upserts and deletes: old keys stop matching, new ones match, the count follows', async () => {
    const writer = await build(1000);
    const reader = new DirectoryReader(db, false);
    const moved = testCustomer(10, { telefonos: ['+56999999999'], comuna: 'Maipú', numero: '9999' });
    const added = testCustomer(5000);
    const counts = await writer.applyChanges([moved, added], [testCustomer(20).codigo, 'NO-EXISTE'], {
      cursor: 1001,
    });
    expect(counts).toEqual({ added: 1, updated: 1, unchanged: 0, deleted: 1 });
    await reader.refresh();

    expect(await reader.find('p', testCustomer(10).telefonos[0]!)).toEqual([]);
    expect(codes(await reader.find('p', '+56999999999'))).toEqual([moved.codigo]);
    expect(codes(await reader.find('a', addressKey('Maipu', '9999')))).toEqual([moved.codigo]);
    expect(await reader.get(moved.codigo)).toEqual(moved);
    expect(await reader.get(added.codigo)).toEqual(added);
    expect(await reader.get(testCustomer(20).codigo)).toBeUndefined();
    expect(await reader.find('r', testCustomer(20).rut)).toEqual([]);
    const info = await reader.info();
    expect(info.count).toBe(1000);
    expect(info.cursor).toBe(1001);
  });

  it('writes only new pages for a delta, never rewriting the generation', async () => {
    const writer = await build(1000);
    const before = await keysOf(STORES.pages);
    const delta = Array.from({ length: 300 }, (_, i) => testCustomer(i * 3, { nombre: `Nuevo nombre ${i}` }));
    await writer.applyChanges(delta, [], {});
    const after = await keysOf(STORES.pages);
    expect(after.length - before.length).toBe(Math.ceil(300 / PAGE_SIZE));
    expect(after.slice(0, before.length)).toEqual(before);
  });

  it('counts identical rows as unchanged and does not write them (file import)', async () => {
    const writer = await build(200);
    const pagesBefore = (await keysOf(STORES.pages)).length;
    const rows = [
      testCustomer(1),
      testCustomer(2),
      testCustomer(3, { email: 'otro@correo.cl' }),
      testCustomer(900),
    ];
    const counts = await writer.applyChanges(rows, [], {}, { compare: true });
    expect(counts).toEqual({ added: 1, updated: 1, unchanged: 2, deleted: 0 });
    expect((await keysOf(STORES.pages)).length).toBe(pagesBefore + 1);
    const again = await writer.applyChanges(rows, [], {}, { compare: true });
    expect(again).toEqual({ added: 0, updated: 0, unchanged: 4, deleted: 0 });
  });

  it('a second update of the same customer supersedes the first', async () => {
    const writer = await build(100);
    const reader = new DirectoryReader(db, false);
    await writer.applyChanges([testCustomer(5, { telefonos: ['+56911111111'] })], [], {});
    await writer.applyChanges([testCustomer(5, { telefonos: ['+56922222222'] })], [], {});
    await reader.refresh();
    expect(await reader.find('p', '+56911111111')).toEqual([]);
    expect(codes(await reader.find('p', '+56922222222'))).toEqual([testCustomer(5).codigo]);
  });

  it('changes on an empty copy create a generation to hold them', async () => {
    const writer = await DirectoryWriter.open(db);
    const counts = await writer.applyChanges([testCustomer(1)], [], {});
    expect(counts.added).toBe(1);
    expect(await new DirectoryReader(db, false).get(testCustomer(1).codigo)).toEqual(testCustomer(1));
  });
});

describe('compaction and generations', () => {
  it('folds the overlay into a new generation with the same answers, and frees the old one', async () => {
    const writer = await build(1000);
    // Reader with its index in memory, loaded for the generation that is about to be replaced.
    const reader = new DirectoryReader(db);
    await reader.whenIndexed();
    await writer.applyChanges(
      [testCustomer(3, { telefonos: ['+56933333333'] }), testCustomer(2000)],
      [testCustomer(4).codigo],
      {},
    );
    const oldGen = writer.meta.gen;
    await writer.compact();

    expect(writer.meta.gen).toBeGreaterThan(oldGen);
    expect(writer.meta.overlayEntries).toBe(0);
    expect(writer.meta.count).toBe(1000);
    const gens = new Set((await keysOf(STORES.pages)).map((k) => (k as number[])[0]));
    expect([...gens]).toEqual([writer.meta.gen]);
    expect(await keysOf(STORES.overlay)).toEqual([]);

    // The reader still holds the old generation: its next lookup notices and reloads.
    expect(codes(await reader.find('p', '+56933333333'))).toEqual([testCustomer(3).codigo]);
    expect(await reader.find('p', testCustomer(3).telefonos[0]!)).toEqual([]);
    expect(await reader.get(testCustomer(4).codigo)).toBeUndefined();
    expect(await reader.get(testCustomer(2000).codigo)).toEqual(testCustomer(2000));
  });

  it('a build cut short is garbage: the active generation keeps answering and the rest is deleted', async () => {
    const writer = await build(300);
    const abandoned = await writer.beginBuild();
    for (let i = 0; i < 500; i++) abandoned.add(testCustomer(10_000 + i));
    await abandoned.flush(true);

    const reader = new DirectoryReader(db, false);
    expect(await reader.get(testCustomer(10_001).codigo)).toBeUndefined();
    expect(await reader.get(testCustomer(1).codigo)).toEqual(testCustomer(1));

    const fresh = await DirectoryWriter.open(db);
    await fresh.collectGarbage();
    const gens = new Set((await keysOf(STORES.pages)).map((k) => (k as number[])[0]));
    expect([...gens]).toEqual([writer.meta.gen]);
    // The number of the abandoned build is never reused.
    expect((await fresh.beginBuild()).gen).toBe(abandoned.gen + 1);
  });
});
