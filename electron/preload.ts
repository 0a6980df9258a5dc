// Sandboxed preload (bundled to CommonJS): it may require only 'electron', so it takes constants
// and types from the contract and nothing else. The page gets the contract methods, never ipcRenderer.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY, MAIN_CHANNELS, type MainApi, type MainApiMethod } from '../shared/ipc/contract';

function createBridge(invoke: (channel: string, ...args: unknown[]) => Promise<unknown>): MainApi {
  const bridge: Partial<Record<MainApiMethod, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const method of Object.keys(MAIN_CHANNELS) as MainApiMethod[]) {
    const channel = MAIN_CHANNELS[method];
    bridge[method] = (...args) => invoke(channel, ...args);
  }
  return Object.freeze(bridge) as MainApi;
}

contextBridge.exposeInMainWorld(
  BRIDGE_KEY,
  createBridge((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
);
