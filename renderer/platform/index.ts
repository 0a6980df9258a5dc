import { BRIDGE_KEY, type RendererBridge } from '../../shared/ipc/contract';
import { electronPlatform } from './electron';
import type { Platform } from './types';
import { webPlatform } from './web';

/**
 * The preload exposes the bridge only inside Electron; anywhere else this is web mode. Called once,
 * by the composition root (renderer/app/services.ts), which hands the platform to what needs it.
 */
export function detectPlatform(): Platform {
  const bridge = (window as unknown as Record<string, RendererBridge | undefined>)[BRIDGE_KEY];
  return bridge ? electronPlatform(bridge) : webPlatform();
}

export type { EnvDefaults, ExternalOpenResult, Platform } from './types';
export { webPlatform } from './web';
export { explainFailure, type FailureLog } from './failure';
