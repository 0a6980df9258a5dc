import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { DirectoryRecordReader, detectDelimiter, parseDirectoryCsv } from './importer';

const HEADER =
  'codigo,rut,nombre,telefonos,email,region,comuna,calle,numero,bloqueos,codigo_bloqueado,codigo_nuevo,pedido_abierto';
const GOOD =
  '10000001,12.345.678-5,Juana Pérez,"+56 9 8765 4321;(2) 2693 9901",juana@gmail.com,Metropolitana,Ñuñoa,Av. Irarrázaval,1234,"Z4; cl ",NO,,PED-1029|En ruta';
const csv = (...lines: string[]) => lines.join('\n');

describe('parseDirectoryCsv', () => {
  it('reads a good row into a normalised customer', () => {
    const { customers, summary } = parseDirectoryCsv(csv(HEADER, GOOD));
    expect(summary).toEqual({ lines: 1, imported: 1, errors: [], warnings: [] });
    expect(customers).toEqual([
      {
        codigo: '10000001',
        rut: '12345678-5',
        nombre: 'Juana Pérez',
        telefonos: ['+56987654321', '+56226939901'],
        email: 'juana@gmail.com',
        region: 'Metropolitana',
        comuna: 'Ñuñoa',
        calle: 'Av. Irarrázaval',
        numero: '1234',
        bloqueos: ['Z4', 'CL'],
        codigoBloqueado: false,
        codigoNuevo: null,
        pedidoAbierto: { id: 'PED-1029', status: 'En ruta' },
        addressKey: 'nunoa|1234',
      },
    ]);
  });

  it('accepts a UTF-8 BOM, CRLF line ends and a trailing newline', () => {
    const { customers, summary } = parseDirectoryCsv(`\uFEFF${HEADER}\r\n${GOOD}\r\n`);
    expect(summary.errors).toEqual([]);
    expect(customers.map((c) => c.codigo)).toEqual(['10000001']);
  });

  it('accepts `;` as the delimiter, with `;` lists inside quoted fields', () => {
    const header = HEADER.replaceAll(',', ';');
    const row =
      '10000002;9.876.543-3;Rodrigo Fuentes;"954321098;226939901";;Biobío;Concepción;Los Carrera;455;"Z1;2M";SI;10000003;';
    const { customers, summary } = parseDirectoryCsv(`\uFEFF${header}\n${row}\n`);
    expect(summary.errors).toEqual([]);
    expect(customers[0]).toMatchObject({
      telefonos: ['+56954321098', '+56226939901'],
      bloqueos: ['Z1', '2M'],
      codigoBloqueado: true,
      codigoNuevo: '10000003',
    });
  });

  it('keeps quoted commas, doubled quotes and embedded newlines inside a field', () => {
    const row =
      '10000004,12.345.678-5,"Comercial ""El Roble"", Ltda.",,,RM,Santiago,"Pasaje 3,\nVilla Los Aromos",12,,NO,,';
    const { customers, summary } = parseDirectoryCsv(csv(HEADER, row, GOOD.replace('10000001', '10000005')));
    expect(summary.errors).toEqual([]);
    expect(customers[0]?.nombre).toBe('Comercial "El Roble", Ltda.');
    expect(customers[0]?.calle).toBe('Pasaje 3,\nVilla Los Aromos');
    expect(customers[1]?.codigo).toBe('10000005');
  });

  it('accepts the columns in any order and ignores extra ones', () => {
    const header =
      'nombre,codigo,extra,rut,telefonos,email,region,comuna,calle,numero,bloqueos,codigo_bloqueado,codigo_nuevo,pedido_abierto';
    const { customers, summary } = parseDirectoryCsv(
      csv(header, 'Ana Díaz,10000006,whatever,123456785,,,,Maipú,Pajaritos,3,Z0,no,,'),
    );
    expect(summary.errors).toEqual([]);
    expect(customers[0]).toMatchObject({
      codigo: '10000006',
      nombre: 'Ana Díaz',
      rut: '12345678-5',
      bloqueos: ['Z0'],
      codigoBloqueado: false,
    });
  });

  it('lists each broken row with its line and a Spanish reason, and imports all the good ones', () => {
    const text = csv(
      HEADER,
      GOOD, // 2
      '10000002,12.345.678-4,Pedro Soto,,,RM,Maipú,Pajaritos,1,,NO,,', // 3: check digit
      ',12.345.678-5,Sin Código,,,RM,Maipú,Pajaritos,1,,NO,,', // 4: no code
      '10000004,12.345.678-5,Muy Corta', // 5: columns
      '10000005,12.345.678-5,Rosa Tapia,,,RM,Talca,2 Norte,3,,QUIZÁS,,', // 6: SI/NO
      '10000006,12.345.678-5,Jorge Vidal,,,RM,Chillán,Libertad,10,Z1,NO,,PED-77', // 7: order
      '10000007,,Sin Rut,,,RM,Macul,Macul,20,,NO,,', // 8: no RUT
      '10000008,12.345.678-5,,,,RM,Macul,Macul,20,,NO,,', // 9: no name
      '10000001,12.345.678-5,Duplicado,,,RM,Macul,Macul,20,,NO,,', // 10: duplicate code
      '10000010,12.345.678-5,Germán Núñez,"+56 9 4444 1212;12345",correo-malo,RM,La Reina,Ossa,45,,NO,,', // 11: warnings
      '100 00011,12.345.678-5,Código Raro,,,RM,Macul,Macul,20,,NO,,', // 12: bad code
      '10000012,12.345.678-5,Pedido Sin Id,,,RM,Macul,Macul,20,Z1,NO,,|En ruta', // 13: order without id
    );
    const { customers, summary } = parseDirectoryCsv(text);
    expect(summary.errors).toEqual([
      {
        line: 3,
        reason:
          'RUT inválido «12.345.678-4» (el dígito verificador no corresponde o el formato es incorrecto)',
      },
      { line: 4, reason: 'falta el código de cliente' },
      { line: 5, reason: 'número de columnas incorrecto: se esperaban 13 y hay 3' },
      { line: 6, reason: 'codigo_bloqueado debe ser SI o NO (dice «QUIZÁS»)' },
      { line: 7, reason: 'pedido_abierto debe tener la forma <id>|<estado> (dice «PED-77»)' },
      { line: 8, reason: 'falta el RUT' },
      { line: 9, reason: 'falta el nombre del cliente' },
      { line: 10, reason: 'código de cliente 10000001 repetido (ya aparece en la línea 2): se omitió' },
      { line: 12, reason: 'código de cliente inválido «100 00011»' },
      { line: 13, reason: 'pedido_abierto debe tener la forma <id>|<estado> (dice «|En ruta»)' },
    ]);
    expect(summary.warnings).toEqual([
      { line: 11, reason: 'teléfono «12345» no es un número chileno válido: se omitió' },
      { line: 11, reason: 'correo «correo-malo» no es válido: se omitió' },
    ]);
    expect(customers.map((c) => c.codigo)).toEqual(['10000001', '10000010']);
    expect(customers[0]?.nombre).toBe('Juana Pérez'); // the first row with a code wins
    expect(customers[1]).toMatchObject({ telefonos: ['+56944441212'], email: '' });
    expect(summary).toMatchObject({ lines: 12, imported: 2 });
  });

  it('refuses a line carrying a NUL (the database cannot store it) and keeps the others', () => {
    const { customers, summary } = parseDirectoryCsv(
      csv(HEADER, GOOD, '10000002,12.345.678-5,Ro\u0000sa,,,RM,Talca,2 Norte,3,,NO,,'),
    );
    expect(summary.errors).toEqual([
      { line: 3, reason: 'contiene caracteres no válidos (un carácter nulo): corrija esa línea del archivo' },
    ]);
    expect(customers.map((c) => c.codigo)).toEqual(['10000001']);
  });

  it('accepts SI, Sí and NO in any case, and empty as NO', () => {
    const rows = ['SI', 'sí', 'no', ''].map(
      (v, i) => `1000002${i},12.345.678-5,Cliente ${i},,,RM,Macul,Macul,${i},,${v},,`,
    );
    const { customers, summary } = parseDirectoryCsv(csv(HEADER, ...rows));
    expect(summary.errors).toEqual([]);
    expect(customers.map((c) => c.codigoBloqueado)).toEqual([true, true, false, false]);
  });

  it('skips blank lines without reporting them', () => {
    const { customers, summary } = parseDirectoryCsv(csv(HEADER, '', GOOD, '', ''));
    expect(summary).toMatchObject({ lines: 1, imported: 1, errors: [], warnings: [] });
    expect(customers).toHaveLength(1);
  });

  it('refuses a header with missing columns, naming them in Spanish', () => {
    const header = 'codigo,rut,nombre,telefonos,email,region,comuna,calle,numero,bloqueos';
    expect(() => parseDirectoryCsv(csv(header, '1,2,3,4,5,6,7,8,9,10'))).toThrow(
      'El archivo no es un directorio válido: faltan las columnas codigo_bloqueado, codigo_nuevo, pedido_abierto en la línea 1.',
    );
    expect(() => parseDirectoryCsv(GOOD)).toThrow(/faltan las columnas/);
  });

  it('refuses an empty file in Spanish', () => {
    expect(() => parseDirectoryCsv('')).toThrow('El archivo está vacío: no tiene la fila de encabezado.');
    expect(() => parseDirectoryCsv('\uFEFF')).toThrow(
      'El archivo está vacío: no tiene la fila de encabezado.',
    );
  });

  it('takes a header-only file as an empty directory', () => {
    expect(parseDirectoryCsv(`${HEADER}\n`).summary).toEqual({
      lines: 0,
      imported: 0,
      errors: [],
      warnings: [],
    });
  });
});

describe('DirectoryRecordReader', () => {
  it('gives the same result fed record by record (streaming) as the whole-text parser', () => {
    const text = csv(HEADER, GOOD, '10000002,12.345.678-4,Malo,,,RM,Maipú,Pajaritos,1,,NO,,', GOOD);
    const reader = new DirectoryRecordReader();
    const streamed = Papa.parse<string[]>(text)
      .data.map((fields) => reader.accept(fields))
      .filter((c) => c !== null);
    const whole = parseDirectoryCsv(text);
    expect(streamed).toEqual(whole.customers);
    expect(reader.finish()).toEqual(whole.summary);
  });
});

describe('detectDelimiter', () => {
  it('tells comma from semicolon files by their header', () => {
    expect(detectDelimiter(HEADER)).toBe(',');
    expect(detectDelimiter(HEADER.replaceAll(',', ';'))).toBe(';');
  });
});

describe('unknown block codes', () => {
  it('imports the row and lists the code as a warning', () => {
    const { customers, summary } = parseDirectoryCsv(
      [
        'codigo,rut,nombre,telefonos,email,region,comuna,calle,numero,bloqueos,codigo_bloqueado,codigo_nuevo,pedido_abierto',
        '10000001,12.345.678-5,Juana Pérez,,,RM,Maipú,Pajaritos,1,"Z1;Z7;Q12",NO,,',
      ].join('\n'),
    );
    expect(customers[0]?.bloqueos).toEqual(['Z1', 'Z7', 'Q12']);
    expect(summary.errors).toEqual([]);
    expect(summary.warnings.map((w) => w.reason)).toEqual([
      'código de bloqueo «Z7» desconocido: se importó, y su pop-up deriva el caso al supervisor',
      'código de bloqueo «Q12» desconocido: se importó, y su pop-up deriva el caso al supervisor',
    ]);
  });
});
