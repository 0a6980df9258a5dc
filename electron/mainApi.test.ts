import { describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger';
import { createMainApi } from './mainApi';

describe('createMainApi', () => {
  function setup() {
    const lines: string[] = [];
    const logger = createLogger({ filePath: null, stderr: { write: (s: string) => lines.push(s) } });
    const secrets = {
      secretSet: vi.fn(async () => undefined),
      secretGet: vi.fn(async () => 'tok'),
      secretDelete: vi.fn(async () => undefined),
      allValues: vi.fn(async () => ['tok']),
    };
    const shell = {
      reportShellState: vi.fn(),
      popShow: vi.fn(),
      popHide: vi.fn(),
      popCurrent: vi.fn(() => null),
      popAct: vi.fn(),
      openMainWindow: vi.fn(),
      popDismiss: vi.fn(),
      desktopSettings: vi.fn(),
      updateDesktopSettings: vi.fn(),
      updateStatus: vi.fn(),
      installUpdate: vi.fn(() => ({ started: false as const, reason: 'en llamada' })),
      copyDiagnostic: vi.fn(async () => 'texto'),
    };
    const api = createMainApi({
      appInfo: () => ({ version: '0.1.0', platform: 'win32', electron: '45.5.0' }),
      secrets,
      logger,
      shell,
    });
    return { api, secrets, lines, shell };
  }

  it('writes renderer log calls as renderer lines in the main log', async () => {
    const { api, lines } = setup();
    await api.log('warn', 'cola de formularios sin enviar', { pending: 3 });
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'warn',
      source: 'renderer',
      msg: 'cola de formularios sin enviar',
      pending: 3,
    });
  });

  it('delegates secrets to the secret store and reports app info', async () => {
    const { api, secrets } = setup();
    await api.secretSet('backoffice.token', 'tok');
    expect(secrets.secretSet).toHaveBeenCalledWith('backoffice.token', 'tok');
    expect(await api.secretGet('backoffice.token')).toBe('tok');
    await api.secretDelete('backoffice.token');
    expect(secrets.secretDelete).toHaveBeenCalledWith('backoffice.token');
    expect(await api.getAppInfo()).toEqual({ version: '0.1.0', platform: 'win32', electron: '45.5.0' });
  });

  it('hands the shell methods to their services', async () => {
    const { api, shell } = setup();
    await api.popAct({ callId: 'c1', action: 'transfer' });
    expect(shell.popAct).toHaveBeenCalledWith({ callId: 'c1', action: 'transfer' });
    await api.popOpenMain();
    expect(shell.openMainWindow).toHaveBeenCalled();
    await expect(api.updateInstall()).resolves.toEqual({ started: false, reason: 'en llamada' });
    expect(api).not.toHaveProperty('allValues');
  });
});
