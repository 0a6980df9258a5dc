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
    };
    const api = createMainApi({
      appInfo: () => ({ version: '0.1.0', platform: 'win32', electron: '45.5.0' }),
      secrets,
      logger,
    });
    return { api, secrets, lines };
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
});
