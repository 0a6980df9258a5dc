// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../db/db';
import { importDirectoryFile } from './importDirectory';

const HEADER = 'codigo,rut,nombre,telefonos,email,region,comuna,calle,numero,bloqueos,codigo_bloqueado,codigo_nuevo,pedido_abierto';

function csvFile(lines: string[], name = 'directorio.csv'): File {
  return new File([lines.join('\n')], name, { type: 'text/csv' });
}

describe('importing a directory file', () => {
  beforeEach(async () => {
    await db.customers.clear();
  });

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
    expect(first.summary.errors).toEqual([expect.objectContaining({ line: 3, reason: expect.stringContaining('RUT inválido') })]);
    expect(progress.at(-1)).toBe(1);
    const ana = await db.customers.get('10000001');
    expect(ana?.telefonos).toEqual(['+56912345678', '+56226939900']);
    expect(ana?.bloqueos).toEqual(['Z1', '2M']);

    const again = await importDirectoryFile(csvFile(lines), () => undefined);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
    expect(await db.customers.count()).toBe(2);
  });

  it('reads a semicolon file with a BOM', async () => {
    const lines = ['\uFEFF' + HEADER.replaceAll(',', ';'), '10000004;12.345.678-5;Con BOM;912345678;;RM;Ñuñoa;Grecia;1234;ZB;NO;;'];
    const result = await importDirectoryFile(csvFile(lines), () => undefined);
    expect(result.summary.errors).toEqual([]);
    expect((await db.customers.get('10000004'))?.bloqueos).toEqual(['ZB']);
  });
});
