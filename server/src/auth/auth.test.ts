import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachBackend } from '../../test/db';
import { auth, form, login, PASSWORD, startApp, type Started } from '../../test/harness';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('clave-segura-1');
    const b = await hashPassword('clave-segura-1');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('clave-segura-1', a)).toBe(true);
    expect(await verifyPassword('clave-segura-2', a)).toBe(false);
    expect(await verifyPassword('clave-segura-1', 'plain')).toBe(false);
  });
});

describeEachBackend('accounts and access', (backend) => {
  let s: Started;
  beforeAll(async () => {
    s = await startApp(await backend.open());
  });
  afterAll(() => s.close());

  const submit = (token: string, f = form()) =>
    s.app.inject({ method: 'POST', url: '/forms/batch', headers: auth(token), payload: { forms: [f] } });

  it('answers 401 without a token, with a bad one, and after sign-out', async () => {
    for (const headers of [
      {},
      { authorization: 'Bearer nope' },
      { authorization: `Bearer ${'x'.repeat(43)}` },
      { authorization: s.team.agent },
    ]) {
      const response = await s.app.inject({ method: 'GET', url: '/forms', headers });
      expect(response.statusCode).toBe(401);
      expect(response.json().message).toMatch(/inicie sesión/);
    }
    expect(
      (await s.app.inject({ method: 'POST', url: '/forms/batch', payload: { forms: [form()] } })).statusCode,
    ).toBe(401);

    const token = await login(s.app, 'ana');
    expect(
      (await s.app.inject({ method: 'GET', url: '/auth/me', headers: auth(token) })).json().username,
    ).toBe('ana');
    expect(
      (await s.app.inject({ method: 'POST', url: '/auth/logout', headers: auth(token) })).statusCode,
    ).toBe(204);
    expect((await s.app.inject({ method: 'GET', url: '/auth/me', headers: auth(token) })).statusCode).toBe(
      401,
    );
  });

  it('takes the Bearer scheme in any case, as RFC 7235 says', async () => {
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      const response = await s.app.inject({
        method: 'GET',
        url: '/auth/me',
        headers: { authorization: `${scheme} ${s.team.agent}` },
      });
      expect(response.statusCode, scheme).toBe(200);
    }
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    for (const payload of [
      { username: 'ana', password: 'otra-clave' },
      { username: 'nadie', password: PASSWORD },
    ]) {
      const response = await s.app.inject({ method: 'POST', url: '/auth/login', payload });
      expect(response.statusCode).toBe(401);
      expect(response.json().message).toBe('Usuario o contraseña incorrectos.');
    }
  });

  it('stores only a hash of the token, and refresh replaces it', async () => {
    const token = await login(s.app, 'ana');
    const { rows } = await s.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    const refreshed = await s.app.inject({ method: 'POST', url: '/auth/refresh', headers: auth(token) });
    expect(refreshed.statusCode).toBe(200);
    const next = refreshed.json().token as string;
    expect(next).not.toBe(token);
    expect((await s.app.inject({ method: 'GET', url: '/auth/me', headers: auth(token) })).statusCode).toBe(
      401,
    );
    expect((await s.app.inject({ method: 'GET', url: '/auth/me', headers: auth(next) })).statusCode).toBe(
      200,
    );
  });

  it('an expired token is refused', async () => {
    const token = await login(s.app, 'ana');
    await s.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second'`);
    expect((await s.app.inject({ method: 'GET', url: '/auth/me', headers: auth(token) })).statusCode).toBe(
      401,
    );
    s.team.agent = await login(s.app, 'ana');
    s.team.otherAgent = await login(s.app, 'beto');
    s.team.supervisor = await login(s.app, 'sup1');
    s.team.otherSupervisor = await login(s.app, 'sup2');
    s.team.admin = await login(s.app, 'admin');
  });

  it('an agent reads only their own forms: another agent’s are 403', async () => {
    const mine = form();
    const theirs = form('certificacion', { agent: 'beto' });
    expect((await submit(s.team.agent, mine)).statusCode).toBe(200);
    expect((await submit(s.team.otherAgent, theirs)).statusCode).toBe(200);

    const list = await s.app.inject({ method: 'GET', url: '/forms', headers: auth(s.team.agent) });
    expect(list.json().forms.map((f: { id: string }) => f.id)).toEqual([mine.id]);
    expect(list.json().forms[0]).toMatchObject({
      submittedBy: 'ana',
      title: 'Toma de datos para Telecobranzas',
      mail: { status: 'pending' },
    });

    const byAgent = await s.app.inject({
      method: 'GET',
      url: '/forms?agent=beto',
      headers: auth(s.team.agent),
    });
    expect(byAgent.statusCode).toBe(403);
    expect(byAgent.json().message).toMatch(/otro agente/);
    const byId = await s.app.inject({
      method: 'GET',
      url: `/forms/${theirs.id}`,
      headers: auth(s.team.agent),
    });
    expect(byId.statusCode).toBe(403);
    const own = await s.app.inject({ method: 'GET', url: `/forms/${mine.id}`, headers: auth(s.team.agent) });
    expect(own.statusCode).toBe(200);
    expect(own.json().submission.values.rut).toBe('12.345.678-5');
  });

  it('a supervisor reads their team’s forms, not another team’s; an admin reads all', async () => {
    const team = await s.app.inject({
      method: 'GET',
      url: '/forms?agent=ana',
      headers: auth(s.team.supervisor),
    });
    expect(team.statusCode).toBe(200);
    expect(team.json().forms.length).toBeGreaterThan(0);
    expect(
      (await s.app.inject({ method: 'GET', url: '/forms?agent=beto', headers: auth(s.team.supervisor) }))
        .statusCode,
    ).toBe(403);
    const all = await s.app.inject({ method: 'GET', url: '/forms', headers: auth(s.team.supervisor) });
    expect(new Set(all.json().forms.map((f: { submittedBy: string }) => f.submittedBy))).toEqual(
      new Set(['ana']),
    );
    const admin = await s.app.inject({ method: 'GET', url: '/forms', headers: auth(s.team.admin) });
    expect(new Set(admin.json().forms.map((f: { submittedBy: string }) => f.submittedBy))).toEqual(
      new Set(['ana', 'beto']),
    );
  });

  it('calls follow the same rule', async () => {
    const call = {
      id: crypto.randomUUID(),
      direction: 'incoming',
      number: '+56912345678',
      displayName: null,
      customerCode: null,
      blockCodes: [],
      startedAt: '2026-11-26T10:00:00-03:00',
      answeredAt: null,
      endedAt: '2026-11-26T10:00:20-03:00',
      outcome: 'missed',
      transferTarget: null,
      companion: false,
      callBackOf: null,
    };
    const posted = await s.app.inject({
      method: 'POST',
      url: '/calls/batch',
      headers: auth(s.team.otherAgent),
      payload: { calls: [call, call] },
    });
    expect(posted.json()).toMatchObject({ accepted: 1, duplicate: 1, rejected: 0 });
    expect(
      (await s.app.inject({ method: 'GET', url: '/calls?agent=beto', headers: auth(s.team.agent) }))
        .statusCode,
    ).toBe(403);
    const own = await s.app.inject({ method: 'GET', url: '/calls', headers: auth(s.team.otherAgent) });
    expect(own.json().calls.map((c: { id: string }) => c.id)).toEqual([call.id]);
    expect(
      (
        await s.app.inject({ method: 'GET', url: '/calls?agent=beto', headers: auth(s.team.otherSupervisor) })
      ).json().calls,
    ).toHaveLength(1);
  });

  it('admin endpoints are 403 for agents and supervisors', async () => {
    for (const token of [s.team.agent, s.team.supervisor]) {
      const response = await s.app.inject({
        method: 'POST',
        url: '/admin/users',
        headers: auth(token),
        payload: { username: 'intruso', password: 'x'.repeat(10), role: 'admin' },
      });
      expect(response.statusCode).toBe(403);
    }
    const created = await s.app.inject({
      method: 'POST',
      url: '/admin/users',
      headers: auth(s.team.admin),
      payload: { username: 'carla', password: 'clave-de-carla', role: 'agent', supervisor: 'sup1' },
    });
    expect(created.statusCode).toBe(201);
    expect(
      (
        await s.app.inject({
          method: 'POST',
          url: '/admin/users',
          headers: auth(s.team.admin),
          payload: { username: 'carla', password: 'clave-de-carla', role: 'agent' },
        })
      ).statusCode,
    ).toBe(409);
    const carla = await login(s.app, 'carla', 'clave-de-carla');
    expect(
      (await s.app.inject({ method: 'GET', url: '/auth/me', headers: auth(carla) })).json(),
    ).toMatchObject({ role: 'agent' });
  });
});

describeEachBackend('account administration while the server runs', (backend) => {
  let s: Started;
  beforeAll(async () => {
    // A long token cache: the changes below must still take effect at once on this process.
    s = await startApp(await backend.open(), { authCacheMs: 60_000 });
  });
  afterAll(() => s.close());

  const me = (token: string) => s.app.inject({ method: 'GET', url: '/auth/me', headers: auth(token) });
  const admin = (url: string, payload?: object, token = s.team.admin) =>
    s.app.inject({ method: 'POST', url, headers: auth(token), ...(payload ? { payload } : {}) });

  it('an admin sets a password: the old one and every open session stop working', async () => {
    const before = await login(s.app, 'beto');
    expect((await me(before)).statusCode).toBe(200);
    const set = await admin('/admin/users/beto/password', { password: 'nueva-clave-beto' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ username: 'beto', disabled: false });
    expect((await me(before)).statusCode).toBe(401);
    await expect(login(s.app, 'beto')).rejects.toThrow(/401/);
    expect((await me(await login(s.app, 'beto', 'nueva-clave-beto'))).statusCode).toBe(200);
    expect((await admin('/admin/users/nadie/password', { password: 'x'.repeat(12) })).statusCode).toBe(404);
    expect((await admin('/admin/users/beto/password', { password: 'corta' })).statusCode).toBe(400);
    expect(
      (await admin('/admin/users/ana/password', { password: 'x'.repeat(12) }, s.team.agent)).statusCode,
    ).toBe(403);
  });

  it('an admin disables an account: its sessions end at once and it cannot sign in until enabled', async () => {
    const token = await login(s.app, 'ana');
    expect((await me(token)).statusCode).toBe(200); // now cached for a minute
    const disabled = await admin('/admin/users/ana/disable');
    expect(disabled.json()).toMatchObject({ username: 'ana', disabled: true });
    expect((await me(token)).statusCode).toBe(401);
    await expect(login(s.app, 'ana')).rejects.toThrow(/401/);
    const list = (
      await s.app.inject({ method: 'GET', url: '/admin/users', headers: auth(s.team.admin) })
    ).json();
    expect(list.users.find((u: { username: string }) => u.username === 'ana')).toMatchObject({
      disabled: true,
    });
    expect((await admin('/admin/users/ana/enable')).json()).toMatchObject({ disabled: false });
    expect((await me(await login(s.app, 'ana'))).statusCode).toBe(200);
  });

  it('refuses to disable the last enabled admin', async () => {
    const response = await admin('/admin/users/admin/disable');
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toMatch(/último administrador/);
  });

  it('anyone changes their own password with the current one; their other sessions end, this one goes on', async () => {
    const other = await login(s.app, 'sup2');
    const current = await login(s.app, 'sup2');
    const change = (currentPassword: string) =>
      s.app.inject({
        method: 'POST',
        url: '/auth/password',
        headers: auth(current),
        payload: { currentPassword, newPassword: 'clave-nueva-sup2' },
      });
    const wrong = await change('no-es-esta');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toBe('La contraseña actual no es correcta.');
    expect((await change(PASSWORD)).statusCode).toBe(204);
    expect((await me(current)).statusCode).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    await login(s.app, 'sup2', 'clave-nueva-sup2');
  });
});

describeEachBackend('token lifetime', (backend) => {
  let s: Started;
  beforeAll(async () => {
    s = await startApp(await backend.open(), { tokenTtlHours: 12, tokenMaxHours: 24 });
  });
  afterAll(() => s.close());

  const refresh = (token: string) =>
    s.app.inject({ method: 'POST', url: '/auth/refresh', headers: auth(token) });

  it('refreshes never carry a sign-in past its absolute lifetime', async () => {
    const token = await login(s.app, 'ana');
    // Signed in 23 h 30 min ago: a refresh gives a token that ends with the sign-in, not 12 h later.
    await s.db.query(`UPDATE sessions SET signed_in_at = now() - interval '23 hours 30 minutes'`);
    const renewed = await refresh(token);
    expect(renewed.statusCode).toBe(200);
    const left = Date.parse(renewed.json().expiresAt) - Date.now();
    expect(left).toBeLessThanOrEqual(31 * 60_000);
    expect(left).toBeGreaterThan(25 * 60_000);
    // Past it: no more refreshes, sign in again.
    await s.db.query(`UPDATE sessions SET signed_in_at = now() - interval '25 hours'`);
    const spent = await refresh(renewed.json().token);
    expect(spent.statusCode).toBe(401);
    expect(spent.json().message).toMatch(/duración máxima \(24 h\)/);
    expect((await refresh(renewed.json().token)).statusCode).toBe(401);
  });
});

describeEachBackend('token cache', (backend) => {
  let s: Started;
  beforeAll(async () => {
    s = await startApp(await backend.open(), { authCacheMs: 60_000 });
  });
  afterAll(() => s.close());

  it('sign-out and refresh on this process end the old token at once despite the cache', async () => {
    const token = await login(s.app, 'ana');
    const me = () => s.app.inject({ method: 'GET', url: '/auth/me', headers: auth(token) });
    expect((await me()).statusCode).toBe(200);
    // Cached now: even with its session row gone the process trusts it for a while…
    await s.db.query('DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = $1)', [
      'ana',
    ]);
    expect((await me()).statusCode).toBe(200);
    // …but its own sign-out is immediate.
    const fresh = await login(s.app, 'ana');
    expect((await s.app.inject({ method: 'GET', url: '/auth/me', headers: auth(fresh) })).statusCode).toBe(
      200,
    );
    expect(
      (await s.app.inject({ method: 'POST', url: '/auth/logout', headers: auth(fresh) })).statusCode,
    ).toBe(204);
    expect((await s.app.inject({ method: 'GET', url: '/auth/me', headers: auth(fresh) })).statusCode).toBe(
      401,
    );
    const other = await login(s.app, 'ana');
    const refreshed = await s.app.inject({ method: 'POST', url: '/auth/refresh', headers: auth(other) });
    expect(refreshed.statusCode).toBe(200);
    expect((await s.app.inject({ method: 'GET', url: '/auth/me', headers: auth(other) })).statusCode).toBe(
      401,
    );
  });
});

describeEachBackend('rate limit', (backend) => {
  let s: Started;
  beforeAll(async () => {
    s = await startApp(await backend.open(), { rateLimitMax: 5, rateLimitWindowMs: 60_000 });
  });
  afterAll(() => s.close());

  it('limits each token on its own with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      statuses.push(
        (await s.app.inject({ method: 'GET', url: '/auth/me', headers: auth(s.team.agent) })).statusCode,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await s.app.inject({ method: 'GET', url: '/auth/me', headers: auth(s.team.agent) });
    expect(limited.json().message).toMatch(/Demasiadas solicitudes/);
    expect(
      (await s.app.inject({ method: 'GET', url: '/auth/me', headers: auth(s.team.otherAgent) })).statusCode,
    ).toBe(200);
    expect((await s.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});

describeEachBackend('floods, limited per address before authentication', (backend) => {
  let s: Started;
  let sessionLookups = 0;
  beforeAll(async () => {
    const db = await backend.open();
    // Count token look-ups: a flood past the limit must not reach the database at all.
    const counting = {
      ...db,
      query: ((sql: string, params?: unknown[]) => {
        if (sql.includes('FROM sessions t')) sessionLookups += 1;
        return db.query(sql, params);
      }) as typeof db.query,
    };
    s = await startApp(counting, { rateLimitIpMax: 40, authFailuresMax: 10, rateLimitWindowMs: 60_000 });
  });
  afterAll(() => s.close());

  const from = (remoteAddress: string, headers: Record<string, string> = {}, url = '/forms') =>
    s.app.inject({ method: 'GET', url, headers, remoteAddress });

  it('a random-token flood gets 429 after a few failed look-ups, and no more look-ups', async () => {
    const before = sessionLookups;
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const token = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
      statuses.push((await from('10.9.0.1', { authorization: `Bearer ${token}` })).statusCode);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(20).fill(429));
    expect(sessionLookups - before).toBe(10);
    const limited = await from('10.9.0.1', { authorization: `Bearer ${'y'.repeat(43)}` });
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json().message).toMatch(/Demasiadas solicitudes: espere \d+ s/);
    // Another address is not affected.
    expect((await from('10.9.0.2', auth(s.team.agent))).statusCode).toBe(200);
  });

  it('an unauthenticated flood (health checks included) is cut per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i += 1) statuses.push((await from('10.9.0.3', {}, '/healthz')).statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(40);
    expect(statuses.slice(40)).toEqual(Array(5).fill(429));
    expect((await from('10.9.0.4', {}, '/healthz')).statusCode).toBe(200);
  });
});

describeEachBackend('sign-in limits: per address and username, with a per-address ceiling', (backend) => {
  let s: Started;
  beforeAll(async () => {
    s = await startApp(await backend.open(), {
      loginRateLimitMax: 1000,
      loginFailuresMax: 3,
      loginSprayMax: 8,
    });
  });
  afterAll(() => s.close());

  const signIn = (remoteAddress: string, username: string, password = PASSWORD) =>
    s.app.inject({ method: 'POST', url: '/auth/login', payload: { username, password }, remoteAddress });

  it("one agent's typos lock out that agent at that address, not the floor behind the same NAT", async () => {
    const nat = '10.20.0.1';
    const typos = [];
    for (let i = 0; i < 3; i += 1) typos.push((await signIn(nat, 'ana', 'clave-mal-escrita')).statusCode);
    expect(typos).toEqual([401, 401, 401]);
    // Now even her right password waits (the guesser does not learn it), with a Spanish reason…
    const locked = await signIn(nat, 'ANA ', PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.json().message).toMatch(/Demasiados intentos fallidos de inicio de sesión: espere \d+ s/);
    // …while everyone else at the same address signs in, and so does she from another address.
    for (const username of ['beto', 'sup1', 'sup2', 'admin'])
      expect((await signIn(nat, username)).statusCode).toBe(200);
    expect((await signIn('10.20.0.2', 'ana')).statusCode).toBe(200);
  });

  it('password spraying from one address hits the per-address ceiling; other addresses are unaffected', async () => {
    const sprayer = '10.30.0.1';
    const statuses = [];
    for (let i = 0; i < 10; i += 1)
      statuses.push((await signIn(sprayer, `usuario${i}`, 'Verano2026')).statusCode);
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(401));
    expect(statuses.slice(8)).toEqual([429, 429]);
    expect((await signIn(sprayer, 'beto')).statusCode).toBe(429);
    expect((await signIn('10.30.0.2', 'beto')).statusCode).toBe(200);
  });

  it('successful sign-ins of a whole floor behind one address are not limited by the failure counters', async () => {
    const statuses = [];
    for (let i = 0; i < 12; i += 1)
      statuses.push((await signIn('10.40.0.1', i % 2 ? 'ana' : 'beto')).statusCode);
    expect(statuses).toEqual(Array(12).fill(200));
  });
});
