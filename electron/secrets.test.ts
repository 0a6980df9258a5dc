import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// A stand-in for the OS keystore: a reversible transform whose output never contains the input.
const safeStorage = vi.hoisted(() => {
  const PREFIX = 'v10';
  const scramble = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0xa5));
  return {
    isEncryptionAvailable: vi.fn(() => true),
    getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
    encryptString: vi.fn((plain: string) =>
      Buffer.concat([Buffer.from(PREFIX), scramble(Buffer.from(plain, 'utf8'))]),
    ),
    decryptString: vi.fn((cipher: Buffer) => {
      if (cipher.subarray(0, 3).toString() !== PREFIX)
        throw new Error('Error while decrypting the ciphertext');
      return scramble(cipher.subarray(3)).toString('utf8');
    }),
  };
});
vi.mock('electron', () => ({ safeStorage }));

import { createSecretStore, SecretStorageUnavailableError, secretsFilePath } from './secrets';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'companion-secrets-'));
  file = secretsFilePath(dir);
  safeStorage.isEncryptionAvailable.mockReturnValue(true);
  safeStorage.getSelectedStorageBackend.mockReturnValue('gnome_libsecret');
  vi.clearAllMocks();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SIP_PASSWORD = 'Clave-SIP-super-secreta-123';

describe('secret store', () => {
  it('round-trips a secret through safeStorage', async () => {
    const store = createSecretStore(file);
    await store.secretSet('sip.password', SIP_PASSWORD);
    expect(await store.secretGet('sip.password')).toBe(SIP_PASSWORD);
    expect(safeStorage.encryptString).toHaveBeenCalledWith(SIP_PASSWORD);
    // A fresh store (next app start) reads the same file.
    expect(await createSecretStore(file).secretGet('sip.password')).toBe(SIP_PASSWORD);
  });

  it('never writes the plain text to disk', async () => {
    const store = createSecretStore(file);
    await store.secretSet('sip.password', SIP_PASSWORD);
    await store.secretSet('backoffice.token', 'token-abc-987');
    const raw = await readFile(file, 'utf8');
    expect(raw).not.toContain(SIP_PASSWORD);
    expect(raw).not.toContain('token-abc-987');
    const stored = JSON.parse(raw).secrets['sip.password'];
    expect(safeStorage.decryptString(Buffer.from(stored, 'base64'))).toBe(SIP_PASSWORD);
    // Temp files of the atomic write are gone.
    expect(await readdir(dir)).toEqual(['secrets.json']);
  });

  it('returns null for a missing secret and deletes secrets', async () => {
    const store = createSecretStore(file);
    expect(await store.secretGet('sip.password')).toBeNull();
    await store.secretSet('sip.password', SIP_PASSWORD);
    await store.secretSet('backoffice.token', 'tok');
    await store.secretDelete('sip.password');
    expect(await store.secretGet('sip.password')).toBeNull();
    expect(await store.secretGet('backoffice.token')).toBe('tok');
    await expect(store.secretDelete('never.set')).resolves.toBeUndefined();
  });

  it('keeps every value when sets run concurrently', async () => {
    const store = createSecretStore(file);
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.secretSet(`k${i}`, `v${i}`)));
    for (let i = 0; i < 10; i++) expect(await store.secretGet(`k${i}`)).toBe(`v${i}`);
  });

  it('refuses to store when encryption is unavailable, and writes nothing', async () => {
    safeStorage.isEncryptionAvailable.mockReturnValue(false);
    const store = createSecretStore(file);
    await expect(store.secretSet('sip.password', SIP_PASSWORD)).rejects.toThrow(
      SecretStorageUnavailableError,
    );
    await expect(store.secretSet('sip.password', SIP_PASSWORD)).rejects.toThrow(/no está disponible/);
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
    expect(await readdir(dir)).toEqual([]);
  });

  it.runIf(process.platform === 'linux')(
    'refuses the Linux basic_text backend (a hard-coded key)',
    async () => {
      safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
      await expect(createSecretStore(file).secretSet('sip.password', SIP_PASSWORD)).rejects.toThrow(
        SecretStorageUnavailableError,
      );
      expect(await readdir(dir)).toEqual([]);
    },
  );

  it('reports a damaged file instead of silently dropping secrets', async () => {
    await writeFile(file, '{not json');
    await expect(createSecretStore(file).secretGet('sip.password')).rejects.toThrow(/dañado/);
    await expect(createSecretStore(file).secretSet('sip.password', 'x')).rejects.toThrow(/dañado/);
    expect(await readFile(file, 'utf8')).toBe('{not json');
  });

  it('treats inherited object keys as missing secrets', async () => {
    await writeFile(file, '{"version":1,"secrets":{"__proto__":"eA==","other":"eA=="}}');
    const store = createSecretStore(file);
    expect(await store.secretGet('constructor')).toBeNull();
    expect(await store.secretGet('tostring')).toBeNull();
    expect(safeStorage.decryptString).not.toHaveBeenCalled();
  });

  it('hands main every stored value in clear, for scrubbing a diagnostic', async () => {
    const store = createSecretStore(file);
    await store.secretSet('sip.password', SIP_PASSWORD);
    await store.secretSet('backoffice.token', 'tok-123456');
    expect((await store.allValues()).sort()).toEqual([SIP_PASSWORD, 'tok-123456'].sort());
    safeStorage.isEncryptionAvailable.mockReturnValue(false);
    expect(await store.allValues()).toEqual([]);
  });
});
