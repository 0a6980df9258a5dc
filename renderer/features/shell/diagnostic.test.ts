import { describe, expect, it, vi } from 'vitest';
import { copyDiagnostic, diagnosticFacts } from './diagnostic';

const facts = diagnosticFacts({
  line: { status: 'online', since: 0 },
  lineSettings: { sipWs: 'wss://pbx.empresa.cl/ws', sipUri: 'sip:1001@pbx.empresa.cl' },
  calls: [],
  queue: { pending: 2, rejected: 1, oldestPendingAt: null },
  directory: { customers: 28, syncedAt: null, updatedAt: null, source: 'sample' },
  backOffice: { url: 'https://central.empresa.cl', reachability: 'reachable', signedIn: true },
  userAgent: 'Chromium',
});

describe('Copiar diagnóstico in web mode', () => {
  it("builds it from the page's facts and recent lines, without the stored password or token", async () => {
    const writeClipboard = vi.fn(async () => undefined);
    const text = await copyDiagnostic(facts, {
      desktop: null,
      appInfo: async () => ({ version: 'dev', platform: 'web', electron: null }),
      recentLogLines: () => ['{"level":"info","message":"signed in with clave-1001-xyz"}'],
      knownSecrets: async () => ['clave-1001-xyz', 'tok.en.value'],
      writeClipboard,
    });
    expect(writeClipboard).toHaveBeenCalledWith(text);
    expect(text).toContain('estado: online — En línea');
    expect(text).toContain('pendientes: 2');
    expect(text).not.toContain('clave-1001-xyz');
  });

  it('in Electron hands the facts to main', async () => {
    const diagnosticCopy = vi.fn(async () => 'desde main');
    const writeClipboard = vi.fn();
    const text = await copyDiagnostic(facts, {
      desktop: { diagnosticCopy },
      appInfo: async () => ({ version: 'x', platform: 'win32', electron: '45' }),
      recentLogLines: () => [],
      knownSecrets: async () => [],
      writeClipboard,
    });
    expect(text).toBe('desde main');
    expect(diagnosticCopy).toHaveBeenCalledWith(facts);
    expect(writeClipboard).not.toHaveBeenCalled();
  });
});
