import { describe, expect, it } from 'vitest';
import { extractCallerId, UNKNOWN_CALLER_LABEL } from './callerId';

describe('extractCallerId: which number', () => {
  it('prefers P-Asserted-Identity over Remote-Party-ID and From', () => {
    const id = extractCallerId({
      'P-Asserted-Identity': '<sip:+56912345678@carrier.example>',
      'Remote-Party-ID': '<sip:+56222222222@carrier.example>;party=calling',
      From: '"Juan" <sip:+56933333333@carrier.example>;tag=1',
    });
    expect(id.number).toBe('+56912345678');
    expect(id.numberSource).toBe('p-asserted-identity');
    expect(id.label).toBe('+56912345678');
    expect(id.lookup).toEqual([{ by: 'phone', value: '+56912345678' }]);
  });

  it('uses Remote-Party-ID when there is no P-Asserted-Identity', () => {
    const id = extractCallerId({
      'remote-party-id': '"Ana" <sip:226939901@carrier.example>;party=calling;screen=yes;privacy=off',
      from: '<sip:+56933333333@carrier.example>;tag=1',
    });
    expect(id).toMatchObject({ number: '+56226939901', numberSource: 'remote-party-id', displayName: 'Ana' });
  });

  it('falls back to From, in national and international writings', () => {
    expect(extractCallerId({ From: '<sip:912345678@127.0.0.1>;tag=a' }).number).toBe('+56912345678');
    expect(extractCallerId({ From: '<sip:56912345678@127.0.0.1>;tag=a' }).number).toBe('+56912345678');
    expect(extractCallerId({ From: '<sip:0056912345678@127.0.0.1>;tag=a' }).number).toBe('+56912345678');
    expect(extractCallerId({ From: 'sip:%2B56912345678@127.0.0.1;tag=a' }).number).toBe('+56912345678');
    expect(extractCallerId({ f: '<sip:+56912345678@127.0.0.1;user=phone>;tag=a' }).numberSource).toBe('from');
  });

  it('reads tel: URIs with visual separators and a second identity in the same header', () => {
    expect(extractCallerId({ 'P-Asserted-Identity': '<tel:+56-9-1234-5678>' }).number).toBe('+56912345678');
    const both = extractCallerId({
      'P-Asserted-Identity': '"x" <sip:operator@carrier.example>, <tel:+56912345678>',
    });
    expect(both.number).toBe('+56912345678');
  });

  it('skips a malformed asserted identity and keeps looking', () => {
    const id = extractCallerId({
      'P-Asserted-Identity': '<sip:+56912345678@carrier.example',
      From: '<sip:+56987654321@127.0.0.1>;tag=x',
    });
    expect(id).toMatchObject({ number: '+56987654321', numberSource: 'from' });
  });

  it('ignores a Remote-Party-ID whose caller asked for privacy', () => {
    const id = extractCallerId({
      'Remote-Party-ID': '<sip:+56912345678@carrier.example>;party=calling;privacy=full',
      From: '"Anonymous" <sip:anonymous@anonymous.invalid>;tag=1',
    });
    expect(id.number).toBeNull();
    expect(id.label).toBe(UNKNOWN_CALLER_LABEL);
  });
});

describe('extractCallerId: unknown callers never break the line', () => {
  const cases: Array<[string, Record<string, string | string[] | undefined>]> = [
    ['no headers at all', {}],
    ['anonymous', { From: '"Anonymous" <sip:anonymous@anonymous.invalid>;tag=1' }],
    ['garbage', { 'P-Asserted-Identity': '<<<>>>', From: ';;;"' }],
    ['an internal extension', { From: '<sip:2000@127.0.0.1>;tag=1' }],
    ['a number too short', { From: '<sip:229@127.0.0.1>;tag=1' }],
    ['broken percent-encoding', { From: '<sip:%E0%A4%A@127.0.0.1>;tag=1' }],
    ['a non-SIP URI', { From: '<http://example.com>' }],
    ['an empty value', { From: '', 'P-Asserted-Identity': '   ' }],
    ['undefined values', { From: undefined }],
    ['a huge header', { From: `<sip:${'9'.repeat(100_000)}@127.0.0.1>` }],
  ];
  it.each(cases)('%s → Número desconocido', (_name, headers) => {
    const id = extractCallerId(headers);
    expect(id.label).toBe('Número desconocido');
    expect(id.number).toBeNull();
    expect(id.lookup).toEqual([]);
  });

  it('keeps the extension as raw data so the UI may show it', () => {
    expect(extractCallerId({ From: '"Mesa" <sip:2000@127.0.0.1>;tag=1' })).toMatchObject({
      rawUser: '2000',
      displayName: 'Mesa',
    });
  });
});

describe('extractCallerId: display names are data', () => {
  it('keeps markup as plain text, unquoting escapes', () => {
    const id = extractCallerId({
      From: '"<img src=x onerror=alert(1)> \\"Juan\\", <b>Pérez</b>" <sip:+56912345678@127.0.0.1>;tag=1',
    });
    expect(id.displayName).toBe('<img src=x onerror=alert(1)> "Juan", <b>Pérez</b>');
    expect(id.number).toBe('+56912345678');
  });

  it('takes the name from another identity header when the asserted one has none', () => {
    const id = extractCallerId({
      'P-Asserted-Identity': '<sip:+56912345678@carrier.example>',
      From: '"<b>Juan</b>" <sip:+56900000000@127.0.0.1>;tag=1',
    });
    expect(id).toMatchObject({ number: '+56912345678', displayName: '<b>Juan</b>' });
  });

  it('reads unquoted display names and strips control characters', () => {
    expect(extractCallerId({ From: 'Juan Soto <sip:+56912345678@127.0.0.1>' }).displayName).toBe('Juan Soto');
    expect(extractCallerId({ From: '"a\u0007b\nc" <sip:+56912345678@127.0.0.1>' }).displayName).toBe('a b c');
  });
});

describe('extractCallerId: the IVR header', () => {
  it('puts a RUT collected by the IVR before the number', () => {
    const id = extractCallerId({
      'X-Customer-Id': '12.345.678-5',
      'P-Asserted-Identity': '<sip:+56912345678@carrier.example>',
    });
    expect(id.ivr).toMatchObject({ header: 'X-Customer-Id', raw: '12.345.678-5' });
    expect(id.lookup).toEqual([
      { by: 'rut', value: '12345678-5' },
      { by: 'phone', value: '+56912345678' },
    ]);
    expect(id.label).toBe('+56912345678');
  });

  it('reads a customer code, and both readings when the value could be either', () => {
    expect(extractCallerId({ 'x-customer-id': 'c-1234' }).lookup).toEqual([
      { by: 'codigo', value: 'C-1234' },
    ]);
    expect(extractCallerId({ 'X-Customer-Id': '123456785' }).lookup).toEqual([
      { by: 'rut', value: '12345678-5' },
      { by: 'codigo', value: '123456785' },
    ]);
  });

  it('uses the configured header name', () => {
    const headers = { 'X-IVR-Rut': '12.345.678-5', 'X-Customer-Id': 'IGNORED' };
    expect(extractCallerId(headers, { ivrHeader: 'x-ivr-rut' }).lookup).toEqual([
      { by: 'rut', value: '12345678-5' },
    ]);
  });

  it('keeps a malformed IVR value as data without look-ups, and still uses the number', () => {
    const id = extractCallerId({ 'X-Customer-Id': '<script>', From: '<sip:+56912345678@127.0.0.1>' });
    expect(id.ivr).toMatchObject({ raw: '<script>', keys: [] });
    expect(id.lookup).toEqual([{ by: 'phone', value: '+56912345678' }]);
  });

  it('gives an IVR-identified caller a look-up even without a number', () => {
    const id = extractCallerId({ 'X-Customer-Id': '12.345.678-5' });
    expect(id.label).toBe('Número desconocido');
    expect(id.lookup).toEqual([{ by: 'rut', value: '12345678-5' }]);
  });
});
