import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DiagnosticFacts } from '../shared/diagnostics/diagnostic';
import { createDiagnosticService, readLogTail } from './diagnostics';
import { createLogger, logFilePath } from './logger';

vi.mock('electron', () => ({}));

let dir: string;
let logFile: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'companion-diag-'));
  logFile = logFilePath(dir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SIP_PASSWORD = 'Clave-SIP-9981';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZ2VudGUxIn0.firma-del-token';

const facts: DiagnosticFacts = {
  line: {
    status: 'offline',
    label: 'Sin conexión — reintentando en 4 s',
    server: `wss://1001:${SIP_PASSWORD}@pbx.local/ws`,
    extension: 'sip:1001@pbx.local',
  },
  liveCalls: 0,
  queue: { pending: 2, rejected: 0, oldestPendingAt: null },
  directory: { customers: 5000, syncedAt: '2026-11-26T08:00:00.000Z', updatedAt: null, source: 'server' },
  backOffice: { url: 'https://central.empresa.cl', reachability: 'unreachable', signedIn: true },
  userAgent: 'Companion/0.1.0 Electron/45.5.0',
};

function service(knownSecrets: string[]) {
  const clipboard: string[] = [];
  const logger = createLogger({ filePath: logFile, stderr: { write: () => true } });
  const diagnostics = createDiagnosticService({
    app: () => ({ version: '0.1.0', platform: 'win32', electron: '45.5.0', os: 'Windows_NT 10.0.19045' }),
    desktop: () => ({
      popShortcut: 'Control+Alt+Space',
      popShortcutProblem: null,
      startAtLogin: true,
      updateUrl: 'https://updates.empresa.cl/companion/',
      update: 'Companion está al día.',
      settingsProblem: null,
    }),
    logFile,
    knownSecrets: async () => knownSecrets,
    writeClipboard: (text) => clipboard.push(text),
    logger,
    now: () => new Date('2026-11-26T12:00:00.000Z'),
  });
  return { diagnostics, clipboard, logger };
}

describe('Copiar diagnóstico (main)', () => {
  it('copies version, line, queue, directory age and the last log lines to the clipboard', async () => {
    const { diagnostics, clipboard, logger } = service([]);
    logger.info('line registered', { attempt: 2 });
    const text = await diagnostics.copy(facts);
    expect(clipboard).toEqual([text]);
    expect(text).toContain('versión: 0.1.0');
    expect(text).toContain('estado: offline — Sin conexión — reintentando en 4 s');
    expect(text).toContain('pendientes: 2');
    expect(text).toContain('última sincronización: 2026-11-26T08:00:00.000Z (hace 4 h 0 min)');
    expect(text).toContain('atajo del aviso: Control+Alt+Space');
    expect(text).toContain('"msg":"line registered"');
  });

  it('has no password or token, even when the log and the facts carry them', async () => {
    const { diagnostics, logger } = service([SIP_PASSWORD, TOKEN]);
    // Lines a careless log call could have written: as fields, in a message, in a URL.
    logger.info('sign-in', { user: 'agente1', password: SIP_PASSWORD });
    logger.info(`renewed token ${TOKEN}`);
    logger.warn('register failed', { url: `wss://1001:${SIP_PASSWORD}@pbx.local/ws` });
    logger.error('http 401', { authorization: `Bearer ${TOKEN}` });
    const text = await diagnostics.copy(facts);
    expect(text).not.toContain(SIP_PASSWORD);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('firma-del-token');
    expect(text).toContain('"user":"agente1"');
    expect(text).toContain('pbx.local');
  });

  it('still copies when the log cannot be read', async () => {
    await mkdir(logFile, { recursive: true }); // a folder where the file should be
    const { diagnostics, clipboard } = service([]);
    const text = await diagnostics.copy(facts);
    expect(text).toContain('(no se pudo leer el registro)');
    expect(clipboard).toHaveLength(1);
  });
});

describe('readLogTail', () => {
  it('reads the last lines, reaching into the rotated file when the current one is short', async () => {
    await writeFile(path.join(dir, 'main.1.log'), 'a1\na2\na3\n');
    await writeFile(path.join(dir, 'main.log'), 'b1\nb2\n');
    expect(await readLogTail(path.join(dir, 'main.log'), 4)).toEqual(['a2', 'a3', 'b1', 'b2']);
  });

  it('drops the partial first line of a cut read', async () => {
    await writeFile(path.join(dir, 'main.log'), `${'x'.repeat(50)}\nshort\nlast\n`);
    expect(await readLogTail(path.join(dir, 'main.log'), 10, 16)).toEqual(['short', 'last']);
  });

  it('is empty without a log', async () => {
    expect(await readLogTail(path.join(dir, 'none.log'), 10)).toEqual([]);
  });
});
