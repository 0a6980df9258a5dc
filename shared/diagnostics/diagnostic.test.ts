import { describe, expect, it } from 'vitest';
import { buildDiagnostic, type DiagnosticFacts } from './diagnostic';
import { REDACTED, redactSecrets } from './redact';

const facts: DiagnosticFacts = {
  line: {
    status: 'online',
    label: 'En línea',
    server: 'wss://1001:sip-clave-9@pbx.empresa.cl:8089/ws',
    extension: 'sip:1001@pbx.empresa.cl',
  },
  liveCalls: 1,
  queue: { pending: 3, rejected: 1, oldestPendingAt: '2026-11-26T10:00:00.000Z' },
  directory: {
    customers: 120_000,
    syncedAt: '2026-11-26T08:30:00.000Z',
    updatedAt: '2026-11-25T23:00:00.000Z',
    source: 'server',
  },
  backOffice: { url: 'https://central.empresa.cl', reachability: 'reachable', signedIn: true },
  userAgent: 'Mozilla/5.0 Companion',
};

const now = new Date('2026-11-26T12:00:00.000Z');

describe('buildDiagnostic', () => {
  it('says what support asks first: version, line, queue, directory age', () => {
    const text = buildDiagnostic({
      now,
      app: { version: '1.4.2', platform: 'win32', electron: '45.5.0', os: 'Windows 10.0.19045' },
      facts,
      logLines: ['{"msg":"app started"}'],
    });
    expect(text).toContain('versión: 1.4.2');
    expect(text).toContain('estado: online — En línea');
    expect(text).toContain('pendientes: 3');
    expect(text).toContain('rechazados: 1');
    expect(text).toContain('última sincronización: 2026-11-26T08:30:00.000Z (hace 3 h 30 min)');
    expect(text).toContain('clientes: 120000');
    expect(text).toContain('{"msg":"app started"}');
  });

  it('keeps only the most recent log lines', () => {
    const logLines = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    const text = buildDiagnostic({
      now,
      app: { version: '1', platform: 'web', electron: null, os: null },
      facts,
      logLines,
    });
    expect(text).toContain('line 99');
    expect(text).not.toContain('line 39\n');
    expect(text).toContain('últimas 60 líneas');
  });

  it('never carries a password or token, wherever it hides', () => {
    const secrets = ['sip-clave-9', 'Zq9!token-de-la-central', 'mi clave secreta'];
    const logLines = [
      '{"level":"info","msg":"sign-in","user":"agente1","password":"Zq9!token-de-la-central"}',
      '{"msg":"renew","token":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"}',
      'Authorization: Bearer abcdefghijklmnop123',
      'register to wss://1001:sip-clave-9@pbx.empresa.cl/ws failed',
      'note typed by agent: mi clave secreta',
      'sipPassword=otra-clave apiKey: k-123456',
    ];
    const text = buildDiagnostic({
      now,
      app: { version: '1', platform: 'win32', electron: '45.5.0', os: null },
      facts,
      logLines,
      knownSecrets: secrets,
    });
    for (const secret of [
      ...secrets,
      'eyJhbGciOiJIUzI1NiJ9',
      'abcdefghijklmnop123',
      'otra-clave',
      'k-123456',
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    expect(text).toContain(REDACTED);
    // What support needs stays readable.
    expect(text).toContain('pbx.empresa.cl');
    expect(text).toContain('"user":"agente1"');
  });
});

describe('redactSecrets', () => {
  it('hides values of secret-looking keys, not booleans that only mention them', () => {
    expect(redactSecrets('{"token":"abc123","hasToken":true}')).toBe(
      `{"token":"${REDACTED}","hasToken":true}`,
    );
    expect(redactSecrets('password=hunter22 user=ana')).toBe(`password=${REDACTED} user=ana`);
  });

  it('does not scrub very short known values that would erase ordinary text', () => {
    expect(redactSecrets('línea 1 en línea', ['1'])).toBe('línea 1 en línea');
  });

  it('scrubs a known secret in its JSON and URL-encoded forms', () => {
    expect(redactSecrets('{"note":"a\\"b c"}', ['a"b c'])).toBe(`{"note":"${REDACTED}"}`);
    expect(redactSecrets('x?p=a%20b%2Fc', ['a b/c'])).toBe(`x?p=${REDACTED}`);
  });
});
