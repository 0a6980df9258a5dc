import { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { exportColumns, maskPhone, maskRut, neutralizeCell, toCsv, toXlsx } from './table';

interface Row {
  rut: string;
  phone: string;
  name: string;
  forms: number;
  at: Date;
}

const rows: Row[] = [
  {
    rut: '12.345.678-5',
    phone: '+56 9 1234 5678',
    name: 'Ñuñoa; "Gas" Ltda.',
    forms: 3,
    at: new Date('2026-12-01T12:30:00Z'),
  },
  {
    rut: '9.876.543-K',
    phone: '+56 2 2693 9901',
    name: '=HYPERLINK("http://x","clic")',
    forms: -2,
    at: new Date('2026-06-01T03:30:00Z'),
  },
];
const columns = exportColumns<Row>([
  { header: 'RUT', value: (r) => r.rut, sensitive: 'rut' },
  { header: 'Teléfono', value: (r) => r.phone, sensitive: 'phone' },
  { header: 'Nombre', value: (r) => r.name },
  { header: 'Formularios', value: (r) => r.forms },
  { header: 'Fecha', value: (r) => r.at },
]);

describe('formula injection', () => {
  it('makes every formula-looking text inert, and leaves the rest as typed', () => {
    for (const text of ['=1+1', '+56 9 1234', '-2', '@SUM(A1)', '\tx', '\rx'])
      expect(neutralizeCell(text)).toBe(`'${text}`);
    for (const text of ['Juan', '1+1', 'a=b', '']) expect(neutralizeCell(text)).toBe(text);
  });
});

describe('masking', () => {
  it('keeps the last digits and the check digit of a RUT', () => {
    expect(maskRut('12.345.678-5')).toBe('**.***.678-5');
    expect(maskRut('9876543-k')).toBe('*.***.543-K');
    // Masking twice changes nothing (the server masks for roles that may not see RUTs).
    expect(maskRut(maskRut('12.345.678-5'))).toBe('**.***.678-5');
    expect(maskPhone(maskPhone('+56 9 1234 5678'))).toBe('+** * **** 5678');
  });
  // A phone starts with '+', which a spreadsheet would read as a formula: exports prefix it with '.
  it('keeps the last four digits of a phone, in its own layout', () => {
    expect(maskPhone('+56 9 1234 5678')).toBe('+** * **** 5678');
    expect(maskPhone('226939901')).toBe('*****9901');
  });
});

describe('CSV', () => {
  it('writes what the table shows: masked personal data, quoted fields, local times, inert formulas', () => {
    const csv = toCsv(columns, rows, { mask: true });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'RUT;Teléfono;Nombre;Formularios;Fecha',
      `**.***.678-5;'+** * **** 5678;"Ñuñoa; ""Gas"" Ltda.";3;2026-12-01 09:30`,
      `*.***.543-K;'+** * **** 9901;"'=HYPERLINK(""http://x"",""clic"")";-2;2026-05-31 23:30`,
      '',
    ]);
  });
  it('shows personal data to a role that may see it', () => {
    const csv = toCsv(columns, rows, { mask: false, delimiter: ',', bom: false });
    expect(csv.split('\r\n')[1]).toBe(
      `12.345.678-5,'+56 9 1234 5678,"Ñuñoa; ""Gas"" Ltda.",3,2026-12-01 09:30`,
    );
  });
});

describe('.xlsx', () => {
  it('reads back as the same table, with numbers as numbers and formulas as text', async () => {
    const bytes = await toXlsx(columns, rows, { mask: true, sheet: 'Formularios por agente' });
    const sheet = await readSheet(Buffer.from(bytes));
    expect(sheet).toEqual([
      ['RUT', 'Teléfono', 'Nombre', 'Formularios', 'Fecha'],
      ['**.***.678-5', "'+** * **** 5678", 'Ñuñoa; "Gas" Ltda.', 3, '2026-12-01 09:30'],
      ['*.***.543-K', "'+** * **** 9901", `'=HYPERLINK("http://x","clic")`, -2, '2026-05-31 23:30'],
    ]);
  });
});
