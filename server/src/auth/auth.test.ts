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
      direction: 'entrante',
      number: '+56912345678',
      startedAt: '2026-11-26T10:00:00-03:00',
    };
    const posted = await s.app.inject({
      method: 'POST',
      url: '/calls/batch',
      headers: auth(s.team.otherAgent),
      payload: { calls: [call, call] },
    });
    expect(posted.json()).toEqual({ accepted: 1, duplicate: 1 });
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
