import type { CompactResult } from './compact';
import type { ImportResult } from './importFile';
import type { DirectoryProgress } from './progress';
import type { SyncResult, SyncTarget } from './syncFromServer';

/** Messages between the UI thread and the directory worker (renderer/workers/directory.worker.ts). */
export type DirectoryCommand =
  | { id: number; type: 'sync'; target: SyncTarget; ifAvailable: boolean }
  /** sample: the demo sample, only into an empty copy that was never downloaded. */
  | { id: number; type: 'import'; file: Blob; sample: boolean }
  | { id: number; type: 'migrate' }
  | { id: number; type: 'compact' };

/** null: skipped (sync: another window is syncing; the sample: the copy is not empty). */
export type CommandResult = {
  sync: SyncResult | null;
  import: ImportResult | null;
  migrate: number;
  compact: CompactResult;
};

export type DirectoryEvent =
  | { id: number; type: 'progress'; progress: DirectoryProgress }
  | { id: number; type: 'result'; result: unknown }
  | { id: number; type: 'error'; message: string; code: string | null }
  | { id: -1; type: 'ready' };

/** Broadcast to every window of the profile after a writer committed. */
export const DIRECTORY_CHANNEL = 'companion-directory';
