import { db } from '../../db/db';
import { DirectoryClient } from './directoryClient';
import { DIRECTORY_CHANNEL } from './engine/protocol';
import { DirectoryReader } from './storage/reader';

/** The app's one reader (lookups, UI thread) and one client of the writer (worker). */
export const directoryReader = new DirectoryReader(db);

export const directoryClient = new DirectoryClient(
  db,
  directoryReader,
  () =>
    // Literal `new Worker(new URL(…))`: the form Vite recognises and bundles as a module worker.
    new Worker(new URL('../../workers/directory.worker.ts', import.meta.url), {
      type: 'module',
      name: 'directorio',
    }),
);

type Listener = () => void;
const listeners = new Set<Listener>();

/** Called after this or another window changed the directory copy (and the reader caught up). */
export function onDirectoryChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyDirectoryChanged(): void {
  for (const listener of listeners) listener();
}

if (typeof BroadcastChannel !== 'undefined') {
  const channel = new BroadcastChannel(DIRECTORY_CHANNEL);
  channel.onmessage = () => {
    void directoryReader.refresh().then(notifyDirectoryChanged);
  };
}
