// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { CompanionDb } from '../../db/db';
import { createCustomerSearch } from '../search/searchService';
import { LocalDirectory } from './directoryService';
import { testCustomer } from './storage/testCustomers';

const db = new CompanionDb();
// No Worker in Node: the writer runs inline, as it does where a worker cannot start.
const directory = new LocalDirectory(db, () => null);
const directoryClient = directory.client;
const directoryReader = directory.reader;
const search = createCustomerSearch(directory.reader);
const getCustomer = (codigo: string) => search.getCustomer(codigo);
const searchCustomers = (query: string) => search.searchCustomers(query);
const countCustomers = () => directory.count();
const importDirectoryFile = (file: Blob, onProgress: (fraction: number) => void) =>
  directory.importFile(file, onProgress);

const HEADER =
  'codigo,rut,nombre,telefonos,email,region,comuna,calle,numero,bloqueos,codigo_bloqueado,codigo_nuevo,pedido_abierto';

function csvFile(lines: string[], name = 'directorio.csv'): File {
  return new File([lines.join('\n')], name, { type: 'text/csv' });
}

beforeEach(async () => {
  await db.transaction(
    'rw',
    [db.table('dirPages'), db.table('dirIndex'), db.table('dirOverlay'), db.meta, db.customers],
    async () => {
      await Promise.all([
        db.table('dirPages').clear(),
        db.table('dirIndex').clear(),
        db.table('dirOverlay').clear(),
        db.meta.clear(),
        db.customers.clear(),
      ]);
    },
  );
  await directoryReader.refresh();
});

describe('importing a directory file', () => {
  it('imports the good rows, lists the bad ones by line, and a re-import changes nothing', async () => {
    const lines = [
      HEADER,
      '10000001,12.345.678-5,Ana Soto,"+56 9 1234 5678;226939900",ana@correo.cl,RM,Ñuñoa,Irarrázaval,1234,"Z1;2M",NO,,PED-1|En ruta',
      '10000002,12.345.678-9,RUT Malo,912345678,,RM,Santiago,Alameda,10,,NO,,',
      '10000003,11.111.111-1,Sin Bloqueo,912345679,,RM,Maipú,Pajaritos,55,,NO,,',
    ];
    const progress: number[] = [];
    const first = await importDirectoryFile(csvFile(lines), (f) => progress.push(f));
    expect(first.added).toBe(2);
    expect(first.summary.errors).toEqual([
      expect.objectContaining({ line: 3, reason: expect.stringContaining('RUT inválido') }),
    ]);
    expect(progress.at(-1)).toBe(1);
    const ana = await getCustomer('10000001');
    expect(ana?.telefonos).toEqual(['+56912345678', '+56226939900']);
    expect(ana?.bloqueos).toEqual(['Z1', '2M']);
    expect(ana?.pedidoAbierto).toEqual({ id: 'PED-1', status: 'En ruta' });

    const again = await importDirectoryFile(csvFile(lines), () => undefined);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
    expect(await countCustomers()).toBe(2);

    const changed = await importDirectoryFile(
      csvFile([
        HEADER,
        '10000003,11.111.111-1,Sin Bloqueo,912345670,,RM,Maipú,Pajaritos,55,,NO,,',
        '10000004,12.345.678-5,Nuevo,,,RM,Ñuñoa,Grecia,1,,NO,,',
      ]),
      () => undefined,
    );
    expect(changed).toMatchObject({ added: 1, updated: 1, unchanged: 0 });
    expect(await countCustomers()).toBe(3);
    // Searches see the new phone at once, and no longer the old one.
    expect((await searchCustomers('912345670')).map((h) => h.customer.codigo)).toEqual(['10000003']);
    expect(await searchCustomers('912345679')).toEqual([]);
    expect((await searchCustomers('Ñuñoa 1234')).map((h) => h.customer.codigo)).toEqual(['10000001']);
  });

  it('reads a semicolon file with a BOM', async () => {
    const lines = [
      '\uFEFF' + HEADER.replaceAll(',', ';'),
      '10000004;12.345.678-5;Con BOM;912345678;;RM;Ñuñoa;Grecia;1234;ZB;NO;;',
    ];
    const result = await importDirectoryFile(csvFile(lines), () => undefined);
    expect(result.summary.errors).toEqual([]);
    expect((await getCustomer('10000004'))?.bloqueos).toEqual(['ZB']);
  });

  it('rejects a file without the directory header in Spanish, and keeps what was there', async () => {
    await importDirectoryFile(
      csvFile([HEADER, '10000003,11.111.111-1,Sin Bloqueo,912345679,,RM,Maipú,Pajaritos,55,,NO,,']),
      () => undefined,
    );
    await expect(importDirectoryFile(csvFile(['a,b,c', '1,2,3']), () => undefined)).rejects.toThrow(
      /faltan las columnas/,
    );
    expect(await countCustomers()).toBe(1);
  });

  it('the sample is loaded only into an empty copy', async () => {
    const sample = new Blob([
      [HEADER, '10000003,11.111.111-1,Sin Bloqueo,912345679,,RM,Maipú,Pajaritos,55,,NO,,'].join('\n'),
    ]);
    expect(await directoryClient.seedIfEmpty(sample)).toMatchObject({ added: 1 });
    expect(await directoryClient.seedIfEmpty(sample)).toBeNull();
  });

  it('a real directory replaces the sample whole: no demo customer is left in it', async () => {
    const sample = new Blob([
      [HEADER, '10000003,11.111.111-1,Cliente de Ejemplo,912345679,,RM,Maipú,Pajaritos,55,,NO,,'].join('\n'),
    ]);
    await directoryClient.seedIfEmpty(sample);
    expect((await directoryReader.info()).source).toBe('sample');
    const real = await importDirectoryFile(
      csvFile([HEADER, '10000009,12.345.678-5,Cliente Real,912345670,,RM,Ñuñoa,Grecia,1,,NO,,']),
      () => undefined,
    );
    expect(real).toMatchObject({ added: 1, updated: 0, unchanged: 0 });
    expect(await getCustomer('10000003')).toBeUndefined();
    expect(await countCustomers()).toBe(1);
    expect((await directoryReader.info()).source).toBe('file');
    // From then on imports merge as usual, and the sample never comes back.
    await importDirectoryFile(
      csvFile([HEADER, '10000010,11.111.111-1,Otro Real,912345671,,RM,Maipú,Pajaritos,56,,NO,,']),
      () => undefined,
    );
    expect(await countCustomers()).toBe(2);
    expect(await directoryClient.seedIfEmpty(sample)).toBeNull();
  });

  it("moves the first app version's customers table into the paged layout once", async () => {
    await db.customers.bulkPut([testCustomer(1), testCustomer(2)]);
    expect(await directoryClient.migrateLegacy()).toBe(2);
    expect(await db.customers.count()).toBe(0);
    expect(await getCustomer(testCustomer(2).codigo)).toEqual(testCustomer(2));
    expect(await countCustomers()).toBe(2);
  });
});
