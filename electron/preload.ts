// Sandboxed preload (bundled to CommonJS): it may require only 'electron', so it takes constants
// and types from the contract and nothing else. The page gets the contract methods and a way to
// listen to main's events, never ipcRenderer nor an IPC event object.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BRIDGE_KEY,
  MAIN_CHANNELS,
  MAIN_EVENTS,
  type MainApiMethod,
  type MainEventName,
  type RendererBridge,
} from '../shared/ipc/contract';

type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;
type Subscribe = (channel: string, listener: (payload: unknown) => void) => () => void;

function createBridge(invoke: Invoke, subscribe: Subscribe): RendererBridge {
  const bridge: Record<string, unknown> = {};
  for (const method of Object.keys(MAIN_CHANNELS) as MainApiMethod[]) {
    const channel = MAIN_CHANNELS[method];
    bridge[method] = (...args: unknown[]) => invoke(channel, ...args);
  }
  bridge.on = (event: MainEventName, listener: (payload: unknown) => void) => {
    // Only the contract's events: the page cannot listen on an arbitrary channel.
    if (!Object.hasOwn(MAIN_EVENTS, event)) throw new Error(`Evento desconocido: ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('El oyente debe ser una función.');
    return subscribe(MAIN_EVENTS[event], listener);
  };
  return Object.freeze(bridge) as unknown as RendererBridge;
}

function subscribeWith(ipc: Pick<typeof ipcRenderer, 'on' | 'removeListener'>): Subscribe {
  return (channel, listener) => {
    // The page gets the payload only: the IPC event would hand it `sender` (ipcRenderer itself).
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipc.on(channel, handler);
    return () => {
      ipc.removeListener(channel, handler);
    };
  };
}

contextBridge.exposeInMainWorld(
  BRIDGE_KEY,
  createBridge((channel, ...args) => ipcRenderer.invoke(channel, ...args), subscribeWith(ipcRenderer)),
);
