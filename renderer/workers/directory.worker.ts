// The directory's writer thread: downloads, parses and stores the directory copy so the UI thread
// never spends more than a message's worth of time on it.
import { CompanionDb } from '../db/db';
import { createWriteLock } from '../features/directory/engine/lock';
import { runCommand } from '../features/directory/engine/run';
import type { DirectoryCommand, DirectoryEvent } from '../features/directory/engine/protocol';

// Typed by hand: the WebWorker lib cannot join the DOM lib in one TypeScript program.
const scope = self as unknown as {
  postMessage(message: DirectoryEvent): void;
  onmessage: ((message: MessageEvent<DirectoryCommand>) => void) | null;
};

// The worker's own connection to the app's database (the UI thread has another).
const db = new CompanionDb();
const writeLock = createWriteLock();

scope.onmessage = (message) => {
  void runCommand(db, message.data, (event) => scope.postMessage(event), writeLock);
};
scope.postMessage({ id: -1, type: 'ready' });
