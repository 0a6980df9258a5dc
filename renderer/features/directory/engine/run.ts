import type { CompanionDb } from '../../../db/db';
import { isUserFacing } from '../../../../shared/errors/userFacing';
import { SyncError } from '../sync/feed';
import { compactDirectory } from './compact';
import { importDirectoryFile, migrateLegacyCustomers } from './importFile';
import type { WriteLock } from './lock';
import type { DirectoryProgress } from './progress';
import {
  DIRECTORY_CHANNEL,
  type CommandResult,
  type DirectoryCommand,
  type DirectoryEvent,
} from './protocol';
import { syncFromServer } from './syncFromServer';

function announceChange(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(DIRECTORY_CHANNEL);
  channel.postMessage({ type: 'changed' });
  channel.close();
}

/**
 * Runs one command under the directory write lock and reports through `emit`. The same code runs
 * in the worker and, where a worker cannot start, on the UI thread.
 */
export async function runCommand(
  db: CompanionDb,
  command: DirectoryCommand,
  emit: (event: DirectoryEvent) => void,
  withWriteLock: WriteLock,
): Promise<void> {
  const progress = (p: DirectoryProgress) => emit({ id: command.id, type: 'progress', progress: p });
  try {
    let result: CommandResult[DirectoryCommand['type']];
    switch (command.type) {
      case 'sync':
        result = await withWriteLock(() => syncFromServer(db, command.target, progress), {
          ifAvailable: command.ifAvailable,
        });
        break;
      case 'import':
        result = await withWriteLock(() =>
          importDirectoryFile(db, command.file, progress, { sample: command.sample }),
        );
        break;
      case 'compact':
        result = (await withWriteLock(() =>
          compactDirectory(db, progress, { ifOutdated: command.ifOutdated === true }),
        ))!;
        break;
      case 'migrate':
        result = (await withWriteLock(() => migrateLegacyCustomers(db)))!;
        break;
    }
    announceChange();
    emit({ id: command.id, type: 'result', result });
  } catch (error) {
    announceChange();
    emit({
      id: command.id,
      type: 'error',
      message: error instanceof Error ? `${error.message}` : String(error),
      code: error instanceof SyncError ? error.code : null,
      userFacing: isUserFacing(error),
    });
  }
}
