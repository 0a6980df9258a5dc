// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackOfficeClient } from '../../backoffice/client';
import { webPlatform } from '../../platform';
import { normalizeServerUrl, SessionService } from './sessionService';
import { SessionStore, type StoredSession } from './sessionStore';

const store = new SessionStore(webPlatform(localStorage), localStorage);
const service = new SessionService({
  store,
  api: createBackOfficeClient({ timeoutMs: 1000 }),
  envDefaults: async () => ({}),
});
const markExpired = (message: string, token?: string) => service.markExpired(message, token);
const signIn = (url: string, username: string, password: string) => service.signIn(url, username, password);
const loadSession = () => store.load();
const saveSession = (session: StoredSession) => store.save(session);
const writeToken = (token: string) => store.writeToken(token);

/** A user as the back office answers it (shared/api/auth.ts userSchema). */
const apiUser = (username: string, displayName: string) => ({
  id: 7,
  username,
  displayName,
  email: '',
  role: 'agent',
  supervisorId: null,
  disabled: false,
});

const session = {
  serverUrl: 'https://central.test',
  username: 'ana',
  displayName: 'Ana',
  role: 'agent',
  expiresAt: '2026-11-27T03:00:00Z',
  lifetimeMs: 12 * 3_600_000,
  obtainedAt: Date.now(),
  state: 'active' as const,
  message: null,
};

describe('back-office session', () => {
  beforeEach(async () => {
    localStorage.clear();
    saveSession(session);
    await writeToken('token-current');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('a 401 for a token renewed meanwhile does not sign the agent out', async () => {
    await markExpired('Sesión vencida', 'token-old');
    expect(loadSession()?.state).toBe('active');
    await markExpired('Sesión vencida', 'token-current');
    expect(loadSession()).toMatchObject({ state: 'expired', message: 'Sesión vencida' });
  });

  it('a 401 for the old token while this window renews it does not sign the agent out', async () => {
    saveSession({ ...session, obtainedAt: Date.now() - 7 * 3_600_000 });
    // The server revokes the old token as it issues the new one; both answers are still on their way.
    const pending: Record<string, () => void> = {};
    vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
      const auth = new Headers(init?.headers).get('authorization');
      if (String(url).endsWith('/auth/refresh'))
        return new Promise<Response>((resolve) => {
          pending.refresh = () =>
            resolve(
              new Response(
                JSON.stringify({
                  token: 'token-renewed',
                  expiresAt: new Date(Date.now() + 12 * 3_600_000).toISOString(),
                  user: apiUser('ana', 'Ana'),
                }),
                { status: 200 },
              ),
            );
        });
      if (auth === 'Bearer token-renewed')
        return Promise.resolve(new Response(JSON.stringify(apiUser('ana', 'Ana')), { status: 200 }));
      return new Promise<Response>((resolve) => {
        pending.me = () => resolve(new Response('{"message":"Sesión no válida"}', { status: 401 }));
      });
    });
    const renewal = service.renewIfDue();
    // Meanwhile a request that cannot say which token it used (an older caller) was refused.
    const refused = markExpired('La sesión con la central expiró');
    await vi.waitFor(() => expect(pending.refresh).toBeTypeOf('function'));
    pending.refresh!();
    expect(await renewal).toBe('renewed');
    pending.me?.();
    await refused;
    expect(loadSession()?.state).toBe('active');
    expect(await store.readToken()).toBe('token-renewed');
  });

  it('a caller that cannot say which token was refused gets the current one checked first', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(apiUser('ana', 'Ana')), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    await markExpired('Sesión vencida');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(loadSession()?.state).toBe('active');

    vi.stubGlobal('fetch', async () => new Response('{"message":"Sesión no válida"}', { status: 401 }));
    await markExpired('Sesión vencida');
    expect(loadSession()?.state).toBe('expired');
  });

  it('sign-in keeps the token apart from the password, and refuses plain http to another machine', async () => {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(
          JSON.stringify({
            token: 'nuevo-token',
            expiresAt: '2026-11-27T03:00:00Z',
            user: apiUser('beto', 'Beto'),
          }),
          {
            status: 200,
            headers: { date: 'Wed, 26 Nov 2026 15:00:00 GMT' },
          },
        ),
    );
    expect(await signIn('http://10.0.0.5:8787', 'beto', 'clave')).toMatchObject({
      ok: false,
      message: expect.stringContaining('https://'),
    });
    expect(await signIn('http://127.0.0.1:8787/', 'beto', 'clave')).toEqual({
      ok: true,
    });
    expect(loadSession()).toMatchObject({
      serverUrl: 'http://127.0.0.1:8787',
      username: 'beto',
      state: 'active',
      lifetimeMs: 12 * 3_600_000,
    });
    expect(JSON.stringify(localStorage)).not.toContain('clave');
    expect(normalizeServerUrl('ftp://x')).toBeNull();
  });

  it('hears another window’s writes of the session only (the storage event), not other keys', () => {
    const heard = vi.fn();
    const stop = service.onOtherWindowChange(heard);
    const fire = (key: string | null, storageArea: Storage = localStorage) =>
      window.dispatchEvent(new StorageEvent('storage', { key, storageArea }));
    fire('companion.directory.something');
    expect(heard).not.toHaveBeenCalled();
    fire('companion.backoffice.session', sessionStorage);
    expect(heard).not.toHaveBeenCalled();
    fire('companion.backoffice.session');
    fire(null); // localStorage.clear() in the other window
    expect(heard).toHaveBeenCalledTimes(2);
    stop();
    fire('companion.backoffice.session');
    expect(heard).toHaveBeenCalledTimes(2);
  });
});
