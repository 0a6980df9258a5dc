// The local directory copy: packed storage written by a worker, look-ups, import, server sync.
import type { DirectoryReader } from './storage/reader';

/** What a customer look-up needs of the copy. */
export type DirectoryLookup = Pick<DirectoryReader, 'find' | 'get' | 'findByName'>;

export { LocalDirectory, createDirectoryWorker } from './directoryService';
export {
  readDirectoryTuning,
  startDirectorySync,
  type DirectorySyncHandle,
  type DirectoryTuning,
} from './directorySyncService';
export {
  default as directoryReducer,
  refreshCustomerCount,
  type DirectoryThunkExtra,
} from './directorySlice';
export { ImportDirectory, ImportResult } from './ImportDirectory';
export { DirectoryNotices } from './DirectoryStatus';
