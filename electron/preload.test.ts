import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter } = require('node:events') as typeof import('node:events');
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: vi.fn(async (channel: string, ..._args: unknown[]) => `reply from ${channel}`),
  });
  return { contextBridge: { exposeInMainWorld: vi.fn() }, ipcRenderer };
});
vi.mock('electron', () => electron);

import { BRIDGE_KEY, MAIN_CHANNELS, MAIN_EVENTS, type RendererBridge } from '../shared/ipc/contract';
import './preload';

function exposed(): { key: string; api: RendererBridge } {
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0]!;
  return { key, api };
}

describe('preload bridge', () => {
  it('exposes exactly the contract methods and `on` under the bridge key', () => {
    const { key, api } = exposed();
    expect(key).toBe(BRIDGE_KEY);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(MAIN_CHANNELS), 'on'].sort());
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

describe('preload events', () => {
  it('hands the listener the payload only, never the IPC event (whose sender is ipcRenderer)', () => {
    const { api } = exposed();
    const listener = vi.fn();
    const off = api.on('popCard', listener);
    const card = { callId: 'c1' };
    electron.ipcRenderer.emit(MAIN_EVENTS.popCard, { sender: electron.ipcRenderer }, card);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([card]);
    off();
    electron.ipcRenderer.emit(MAIN_EVENTS.popCard, {}, card);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(electron.ipcRenderer.listenerCount(MAIN_EVENTS.popCard)).toBe(0);
  });

  it('refuses channels outside the contract', () => {
    const { api } = exposed();
    const on = api.on as (event: string, listener: () => void) => () => void;
    expect(() => on('companion:secret:get', () => undefined)).toThrow(/desconocido/);
    expect(() => on('__proto__', () => undefined)).toThrow(/desconocido/);
    expect(() => on('toString', () => undefined)).toThrow(/desconocido/);
    expect(electron.ipcRenderer.eventNames()).toEqual([]);
  });
});
