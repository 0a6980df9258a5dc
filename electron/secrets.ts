import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { MainApi } from '../shared/ipc/contract';
import { writeFileAtomic } from './atomicFile';

export type SecretStore = Pick<MainApi, 'secretSet' | 'secretGet' | 'secretDelete'> & {
  /** Every stored value in clear, only for scrubbing them out of a diagnostic (never over IPC). */
  allValues(): Promise<string[]>;
};

interface SecretsFile {
  version: 1;
  /** key → base64 of safeStorage ciphertext. Plain text never reaches this file. */
  secrets: Record<string, string>;
}

export class SecretStorageUnavailableError extends Error {
  constructor(detail: string) {
    super(
      `El almacenamiento seguro del sistema no está disponible (${detail}); el secreto no se guardó ni se leyó.`,
    );
    this.name = 'SecretStorageUnavailableError';
  }
}

export function secretsFilePath(userDataDir: string): string {
  return path.join(userDataDir, 'secrets.json');
}

function assertEncryptionAvailable(): void {
  if (!safeStorage.isEncryptionAvailable())
    throw new SecretStorageUnavailableError('safeStorage sin cifrado');
  // On Linux without a keyring Electron "encrypts" with a hard-coded password: that is plain text.
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    throw new SecretStorageUnavailableError('sin llavero del sistema');
  }
}

async function readSecrets(filePath: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`El archivo de secretos está dañado: ${filePath}`);
  }
  const secrets = (parsed as Partial<SecretsFile> | null)?.secrets;
  if (typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) {
    throw new Error(`El archivo de secretos está dañado: ${filePath}`);
  }
  // A Map, not the parsed object, so no key can reach Object.prototype.
  return new Map(
    Object.entries(secrets).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

async function writeSecrets(filePath: string, secrets: Map<string, string>): Promise<void> {
  const file: SecretsFile = { version: 1, secrets: Object.fromEntries(secrets) };
  await writeFileAtomic(filePath, `${JSON.stringify(file, null, 2)}\n`);
}

/** Secrets (back-office token, SIP password) encrypted with the OS keystore through safeStorage. */
export function createSecretStore(filePath: string): SecretStore {
  // One read-modify-write at a time, so two quick secretSet calls cannot lose each other.
  let queue: Promise<unknown> = Promise.resolve();
  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    secretSet: (key, value) =>
      serialized(async () => {
        assertEncryptionAvailable();
        const secrets = await readSecrets(filePath);
        secrets.set(key, safeStorage.encryptString(value).toString('base64'));
        await writeSecrets(filePath, secrets);
      }),

    secretGet: (key) =>
      serialized(async () => {
        const encoded = (await readSecrets(filePath)).get(key);
        if (encoded === undefined) return null;
        assertEncryptionAvailable();
        return safeStorage.decryptString(Buffer.from(encoded, 'base64'));
      }),

    secretDelete: (key) =>
      serialized(async () => {
        const secrets = await readSecrets(filePath);
        if (!secrets.delete(key)) return;
        await writeSecrets(filePath, secrets);
      }),

    allValues: () =>
      serialized(async () => {
        const secrets = await readSecrets(filePath);
        if (secrets.size === 0 || !safeStorage.isEncryptionAvailable()) return [];
        const values: string[] = [];
        for (const encoded of secrets.values()) {
          try {
            values.push(safeStorage.decryptString(Buffer.from(encoded, 'base64')));
          } catch {
            // A value this user cannot decrypt cannot leak through this app either.
          }
        }
        return values;
      }),
  };
}
