import { BRIDGE_KEY, type RendererBridge } from '../../shared/ipc/contract';
import { electronPlatform } from './electron';
import type { Platform } from './types';
import { webPlatform } from './web';

/** The preload exposes the bridge only inside Electron; anywhere else this is web mode. */
function detectPlatform(): Platform {
  const bridge = (window as unknown as Record<string, RendererBridge | undefined>)[BRIDGE_KEY];
  return bridge ? electronPlatform(bridge) : webPlatform();
}

export const platform: Platform = detectPlatform();
export type { EnvDefaults, Platform } from './types';
