import type { CompanionDb } from '../../../db/db';

/**
 * The directory talks to IndexedDB directly (on the connection Dexie opened, which owns the schema):
 * it needs relaxed-durability write transactions and one read transaction per lookup, both of which
 * Dexie would wrap in more machinery than a 1 ms budget allows.
 */
export async function backend(db: CompanionDb): Promise<IDBDatabase> {
  if (!db.isOpen()) await db.open();
  return db.backendDB();
}

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

export function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = (event) => {
      // Reported again by onabort; keep it from also surfacing as an uncaught error.
      event.preventDefault();
    };
  });
}

/** Writes never need fsync here: a write lost to a power cut is downloaded again (the cursor goes with it). */
export function writeTx(idb: IDBDatabase, stores: string[]): IDBTransaction {
  return idb.transaction(stores, 'readwrite', { durability: 'relaxed' });
}

/** Every key whose first element is `gen`: [gen] ≤ key < [gen, []] (arrays sort after numbers and strings). */
export function genRange(gen: number): IDBKeyRange {
  return IDBKeyRange.bound([gen], [gen, []]);
}
