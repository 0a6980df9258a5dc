// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import type { TicketSummary } from '../../shared/tickets/ticketHistory';
import { CompanionDb } from '../db/db';
import { LocalDirectory } from '../features/directory';
import { forgetReplacedSample, seedDemoData, type DemoSample } from './demoData';

const HEADER =
  'codigo,rut,nombre,telefonos,email,region,comuna,calle,numero,bloqueos,codigo_bloqueado,codigo_nuevo,pedido_abierto';
const sample: DemoSample = {
  directoryCsv: `${HEADER}\n90000004,12.345.678-5,Cliente de Ejemplo,912345679,,RM,Maipú,Pajaritos,55,Z4,NO,,\n`,
  tickets: [
    {
      id: 'TK-DEMO-1',
      customerCode: '90000004',
      typeId: 'servicio.problema-bloqueo.fuera-de-norma',
      typology: { asunto: 'Servicio', item: 'Problema de bloqueo', subitem: 'Fuera de norma' },
      status: 'abierto',
      dueDate: '2099-12-31',
      createdAt: '2026-01-01T10:00:00Z',
      closedAt: null,
      relatedTicketId: null,
      resolution: null,
    } satisfies TicketSummary,
  ],
};
const real = (codigo: string) =>
  new File(
    [`${HEADER}\n${codigo},11.111.111-1,Cliente Real,912345670,,RM,Ñuñoa,Grecia,1,,NO,,\n`],
    'real.csv',
  );

let db: CompanionDb;
let directory: LocalDirectory;

beforeEach(async () => {
  db = new CompanionDb(`demo-${Math.random()}`);
  directory = new LocalDirectory(db, () => null);
});

describe('demo data', () => {
  it('loads the sample and its tickets into an empty workstation, once', async () => {
    expect(await seedDemoData(db, directory, async () => sample)).toBe(true);
    expect(await directory.count()).toBe(1);
    expect(await db.tickets.get('TK-DEMO-1')).toBeDefined();
    expect(await seedDemoData(db, directory, async () => sample)).toBe(false);
  });

  it('never over a real directory', async () => {
    await directory.importFile(real('10000001'), () => undefined);
    let loaded = false;
    expect(
      await seedDemoData(db, directory, async () => {
        loaded = true;
        return sample;
      }),
    ).toBe(false);
    expect(loaded).toBe(false);
    expect(await db.tickets.count()).toBe(0);
  });

  it('goes, tickets too, once a real directory replaces it', async () => {
    await seedDemoData(db, directory, async () => sample);
    await forgetReplacedSample(db, directory);
    expect(await db.tickets.count()).toBe(1); // still the demo desk
    await directory.importFile(real('10000001'), () => undefined);
    await forgetReplacedSample(db, directory);
    expect(await db.tickets.count()).toBe(0);
    expect(await directory.count()).toBe(1);
  });
});
