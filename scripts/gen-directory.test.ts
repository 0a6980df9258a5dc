import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { popupPlan, popupTitle } from '../shared/blocks/popupPlan';
import { isEnabledForOrders, type Customer } from '../shared/directory/customer';
import { parseDirectoryCsv } from '../shared/directory/importer';
import { interpretQuery } from '../shared/search/query';
import { BLOCK_PROBLEM_LEAF_ID, leafById } from '../shared/requirements/typology';
import { isTicketOverdue, type TicketSummary } from '../shared/tickets/ticketHistory';
import { isValidRut } from '../shared/validation/rut';
import {
  SAMPLE_CUSTOMERS,
  SAMPLE_CUSTOMER_LIST,
  SAMPLE_DIRECTORY_PATH,
  SAMPLE_GENERATED_ROWS,
  SAMPLE_SEED,
  SAMPLE_TICKETS_PATH,
  MARKUP_DIRECTORY_PATH,
  TEST_ONLY_CUSTOMERS,
  fixtureCsvRows,
} from '../test/fixtures/sampleCustomers';
import {
  DIRECTORY_HEADER,
  FIRST_CODE,
  formatRow,
  generateDirectory,
  generateDirectoryText,
  writeDirectory,
} from './gen-directory';

const HEADER =
  'codigo,rut,nombre,telefonos,email,region,comuna,calle,numero,bloqueos,codigo_bloqueado,codigo_nuevo,pedido_abierto';
const root = join(import.meta.dirname, '..');
const readText = (path: string) => readFileSync(join(root, path), 'utf8');

describe('gen-directory', () => {
  const text = generateDirectoryText({ rows: 5000, seed: 'vitest' });
  const { customers, summary } = parseDirectoryCsv(text);

  it('writes exactly the header of the directory format', () => {
    expect(text.slice(0, text.indexOf('\n'))).toBe(HEADER);
  });

  it('is deterministic: same seed, same bytes; another seed, other data', () => {
    expect(generateDirectoryText({ rows: 5000, seed: 'vitest' })).toBe(text);
    expect(generateDirectoryText({ rows: 5000, seed: 'other' })).not.toBe(text);
  });

  it('produces rows that the importer takes with zero errors and zero warnings', () => {
    expect(summary.errors).toEqual([]);
    expect(summary.warnings).toEqual([]);
    expect(summary.lines).toBe(5000);
    expect(customers).toHaveLength(5000);
    expect(customers.map((c) => c.codigo)).toEqual(
      Array.from({ length: 5000 }, (_, i) => String(FIRST_CODE + i)),
    );
  });

  it('writes RUTs with valid check digits and phones in varied Chilean forms, never the Telecobranzas line', () => {
    const lines = text.trimEnd().split('\n').slice(1);
    const rutsWritten = lines.map((line) => line.split(',')[1] ?? '');
    expect(rutsWritten.every(isValidRut)).toBe(true);
    expect(rutsWritten.some((r) => r.includes('.'))).toBe(true);
    expect(rutsWritten.some((r) => /^\d+-[\dK]$/.test(r))).toBe(true);
    for (const form of [
      /"\+56 9 \d{4} \d{4}/,
      /"9\d{8}[";]/,
      /"00569\d{8}/,
      /\(2\) 2\d{3} \d{4}/,
      /[";]22\d{7}[";]/,
    ]) {
      expect(text).toMatch(form);
    }
    expect(customers.flatMap((c) => c.telefonos)).not.toContain('+56226939901');
    expect(customers.some((c) => c.comuna === 'Ñuñoa')).toBe(true);
  });

  it('mixes blocks realistically: most none, Z1 the most frequent, TC-format codes, several, replaced codes', () => {
    const count = (code: string) => customers.filter((c) => c.bloqueos.includes(code)).length;
    const unblocked = customers.filter((c) => c.bloqueos.length === 0).length;
    expect(unblocked / customers.length).toBeGreaterThan(0.7);
    const others = ['Z0', 'ZA', 'Z3', 'Z4', 'Z5', 'Z9', 'ZB', '2M', '2C', 'CÑ', '4A', 'CL'];
    for (const code of others) {
      expect(count(code), code).toBeGreaterThan(0);
      expect(count('Z1'), code).toBeGreaterThan(count(code));
    }
    expect(customers.some((c) => c.bloqueos.length > 1)).toBe(true);
    expect(customers.some((c) => c.pedidoAbierto !== null)).toBe(true);
    expect(text).toMatch(/\|En ruta\n/);
  });

  it('points every replaced code with a new code at an enabled record of the same customer', () => {
    const byCode = new Map(customers.map((c) => [c.codigo, c]));
    const replaced = customers.filter((c) => c.codigoBloqueado);
    expect(replaced.length).toBeGreaterThan(5);
    expect(replaced.some((c) => c.codigoNuevo === null)).toBe(true);
    for (const old of replaced.filter((c) => c.codigoNuevo)) {
      const successor = byCode.get(old.codigoNuevo ?? '');
      expect(successor && isEnabledForOrders(successor), old.codigo).toBe(true);
      expect(successor?.rut).toBe(old.rut);
      expect(successor?.addressKey).toBe(old.addressKey);
    }
  });

  it('gives every Z3 record an enabled record at the same address (the Z3 search has something to find)', () => {
    const z3 = customers.filter((c) => c.bloqueos.length === 1 && c.bloqueos[0] === 'Z3');
    expect(z3.length).toBeGreaterThan(5);
    for (const blocked of z3) {
      const found = customers.filter(
        (c) => c.addressKey === blocked.addressKey && c.codigo !== blocked.codigo && isEnabledForOrders(c),
      );
      expect(found.length, blocked.codigo).toBeGreaterThan(0);
    }
  });

  it('waits for drain: a slow consumer never has more than one chunk buffered', async () => {
    let maxBuffered = 0;
    let received = '';
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        received += chunk.toString('utf8');
        setImmediate(callback);
      },
    });
    const originalWrite = slow.write.bind(slow);
    slow.write = ((chunk: string) => {
      const ok = originalWrite(chunk);
      maxBuffered = Math.max(maxBuffered, slow.writableLength);
      return ok;
    }) as typeof slow.write;
    const options = { rows: 3000, seed: 'drain' };
    await writeDirectory(options, slow);
    await new Promise<void>((resolve) => slow.end(resolve));
    const largestChunk = Math.max(
      ...[...generateDirectory(options)].map((chunk) => Buffer.byteLength(chunk)),
    );
    expect(received).toBe(generateDirectoryText(options));
    expect(maxBuffered).toBeLessThanOrEqual(largestChunk);
  });

  describe('command line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-directory-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const run = (args: string[]) =>
      promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', join(root, 'scripts/gen-directory.ts'), ...args],
        {
          cwd: root,
          maxBuffer: 64 << 20,
        },
      );

    it('writes the same bytes to stdout and to --out, reporting rows/s on stderr', async () => {
      const out = join(dir, 'dir.csv');
      const [toStdout, toFile] = await Promise.all([
        run(['--rows', '4000', '--seed', '9']),
        run(['--rows', '4000', '--seed', '9', '--out', out]),
      ]);
      expect(toStdout.stdout).toBe(generateDirectoryText({ rows: 4000, seed: '9' }));
      expect(readFileSync(out, 'utf8')).toBe(toStdout.stdout);
      expect(toFile.stdout).toBe('');
      expect(toFile.stderr).toMatch(/4000 rows in [\d.]+ s \(\d+ rows\/s\)/);
    });

    it('refuses a missing or bad --rows', async () => {
      await expect(run(['--rows', 'many'])).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/--rows/),
      });
      await expect(run([])).rejects.toMatchObject({ code: 1 });
    });
  });
});

describe(SAMPLE_DIRECTORY_PATH, () => {
  const text = readText(SAMPLE_DIRECTORY_PATH);
  const { customers, summary } = parseDirectoryCsv(text);
  const byCode = new Map(customers.map((c) => [c.codigo, c]));
  const fixture = (code: string): Customer => {
    const found = byCode.get(code);
    if (!found) throw new Error(`fixture ${code} missing from the sample`);
    return found;
  };

  it('is the generator output for the documented seed followed by the fixture rows', () => {
    const expected = generateDirectoryText({
      rows: SAMPLE_GENERATED_ROWS,
      seed: SAMPLE_SEED,
      withFixtures: true,
    });
    // A checkout with CRLF conversion must still count as up to date.
    expect(text.replace(/\r\n/g, '\n')).toBe(expected);
  });

  it('imports whole: zero errors, one warning (the unknown code Z7, there on purpose)', () => {
    expect(summary.errors).toEqual([]);
    expect(summary.warnings).toEqual([
      {
        line: SAMPLE_GENERATED_ROWS + 1 + SAMPLE_CUSTOMER_LIST.indexOf(SAMPLE_CUSTOMERS.unknownZ7) + 1,
        reason: 'código de bloqueo «Z7» desconocido: se importó, y su pop-up deriva el caso al supervisor',
      },
    ]);
    expect(customers).toHaveLength(SAMPLE_GENERATED_ROWS + SAMPLE_CUSTOMER_LIST.length);
  });

  it('holds every fixture exactly as test/fixtures/sampleCustomers.ts documents it', () => {
    for (const c of SAMPLE_CUSTOMER_LIST) {
      const { written: _written, ticket: _ticket, exercises: _exercises, ...stored } = c;
      expect(fixture(c.codigo), c.codigo).toEqual({ ...stored, addressKey: expect.any(String) });
    }
  });

  it('covers every known block, the TC-format codes, an unknown code and customers with several blocks', () => {
    const codes = new Set(SAMPLE_CUSTOMER_LIST.flatMap((c) => c.bloqueos));
    for (const code of ['Z0', 'Z1', 'ZA', 'Z3', 'Z4', 'Z5', 'Z9', 'ZB', '2M', '2C', 'CÑ', '4A', 'CL', 'Z7'])
      expect(codes).toContain(code);
    expect(text).toContain('," cl ",');
    expect(fixture(SAMPLE_CUSTOMERS.multiZ4ZBZ1.codigo).bloqueos).toEqual(['Z4', 'ZB', 'Z1']);
    expect(fixture(SAMPLE_CUSTOMERS.noBlock.codigo).bloqueos).toEqual([]);
  });

  it('gives each fixture search key only the customers the table lists', () => {
    // A key shared on purpose: [customers that share it]. Every other fixture key must be unique in the file.
    const shared = {
      phone: { '+56958881200': ['90000008', '90000009'], '+56987776666': ['90000021', '90000022'] },
      rut: { '16789012-1': ['90000021', '90000022'], '24681357-4': ['90000026', '90000027'] },
      address: { 'penalolen|8450': ['90000006', '90000007'], 'rancagua|260': ['90000021', '90000022'] },
    } as Record<'phone' | 'rut' | 'address', Record<string, string[]>>;
    const matches = (by: 'phone' | 'rut' | 'address', value: string) =>
      customers
        .filter((c) =>
          by === 'phone'
            ? c.telefonos.includes(value)
            : by === 'rut'
              ? c.rut === value
              : c.addressKey === value,
        )
        .map((c) => c.codigo)
        .sort();
    for (const c of SAMPLE_CUSTOMER_LIST) {
      const stored = fixture(c.codigo);
      const keys: Array<['phone' | 'rut' | 'address', string]> = [
        ...stored.telefonos.map((p): ['phone', string] => ['phone', p]),
        ['rut', stored.rut],
        ['address', stored.addressKey],
      ];
      for (const [by, value] of keys) {
        expect(matches(by, value), `${c.codigo} ${by} ${value}`).toEqual(shared[by][value] ?? [c.codigo]);
      }
    }
  });

  it('lets the search box reach the fixtures by address, whatever the accents and case', () => {
    for (const query of ['Ñuñoa 1234', 'nunoa 1234', 'ÑUÑOA 1234']) {
      const address = interpretQuery(query).find((k) => k.by === 'address');
      expect(customers.filter((c) => c.addressKey === address?.value).map((c) => c.codigo)).toEqual([
        SAMPLE_CUSTOMERS.noBlock.codigo,
      ]);
    }
  });

  it('gives the Z3 fixtures an enabled record to find, and the replaced code a new code to go to', () => {
    const enabledOther = (c: Customer, same: (o: Customer) => boolean) =>
      customers.filter((o) => o.codigo !== c.codigo && isEnabledForOrders(o) && same(o)).map((o) => o.codigo);
    const byAddress = fixture(SAMPLE_CUSTOMERS.z3AddressMatch.codigo);
    expect(enabledOther(byAddress, (o) => o.addressKey === byAddress.addressKey)).toEqual([
      SAMPLE_CUSTOMERS.z3AddressTarget.codigo,
    ]);
    const byPhone = fixture(SAMPLE_CUSTOMERS.z3PhoneMatch.codigo);
    expect(enabledOther(byPhone, (o) => o.telefonos.some((p) => byPhone.telefonos.includes(p)))).toEqual([
      SAMPLE_CUSTOMERS.z3PhoneTarget.codigo,
    ]);
    const byRut = fixture(SAMPLE_CUSTOMERS.multiZ3TC2M.codigo);
    expect(enabledOther(byRut, (o) => o.rut === byRut.rut)).toEqual([
      SAMPLE_CUSTOMERS.multiZ3RutTarget.codigo,
    ]);

    const replaced = fixture(SAMPLE_CUSTOMERS.replacedWithNewCode.codigo);
    expect(isEnabledForOrders(fixture(replaced.codigoNuevo ?? ''))).toBe(true);
    const orphan = fixture(SAMPLE_CUSTOMERS.replacedWithoutNewCode.codigo);
    expect(orphan.codigoNuevo).toBeNull();
    expect(enabledOther(orphan, (o) => o.rut === orphan.rut || o.addressKey === orphan.addressKey)).toEqual(
      [],
    );
  });

  it('leads each fixture to the pop-ups its row is there for', () => {
    const titles = (code: string) => popupPlan(fixture(code)).map(popupTitle);
    const s = SAMPLE_CUSTOMERS;
    expect(titles(s.noBlock.codigo)).toEqual([]);
    expect(titles(s.tcClLowerCase.codigo)).toEqual(['Bloqueo CL — Bloqueo de Telecobranzas']);
    expect(titles(s.unknownZ7.codigo)).toEqual(['Bloqueo Z7 — código desconocido']);
    expect(titles(s.multiZ4ZBZ1.codigo).map((t) => t.split(' — ')[0])).toEqual([
      'Bloqueo Z4',
      'Bloqueo ZB',
      'Bloqueo Z1',
    ]);
    expect(titles(s.multiZ3TC2M.codigo).map((t) => t.split(' — ')[0])).toEqual(['Bloqueo Z3', 'Bloqueo 2M']);
    expect(titles(s.replacedWithNewCode.codigo)).toEqual([
      'Código de cliente 90000021 bloqueado — reemplazado por un código nuevo',
    ]);
    const [order] = popupPlan(fixture(s.z1OpenOrder.codigo));
    expect(order?.type === 'block' && order.openOrder).toMatchObject({ id: 'PED-1029', status: 'En ruta' });
  });
});

describe('the demo sample and the test-only fixtures', () => {
  it('keeps markup-named customers out of the demo sample', () => {
    const { customers } = parseDirectoryCsv(readText(SAMPLE_DIRECTORY_PATH));
    expect(customers.filter((c) => /[<>]/.test(c.nombre))).toEqual([]);
    expect(customers.map((c) => c.codigo)).not.toContain(TEST_ONLY_CUSTOMERS.markupName.codigo);
  });

  it(`keeps them in ${MARKUP_DIRECTORY_PATH}, generated from TEST_ONLY_CUSTOMERS`, () => {
    const expected =
      `${DIRECTORY_HEADER}\n` + fixtureCsvRows(Object.values(TEST_ONLY_CUSTOMERS)).map(formatRow).join('');
    expect(readText(MARKUP_DIRECTORY_PATH).replace(/\r\n/g, '\n')).toBe(expected);
    const { customers, summary } = parseDirectoryCsv(expected);
    expect(summary.errors).toEqual([]);
    expect(customers.map((c) => c.nombre)).toEqual(['<img src=x onerror=alert(1)>']);
  });
});

describe('test/fixtures/broken-directory.csv', () => {
  // `;`-separated, UTF-8 with BOM, CRLF. Line numbers count records (spreadsheet rows, header = 1):
  // the name of line 2 spans two physical lines, so each later record sits one physical line lower.
  const bytes = readFileSync(join(root, 'test/fixtures/broken-directory.csv'));
  const { customers, summary } = parseDirectoryCsv(bytes.toString('utf8'));

  it('is the kind of file it claims to be', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toMatch(/^\uFEFFcodigo;rut;/);
  });

  it('lists every broken row with its line and a reason in Spanish', () => {
    expect(summary.errors).toEqual([
      {
        line: 3,
        reason:
          'RUT inválido «12.345.678-9» (el dígito verificador no corresponde o el formato es incorrecto)',
      },
      { line: 4, reason: 'falta el código de cliente' },
      { line: 5, reason: 'número de columnas incorrecto: se esperaban 13 y hay 7' },
      { line: 6, reason: 'codigo_bloqueado debe ser SI o NO (dice «QUIZÁS»)' },
      { line: 7, reason: 'pedido_abierto debe tener la forma <id>|<estado> (dice «PED-77»)' },
      { line: 9, reason: 'código de cliente 80000007 repetido (ya aparece en la línea 8): se omitió' },
    ]);
    expect(summary.warnings).toEqual([
      { line: 10, reason: 'teléfono «12345» no es un número chileno válido: se omitió' },
    ]);
  });

  it('imports all the good rows and drops nothing else', () => {
    expect(summary.lines).toBe(10);
    expect(summary.imported).toBe(4);
    expect(customers.map((c) => c.codigo)).toEqual(['80000001', '80000007', '80000009', '80000010']);
    expect(summary.lines).toBe(summary.imported + summary.errors.length);
  });

  it('keeps quoted newlines and doubled quotes, and the valid phones next to an invalid one', () => {
    const [first, second, third, fourth] = customers;
    expect(first?.nombre).toBe('Restaurante "El Fogón"\r\nSucursal Centro');
    expect(first?.telefonos).toEqual(['+56987651111', '+56224441111']);
    expect(second?.nombre).toBe('Inés Cáceres Ruiz'); // the first 80000007 wins over its duplicate
    expect(second?.bloqueos).toEqual(['Z4', 'CL']);
    expect(third?.telefonos).toEqual(['+56944441212', '+56223334444']);
    expect(fourth).toMatchObject({
      codigoBloqueado: true,
      codigoNuevo: '80000001',
      pedidoAbierto: { id: 'PED-88', status: 'Programado' },
    });
  });
});

describe(SAMPLE_TICKETS_PATH, () => {
  const ticketSchema = z.strictObject({
    id: z.string().min(1),
    customerCode: z.string().min(1),
    typeId: z.string(),
    typology: z.strictObject({ asunto: z.string(), item: z.string(), subitem: z.string().nullable() }),
    status: z.enum(['abierto', 'cerrado']),
    dueDate: z.iso.date(),
    createdAt: z.iso.datetime(),
    closedAt: z.iso.datetime().nullable(),
    relatedTicketId: z.string().nullable(),
    resolution: z
      .strictObject({
        answer: z.string(),
        replyMailbox: z.string().nullable(),
        balance: z
          .strictObject({ amount: z.number(), unit: z.enum(['pesos', 'litros']), approved: z.boolean() })
          .nullable(),
      })
      .nullable(),
  }) satisfies z.ZodType<TicketSummary>;
  const tickets = z.array(ticketSchema).parse(JSON.parse(readText(SAMPLE_TICKETS_PATH)));
  const today = '2026-11-26';

  it('holds «Problema de bloqueo» tickets for the Z4 fixtures, as the fixture table says', () => {
    const leaf = leafById(BLOCK_PROBLEM_LEAF_ID)!;
    for (const t of tickets) {
      expect(t.typeId).toBe(BLOCK_PROBLEM_LEAF_ID);
      expect(t.typology).toEqual({ asunto: leaf.asunto, item: leaf.item, subitem: leaf.subitem });
    }
    const withTicket = SAMPLE_CUSTOMER_LIST.filter((c) => c.ticket);
    expect(
      tickets.map((t) => ({ code: t.customerCode, id: t.id, status: t.status, dueDate: t.dueDate })),
    ).toEqual(withTicket.map((c) => ({ code: c.codigo, ...c.ticket })));
    expect(withTicket.every((c) => c.bloqueos.includes('Z4'))).toBe(true);
  });

  it('has one open ticket on time, one open and overdue, one closed', () => {
    const byCode = new Map(tickets.map((t) => [t.customerCode, t]));
    const open = byCode.get(SAMPLE_CUSTOMERS.z4OpenTicket.codigo);
    const overdue = byCode.get(SAMPLE_CUSTOMERS.z4OverdueTicket.codigo);
    expect(open?.status).toBe('abierto');
    expect(open && isTicketOverdue(open, today)).toBe(false);
    expect(overdue?.status).toBe('abierto');
    expect(overdue && isTicketOverdue(overdue, today)).toBe(true);
    expect(byCode.get(SAMPLE_CUSTOMERS.z4NoTicket.codigo)?.status).toBe('cerrado');
  });
});
