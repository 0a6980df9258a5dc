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
  /** `ifOutdated`: only when the generation's layout is older than LAYOUT_VERSION (an upgrade). */
  | { id: number; type: 'compact'; ifOutdated?: boolean };

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
  /** `userFacing`: the message is a Spanish sentence for the agent (else only for the log). */
  | { id: number; type: 'error'; message: string; code: string | null; userFacing: boolean }
  | { id: -1; type: 'ready' };

/** Broadcast to every window of the profile after a writer committed. */
export const DIRECTORY_CHANNEL = 'companion-directory';
