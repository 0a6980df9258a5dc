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
    // 3000 entries per kind at ~512 per bucket → 8 buckets (3 bits) for each of the 5 hashed kinds,
    // plus the 8 code lists, plus the name index (vocabulary, offsets, one postings chunk).
    expect(writer.meta.bits).toEqual({ c: 3, r: 3, p: 3, a: 3, s: 3 });
    expect(await keysOf(STORES.index)).toHaveLength(5 * 8 + 8 + 3);
  });

  it("a warm look-up asks IndexedDB for the record page in the caller's task (an INVITE's own)", async () => {
    await build(3000);
    const reader = new DirectoryReader(db, true);
    await reader.whenIndexed();
    const idb = await backend(db);
    const opened: string[][] = [];
    const transaction = idb.transaction.bind(idb);
    idb.transaction = ((stores: string | string[], mode?: IDBTransactionMode) => {
      opened.push([stores].flat());
      return transaction(stores, mode);
    }) as typeof idb.transaction;
    const c = testCustomer(77);
    const found = reader.find('p', c.telefonos[0]!);
    // Nothing awaited yet: whatever else this task set off (a render) runs while the read is under way.
    expect(opened).toEqual([[STORES.index, STORES.pages, STORES.meta]]);
    expect(codes(await found)).toEqual([c.codigo]);
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

describe('name and street search', () => {
  const FIRST = ['María', 'José', 'Juana', 'Ángela', 'Pedro'];
  const LAST = ['Pérez', 'Muñoz', 'Soto', 'Rojas'];
  const named = (i: number) =>
    testCustomer(i, {
      nombre:
        `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i % 2 ? 'Comercial' : ''}`.trim(),
      calle: i % 3 === 0 ? 'Av. Irarrázaval' : 'Los Leones',
      numero: String(4400 + (i % 20)),
    });

  async function buildNamed(n: number): Promise<DirectoryWriter> {
    const writer = await DirectoryWriter.open(db);
    const builder = await writer.beginBuild();
    for (let i = 0; i < n; i++) builder.add(named(i));
    await builder.flush();
    await writer.commitBuild(await builder.finish(), { cursor: n, source: 'server' });
    return writer;
  }

  it('finds by name words in any order, each a prefix, without accents or case', async () => {
    await buildNamed(2000);
    const reader = new DirectoryReader(db, false);
    const all = Array.from({ length: 2000 }, (_, i) => named(i));
    const expected = (test: (nombre: string) => boolean) =>
      all
        .filter((c) => test(c.nombre))
        .map((c) => c.codigo)
        .sort();
    const perezJuana = await reader.findByName(['perez', 'juana'], 1000);
    expect(codes(perezJuana.customers)).toEqual(expected((n) => n.startsWith('Juana Pérez')));
    expect(perezJuana.total).toBe(perezJuana.customers.length);
    const prefix = await reader.findByName(['ang', 'mu'], 1000);
    expect(codes(prefix.customers)).toEqual(expected((n) => n.startsWith('Ángela Muñoz')));
    expect((await reader.findByName(['juana', 'xyz'])).customers).toEqual([]);
    // A prefix spanning several words of the vocabulary (José, Juana): each customer once, in order.
    const j = await reader.findByName(['j'], 1000);
    expect(codes(j.customers)).toEqual(expected((n) => /^(José|Juana) /.test(n)));
  });

  it('says how many matched when it shows only the first ones', async () => {
    await buildNamed(2000);
    const result = await new DirectoryReader(db, false).findByName(['comercial'], 10);
    expect(result.customers).toHaveLength(10);
    expect(result.total).toBe(1000);
  });

  it('follows changes after the build: renamed, added and deleted customers', async () => {
    const writer = await buildNamed(500);
    const reader = new DirectoryReader(db, false);
    const renamed = { ...named(3), nombre: 'Bárbara Zúñiga' };
    await writer.applyChanges(
      [renamed, testCustomer(9000, { nombre: 'Bárbara Zapata' })],
      [named(8).codigo],
      {},
    );
    await reader.refresh();
    expect(codes((await reader.findByName(['barbara', 'zu'])).customers)).toEqual([renamed.codigo]);
    expect(codes((await reader.findByName(['bar'])).customers)).toEqual(
      [renamed.codigo, testCustomer(9000).codigo].sort(),
    );
    expect(codes((await reader.findByName(['pedro', 'perez'], 1000)).customers)).not.toContain(
      named(3).codigo,
    );
    expect(
      codes((await reader.findByName([named(8).nombre.split(' ')[0]!.toLowerCase()], 1000)).customers),
    ).not.toContain(named(8).codigo);
  });

  it('finds by street and number ("Irarrázaval 4410"), street type and accents ignored', async () => {
    await buildNamed(600);
    const reader = new DirectoryReader(db, true);
    await reader.whenIndexed();
    const found = await reader.find('s', 'irarrazaval|4410');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((c) => c.calle === 'Av. Irarrázaval' && c.numero === '4410')).toBe(true);
    expect(codes(found)).toEqual(
      Array.from({ length: 600 }, (_, i) => named(i))
        .filter((c) => c.calle === 'Av. Irarrázaval' && c.numero === '4410')
        .map((c) => c.codigo)
        .sort(),
    );
  });

  it('a copy of the older layout answers by code meanwhile, and gets both indexes from a compaction', async () => {
    const writer = await buildNamed(300);
    // As a copy written before street and name indexes: no 's' bits, no layout.
    const idb = await backend(db);
    const old = {
      ...writer.meta,
      bits: { c: writer.meta.bits.c, r: writer.meta.bits.r, p: writer.meta.bits.p, a: writer.meta.bits.a },
    };
    delete (old as { layout?: number }).layout;
    const tx = idb.transaction([STORES.meta], 'readwrite');
    tx.objectStore(STORES.meta).put({ key: 'directory', value: old });
    await new Promise((resolve) => (tx.oncomplete = resolve));
    const reader = new DirectoryReader(db, true);
    expect(await reader.find('s', 'irarrazaval|4410')).toEqual([]);
    expect(await reader.findByName(['juana'])).toMatchObject({ customers: [], indexed: false });
    expect(codes(await reader.find('c', named(7).codigo))).toEqual([named(7).codigo]);

    const upgrading = await DirectoryWriter.open(db);
    await upgrading.compact();
    await reader.refresh();
    expect((await reader.findByName(['juana'])).customers.length).toBeGreaterThan(0);
    expect((await reader.find('s', 'irarrazaval|4400')).length).toBeGreaterThan(0);
  });
});
