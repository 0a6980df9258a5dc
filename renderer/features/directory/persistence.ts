/**
 * Asks the browser to keep this origin's storage (the directory copy and the form queue) when disk
 * space runs low. true: granted; false: refused (headless Chromium always refuses); null: the API
 * is missing.
 */
export async function requestPersistentStorage(
  storage: StorageManager | undefined = globalThis.navigator?.storage,
): Promise<boolean | null> {
  if (!storage?.persist) return null;
  try {
    if (await storage.persisted()) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}
