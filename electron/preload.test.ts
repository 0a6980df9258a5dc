import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async (channel: string, ..._args: unknown[]) => `reply from ${channel}`) },
}));
vi.mock('electron', () => electron);

import { BRIDGE_KEY, MAIN_CHANNELS, type MainApi } from '../shared/ipc/contract';
import './preload';

function exposed(): { key: string; api: MainApi } {
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0]!;
  return { key, api };
}

describe('preload bridge', () => {
  it('exposes exactly the contract methods under the bridge key', () => {
    const { key, api } = exposed();
    expect(key).toBe(BRIDGE_KEY);
    expect(Object.keys(api).sort()).toEqual(Object.keys(MAIN_CHANNELS).sort());
    for (const value of Object.values(api)) expect(value).toBeTypeOf('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('does not hand out ipcRenderer or a generic invoke', () => {
    const { api } = exposed();
    const values = Object.values(api) as unknown[];
    expect(values).not.toContain(electron.ipcRenderer);
    expect(values).not.toContain(electron.ipcRenderer.invoke);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('each method invokes its own channel with the caller arguments', async () => {
    const { api } = exposed();
    await expect(api.secretGet('sip.password')).resolves.toBe(`reply from ${MAIN_CHANNELS.secretGet}`);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(MAIN_CHANNELS.secretGet, 'sip.password');
    await api.secretSet('sip.password', 'clave');
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(
      MAIN_CHANNELS.secretSet,
      'sip.password',
      'clave',
    );
    await api.secretDelete('sip.password');
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(MAIN_CHANNELS.secretDelete, 'sip.password');
    await api.log('warn', 'sin red', { retry: 2 });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(MAIN_CHANNELS.log, 'warn', 'sin red', {
      retry: 2,
    });
    await api.getAppInfo();
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(MAIN_CHANNELS.getAppInfo);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(5);
  });
});
