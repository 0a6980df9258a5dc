import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BOARD_WIDGET_ENDPOINTS,
  ENDPOINTS,
  buildRequest,
  getBoardEvents,
  getBoardOptions,
  getBoardRows,
  getBackOfficeMe,
  getBackOfficeUsers,
  getCalls,
  getCase,
  getCaseIndicator,
  getCases,
  getCustomerCases,
  getDirectory,
  getEscalation,
  getEscalations,
  getMailboxes,
  getZoningWorkbook,
  getForm,
  getForms,
  getRecentForms,
  getHealth,
  getMe,
  getOpenApi,
  getOpenTicket,
  getRoutes,
  getCustomerTickets,
  getTicket,
  getTicketTypes,
  getTickets,
  getUsers,
  isBinary,
  isNdjson,
  isStream,
  postCallsBatch,
  postCase,
  postCaseEvent,
  postEscalationEvent,
  postDirectoryImport,
  postFormResolution,
  postFormsBatch,
  postParkedForms,
  postLogin,
  postLogout,
  postOwnPassword,
  postRefresh,
  postTicket,
  postTicketClose,
  postUser,
  postUserDisable,
  postUserEnable,
  postUserPassword,
  putCaseRoles,
  putMailbox,
  putRoute,
  putTicketType,
  responseFor,
  type Endpoint,
  type EndpointSpec,
  type RequestInput,
} from '../../shared/api';
import { BLOCK_PROBLEM_LEAF_ID } from '../../shared/requirements/typology';
import { backOffice } from '../test/cases';
import { describeEachBackend } from '../test/db';
import { csvText } from '../test/csv';
import { PASSWORD, auth, form, startApp, testConfig, type Started } from '../test/harness';
import { buildApp } from './app';
import type { Db } from './db/types';
import { requireEndpointDefinitions } from './route';

/**
 * The contract test: every endpoint of shared/api called on the real app (both databases) along
 * its success path and its error paths, each real answer parsed with the shared schema for its
 * status. The last test checks nothing was left out: every answer and every endpoint-specific
 * error of every definition was seen, and each common error status at least once.
 */

const seen = new Map<Endpoint, Set<number>>();

/** Parses a real answer with the contract's schema for its status; fails on an undeclared status. */
function expectContract(
  endpoint: Endpoint,
  response: { statusCode: number; body: string; headers?: Record<string, unknown>; rawPayload?: Buffer },
  status: number,
) {
  expect(response.statusCode, `${endpoint.method} ${endpoint.path}: ${response.body.slice(0, 300)}`).toBe(
    status,
  );
  const expected = responseFor(endpoint, status);
  if (expected.kind === 'undeclared')
    throw new Error(`${endpoint.method} ${endpoint.path} ${status} undeclared`);
  const schema = expected.kind === 'error' ? expected.schema : expected.spec;
  let parsed: unknown;
  if (isBinary(schema)) {
    expect(String(response.headers?.['content-type'])).toBe(schema.contentType);
    expect(response.rawPayload?.length ?? 0).toBeGreaterThan(0);
    parsed = response.rawPayload;
  } else if (!isStream(schema)) {
    const result = schema.safeParse(response.body === '' ? null : JSON.parse(response.body));
    expect(result.error?.issues ?? [], `${endpoint.method} ${endpoint.path} ${status}`).toEqual([]);
    parsed = result.data;
  } else if (isNdjson(schema)) {
    const lines = response.body.trimEnd().split('\n');
    parsed = lines.map((line) => schema.line.parse(JSON.parse(line)));
  } else {
    // Server-sent events: each named event's data with its schema (comments and `retry:` skipped).
    parsed = response.body
      .split('\n\n')
      .map((block) => ({
        event: /^event: (.*)$/m.exec(block)?.[1],
        data: /^data: (.*)$/m.exec(block)?.[1],
      }))
      .filter((e): e is { event: string; data: string } => e.event !== undefined)
      .map(({ event, data }) => {
        const eventSchema = schema.events[event];
        if (!eventSchema) throw new Error(`${endpoint.method} ${endpoint.path}: undeclared event ${event}`);
        return { event, data: eventSchema.parse(JSON.parse(data)) };
      });
  }
  const statuses = seen.get(endpoint) ?? new Set();
  statuses.add(status);
  seen.set(endpoint, statuses);
  return parsed;
}

describeEachBackend('HTTP contract (shared/api)', (backend) => {
  let s: Started;
  let dbDown = false;

  beforeAll(async () => {
    const db = await backend.open();
    // The same database, with a switch that makes every statement fail (health 503, errors 500).
    const flaky: Db = {
      kind: db.kind,
      query: (sql, params) => (dbDown ? Promise.reject(new Error('database down')) : db.query(sql, params)),
      exec: (sql) => db.exec(sql),
      transaction: (fn) => db.transaction(fn),
      listen: (channel, onNotify) => db.listen(channel, onNotify),
      close: () => db.close(),
    };
    s = await startApp(flaky, { bodyLimit: 64 * 1024 });
  });
  afterAll(() => s.close());

  /** Calls the app with a request built from the definition, like the desktop's client does. */
  async function call<S extends EndpointSpec>(
    endpoint: Endpoint<S>,
    input: RequestInput<S>,
    token?: string,
    raw?: { contentType: string; payload: string },
  ) {
    const request = buildRequest(endpoint, input);
    return s.app.inject({
      method: request.method,
      url: request.path,
      headers: {
        ...(token ? auth(token) : {}),
        ...(raw
          ? { 'content-type': raw.contentType }
          : request.body
            ? { 'content-type': 'application/json' }
            : {}),
      },
      ...(raw ? { payload: raw.payload } : request.body ? { payload: request.body } : {}),
    });
  }

  it('ops: health (200, and 503 with the database down), OpenAPI document', async () => {
    expectContract(getHealth, await call(getHealth, {}), 200);
    dbDown = true;
    try {
      expectContract(getHealth, await call(getHealth, {}), 503);
      // Any other endpoint answers the envelope with 500, never a stack.
      expectContract(getMe, await call(getMe, {}, s.team.agent), 500);
    } finally {
      dbDown = false;
    }
    expectContract(getOpenApi, await call(getOpenApi, {}, s.team.agent), 200);
    expectContract(getOpenApi, await call(getOpenApi, {}), 401);
  });

  it('auth: sign-in, refresh, who am I, sign-out, accounts', async () => {
    const session = expectContract(
      postLogin,
      await call(postLogin, { body: { username: 'ana', password: PASSWORD } }),
      200,
    ) as { token: string };
    expectContract(
      postLogin,
      await call(postLogin, { body: { username: 'ana', password: 'otra-clave' } }),
      401,
    );
    expectContract(
      postLogin,
      await call(postLogin, { body: { username: 'ana' } } as unknown as RequestInput<typeof postLogin>),
      400,
    );
    expectContract(
      postLogin,
      await call(postLogin, {} as RequestInput<typeof postLogin>, undefined, {
        contentType: 'application/xml',
        payload: '<usuario>ana</usuario>',
      }),
      415,
    );

    const renewed = expectContract(postRefresh, await call(postRefresh, {}, session.token), 200) as {
      token: string;
    };
    expectContract(postRefresh, await call(postRefresh, {}, session.token), 401);
    expectContract(getMe, await call(getMe, {}, renewed.token), 200);
    expectContract(postLogout, await call(postLogout, {}, renewed.token), 204);
    expectContract(postLogout, await call(postLogout, {}, renewed.token), 401);
    expectContract(getMe, await call(getMe, {}, renewed.token), 401);

    expectContract(getUsers, await call(getUsers, {}, s.team.admin), 200);
    expectContract(getUsers, await call(getUsers, {}, s.team.agent), 403);
    const newUser = {
      username: `u${randomUUID().slice(0, 8)}`,
      password: 'una-clave-larga',
      role: 'agent' as const,
    };
    expectContract(
      postUser,
      await call(postUser, { body: { ...newUser, supervisor: 'sup1' } }, s.team.admin),
      201,
    );
    expectContract(postUser, await call(postUser, { body: newUser }, s.team.admin), 409);
    expectContract(
      postUser,
      await call(postUser, { body: { ...newUser, password: 'corta' } }, s.team.admin),
      400,
    );
    expectContract(postUser, await call(postUser, { body: newUser }, s.team.agent), 403);

    // Accounts while the server runs: passwords, disabling, enabling, one's own password.
    const target = { params: { username: newUser.username } };
    expectContract(
      postUserPassword,
      await call(postUserPassword, { ...target, body: { password: 'otra-clave-larga' } }, s.team.admin),
      200,
    );
    expectContract(
      postUserPassword,
      await call(
        postUserPassword,
        { params: { username: 'nadie' }, body: { password: 'x'.repeat(10) } },
        s.team.admin,
      ),
      404,
    );
    expectContract(
      postUserPassword,
      await call(postUserPassword, { ...target, body: { password: 'corta' } }, s.team.admin),
      400,
    );
    expectContract(
      postUserPassword,
      await call(postUserPassword, { ...target, body: { password: 'x'.repeat(10) } }, s.team.agent),
      403,
    );
    expectContract(postUserDisable, await call(postUserDisable, target, s.team.admin), 200);
    expectContract(
      postUserDisable,
      await call(postUserDisable, { params: { username: 'nadie' } }, s.team.admin),
      404,
    );
    expectContract(
      postUserDisable,
      await call(postUserDisable, { params: { username: 'admin' } }, s.team.admin),
      409,
    );
    expectContract(
      postUserDisable,
      await call(postUserDisable, { params: { username: 'a\u0000' } }, s.team.admin),
      400,
    );
    expectContract(postUserDisable, await call(postUserDisable, target, s.team.supervisor), 403);
    expectContract(postUserEnable, await call(postUserEnable, target, s.team.admin), 200);
    expectContract(
      postUserEnable,
      await call(postUserEnable, { params: { username: 'nadie' } }, s.team.admin),
      404,
    );
    expectContract(
      postUserEnable,
      await call(postUserEnable, { params: { username: 'a\u0000' } }, s.team.admin),
      400,
    );
    expectContract(postUserEnable, await call(postUserEnable, target, s.team.agent), 403);
    const own = expectContract(
      postLogin,
      await call(postLogin, { body: { username: newUser.username, password: 'otra-clave-larga' } }),
      200,
    ) as { token: string };
    expectContract(
      postOwnPassword,
      await call(
        postOwnPassword,
        { body: { currentPassword: 'otra-clave-larga', newPassword: 'la-tercera-clave' } },
        own.token,
      ),
      204,
    );
    expectContract(
      postOwnPassword,
      await call(postOwnPassword, { body: { currentPassword: 'mala', newPassword: 'x' } }, own.token),
      400,
    );
  });

  it('forms: batch verdicts (200, 207 with a ticket, 422), list, one form', async () => {
    const good = form('certificacion');
    expectContract(
      postFormsBatch,
      await call(postFormsBatch, { body: { forms: [good] } }, s.team.agent),
      200,
    );
    const answer = expectContract(
      postFormsBatch,
      await call(
        postFormsBatch,
        {
          body: {
            forms: [
              form('ticketBloqueo', { customerCode: '300001' }),
              { ...form('certificacion'), values: {} },
            ],
          },
        },
        s.team.agent,
      ),
      207,
    ) as { results: Array<{ status: string; ticket?: { id: string } }> };
    expect(answer.results[0]).toMatchObject({
      status: 'accepted',
      ticket: { id: expect.stringMatching(/^PV-/) },
    });
    expectContract(
      postFormsBatch,
      await call(
        postFormsBatch,
        { body: { forms: [{ ...form('certificacion'), values: {} }] } },
        s.team.agent,
      ),
      422,
    );
    expectContract(postFormsBatch, await call(postFormsBatch, { body: { forms: [] } }, s.team.agent), 400);
    expectContract(postFormsBatch, await call(postFormsBatch, { body: { forms: [good] } }), 401);
    const huge = { forms: [{ ...good, values: { observations: 'x'.repeat(70 * 1024) } }] };
    expectContract(
      postFormsBatch,
      await call(postFormsBatch, {} as RequestInput<typeof postFormsBatch>, s.team.agent, {
        contentType: 'application/json',
        payload: JSON.stringify(huge),
      }),
      413,
    );

    expectContract(getForms, await call(getForms, {}, s.team.agent), 200);
    expectContract(getForms, await call(getForms, { query: { agent: 'ana' } }, s.team.supervisor), 200);
    expectContract(getForms, await call(getForms, { query: { agent: 'ana' } }, s.team.otherAgent), 403);
    expectContract(getForms, await call(getForms, { query: { limit: 0 } }, s.team.agent), 400);

    expectContract(
      getRecentForms,
      await call(
        getRecentForms,
        { query: { customerCode: good.customerCode, hours: 12 } },
        s.team.otherAgent,
      ),
      200,
    );
    expectContract(
      getRecentForms,
      await call(getRecentForms, { query: { customerCode: '', hours: 12 } }, s.team.agent),
      400,
    );
    expectContract(getForm, await call(getForm, { params: { id: good.id } }, s.team.agent), 200);
    expectContract(getForm, await call(getForm, { params: { id: good.id } }, s.team.otherAgent), 403);
    expectContract(getForm, await call(getForm, { params: { id: randomUUID() } }, s.team.agent), 404);
    expectContract(getForm, await call(getForm, { params: { id: 'no-es-uuid' } }, s.team.agent), 400);
  });

  it('directory: CSV import, NDJSON snapshot and delta, cursor from another server', async () => {
    const csv = { contentType: 'text/csv', payload: csvText(0, 40) };
    const imported = expectContract(
      postDirectoryImport,
      await call(postDirectoryImport, { query: { mode: 'upsert' } }, s.team.admin, csv),
      200,
    ) as { cursor: number };
    expectContract(
      postDirectoryImport,
      await call(postDirectoryImport, {}, s.team.admin, {
        contentType: 'text/csv',
        payload: 'esto,no,es\n1,2,3\n',
      }),
      400,
    );
    expectContract(
      postDirectoryImport,
      await call(postDirectoryImport, {}, s.team.admin, { contentType: 'application/json', payload: '{}' }),
      415,
    );
    expectContract(postDirectoryImport, await call(postDirectoryImport, {}, s.team.agent, csv), 403);
    expectContract(
      postDirectoryImport,
      await call(postDirectoryImport, { query: { mode: 'todo' as 'full' } }, s.team.admin, csv),
      400,
    );

    const snapshot = expectContract(getDirectory, await call(getDirectory, {}, s.team.agent), 200) as Array<{
      type: string;
    }>;
    expect(snapshot[0]!.type).toBe('header');
    expect(snapshot.at(-1)!.type).toBe('end');
    expect(snapshot.filter((line) => line.type === 'upsert').length).toBeGreaterThanOrEqual(40);
    await call(postDirectoryImport, { query: { mode: 'full' } }, s.team.admin, {
      contentType: 'text/csv',
      payload: csvText(0, 30, ' (cambio)'),
    });
    const delta = expectContract(
      getDirectory,
      await call(getDirectory, { query: { since: imported.cursor } }, s.team.agent),
      200,
    ) as Array<{ type: string }>;
    expect(new Set(delta.map((line) => line.type))).toEqual(new Set(['header', 'upsert', 'delete', 'end']));
    const conflict = expectContract(
      getDirectory,
      await call(getDirectory, { query: { since: 10 ** 12 } }, s.team.agent),
      409,
    ) as { cursor: number };
    expect(conflict.cursor).toBeGreaterThan(imported.cursor);
    expectContract(getDirectory, await call(getDirectory, { query: { since: -1 } }, s.team.agent), 400);
  });

  it('tickets: open check, history, desk copy, open, close, one ticket, types and their days', async () => {
    // A customer of the directory imported above (the back office refuses unknown ones now).
    const customerCode = '100005';
    expectContract(getOpenTicket, await call(getOpenTicket, { query: { customerCode } }, s.team.agent), 200);
    expectContract(
      getOpenTicket,
      await call(getOpenTicket, { query: { customerCode: '' } }, s.team.agent),
      400,
    );
    const body = { customerCode, typeId: BLOCK_PROBLEM_LEAF_ID, description: 'Regulador' };
    const opened = expectContract(postTicket, await call(postTicket, { body }, s.team.agent), 201) as {
      ticket: { id: string };
    };
    expectContract(postTicket, await call(postTicket, { body }, s.team.agent), 200);
    expectContract(
      postTicket,
      await call(postTicket, { body: { ...body, typeId: 'servicio.no-existe' } }, s.team.agent),
      400,
    );
    expectContract(
      postTicket,
      await call(postTicket, { body: { ...body, customerCode: 'NOEXISTE' } }, s.team.agent),
      400,
    );
    expectContract(getOpenTicket, await call(getOpenTicket, { query: { customerCode } }, s.team.agent), 200);
    expectContract(getTickets, await call(getTickets, { query: { customerCode } }, s.team.agent), 200);
    expectContract(
      getCustomerTickets,
      await call(getCustomerTickets, { params: { code: customerCode } }, s.team.otherAgent),
      200,
    );
    expectContract(
      getCustomerTickets,
      await call(getCustomerTickets, { params: { code: 'x'.repeat(40) } }, s.team.agent),
      400,
    );
    expectContract(
      getTickets,
      await call(getTickets, {} as RequestInput<typeof getTickets>, s.team.agent),
      400,
    );
    const id = opened.ticket.id;
    const answer = { answer: 'Instalación normalizada.' };
    expectContract(getTicket, await call(getTicket, { params: { id } }, s.team.agent), 200);
    expectContract(getTicket, await call(getTicket, { params: { id } }, s.team.otherAgent), 403);
    expectContract(getTicket, await call(getTicket, { params: { id: 'PV-9999999' } }, s.team.agent), 404);
    expectContract(getTicket, await call(getTicket, { params: { id: 'x'.repeat(40) } }, s.team.agent), 400);
    expectContract(
      postTicketClose,
      await call(postTicketClose, { params: { id }, body: answer }, s.team.agent),
      403,
    );
    expectContract(
      postTicketClose,
      await call(postTicketClose, { params: { id }, body: answer }, s.team.otherSupervisor),
      403,
    );
    expectContract(
      postTicketClose,
      await call(postTicketClose, { params: { id }, body: answer }, s.team.supervisor),
      200,
    );
    expectContract(
      postTicketClose,
      await call(postTicketClose, { params: { id: 'PV-9999999' }, body: answer }, s.team.admin),
      404,
    );
    expectContract(
      postTicketClose,
      await call(postTicketClose, { params: { id: 'x'.repeat(40) }, body: answer }, s.team.admin),
      400,
    );
    expectContract(getTicketTypes, await call(getTicketTypes, {}, s.team.agent), 200);
    const typeId = 'pagos.relativos-pago.debe-vuelto';
    const days = { dueBusinessDays: 3 };
    expectContract(
      putTicketType,
      await call(putTicketType, { params: { id: typeId }, body: days }, s.team.agent),
      403,
    );
    expectContract(
      putTicketType,
      await call(putTicketType, { params: { id: typeId }, body: days }, s.team.admin),
      200,
    );
    expectContract(
      putTicketType,
      await call(putTicketType, { params: { id: 'servicio.no-existe' }, body: days }, s.team.admin),
      404,
    );
    expectContract(
      putTicketType,
      await call(putTicketType, { params: { id: typeId }, body: { dueBusinessDays: 0 } }, s.team.admin),
      400,
    );
  });

  it('calls and routing table', async () => {
    const call1 = {
      id: randomUUID(),
      direction: 'incoming' as const,
      number: '+56226939901',
      displayName: null,
      customerCode: null,
      blockCodes: ['Z1'],
      startedAt: new Date().toISOString(),
      answeredAt: null,
      endedAt: new Date().toISOString(),
      outcome: 'missed' as const,
      transferTarget: null,
      companion: false,
      callBackOf: null,
    };
    expectContract(
      postCallsBatch,
      await call(postCallsBatch, { body: { calls: [call1] } }, s.team.agent),
      200,
    );
    const broken = { ...call1, id: randomUUID(), outcome: 'colgó' as 'missed' };
    expectContract(
      postCallsBatch,
      await call(postCallsBatch, { body: { calls: [call1, broken] } }, s.team.agent),
      207,
    );
    expectContract(
      postCallsBatch,
      await call(postCallsBatch, { body: { calls: [broken] } }, s.team.agent),
      422,
    );
    expectContract(postCallsBatch, await call(postCallsBatch, { body: { calls: [] } }, s.team.agent), 400);
    expectContract(getCalls, await call(getCalls, {}, s.team.supervisor), 200);
    expectContract(getCalls, await call(getCalls, { query: { agent: 'ana' } }, s.team.otherSupervisor), 403);
    expectContract(getCalls, await call(getCalls, { query: { limit: 501 } }, s.team.agent), 400);

    expectContract(getRoutes, await call(getRoutes, {}, s.team.supervisor), 200);
    expectContract(getRoutes, await call(getRoutes, {}, s.team.agent), 403);
    const route = {
      areaId: 'rrss' as const,
      recipients: ['rrss@empresa.cl'],
      toSupervisor: false,
      createsTicket: false,
    };
    expectContract(putRoute, await call(putRoute, { params: { key: 'ZB' }, body: route }, s.team.admin), 200);
    expectContract(
      putRoute,
      await call(
        putRoute,
        { params: { key: 'ZB' }, body: { ...route, recipients: ['no-es-correo'] } },
        s.team.admin,
      ),
      400,
    );
    expectContract(
      putRoute,
      await call(putRoute, { params: { key: 'ZB' }, body: route }, s.team.supervisor),
      403,
    );
  });

  it('parked forms: reported (200), bad input 400, no session 401', async () => {
    const parked = {
      id: randomUUID(),
      formId: 'certificacion',
      customerCode: '100005',
      customerName: 'Cliente',
      reason: 'La central tuvo un error (500).',
    };
    expectContract(
      postParkedForms,
      await call(postParkedForms, { body: { forms: [parked] } }, s.team.agent),
      200,
    );
    expectContract(
      postParkedForms,
      await call(postParkedForms, { body: { forms: [{ ...parked, reason: '' }] } }, s.team.agent),
      400,
    );
    expectContract(postParkedForms, await call(postParkedForms, { body: { forms: [parked] } }), 401);
  });

  it('form resolution: once (200, same again 200, another 409), unknown 404, agents 403', async () => {
    // A customer of the directory imported above (the back office refuses unknown ones).
    const sent = form('certificacion', { customerCode: '100005' });
    expectContract(
      postFormsBatch,
      await call(postFormsBatch, { body: { forms: [sent] } }, s.team.agent),
      200,
    );
    const params = { id: sent.id };
    const body = { status: 'resuelto' as const, note: 'Hecho' };
    expectContract(
      postFormResolution,
      await call(postFormResolution, { params, body }, s.team.supervisor),
      200,
    );
    expectContract(
      postFormResolution,
      await call(postFormResolution, { params, body }, s.team.supervisor),
      200,
    );
    expectContract(
      postFormResolution,
      await call(postFormResolution, { params, body: { status: 'rechazado' } }, s.team.admin),
      409,
    );
    expectContract(
      postFormResolution,
      await call(postFormResolution, { params: { id: randomUUID() }, body }, s.team.admin),
      404,
    );
    expectContract(
      postFormResolution,
      await call(postFormResolution, { params, body: { status: 'abierto' as 'resuelto' } }, s.team.admin),
      400,
    );
    expectContract(postFormResolution, await call(postFormResolution, { params, body }, s.team.agent), 403);
  });

  it('board: options, every widget, rows behind a number, live events', async () => {
    expectContract(getBoardOptions, await call(getBoardOptions, {}, s.team.supervisor), 200);
    expectContract(getBoardOptions, await call(getBoardOptions, {}, s.team.agent), 403);
    for (const widget of Object.values(BOARD_WIDGET_ENDPOINTS)) {
      expectContract(widget, await call(widget, { query: { block: 'z1' } }, s.team.admin), 200);
      expectContract(widget, await call(widget, { query: { from: '2026-13-01' } }, s.team.admin), 400);
      expectContract(widget, await call(widget, {}, s.team.agent), 403);
    }
    const rows = expectContract(
      getBoardRows,
      await call(getBoardRows, { params: { source: 'calls' }, query: { limit: 1 } }, s.team.admin),
      200,
    ) as { rows: unknown[] };
    expect(rows.rows.length).toBe(1);
    for (const source of ['cases', 'indicator'] as const) {
      expectContract(getBoardRows, await call(getBoardRows, { params: { source } }, s.team.admin), 200);
      expectContract(
        getBoardRows,
        await call(getBoardRows, { params: { source }, query: { month: '2026-13' } }, s.team.admin),
        400,
      );
    }
    expectContract(
      getBoardRows,
      await call(getBoardRows, { params: { source: 'llamadas' as 'calls' } }, s.team.admin),
      400,
    );
    expectContract(
      getBoardRows,
      await call(getBoardRows, { params: { source: 'forms' } }, s.team.agent),
      403,
    );

    // The event stream never ends: read it over a socket up to its first event.
    const base = await s.app.listen({ host: '127.0.0.1', port: 0 });
    const request = buildRequest(getBoardEvents, {});
    const controller = new AbortController();
    const response = await fetch(base + request.path, {
      headers: auth(s.team.supervisor),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    let text = '';
    while (!/^event: .*\ndata: .*\n\n/m.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    const events = expectContract(getBoardEvents, { statusCode: response.status, body: text }, 200);
    expect(events).toEqual([{ event: 'ready', data: { at: expect.any(String) } }]);
    const refused = await fetch(base + request.path, { headers: auth(s.team.agent) });
    expectContract(getBoardEvents, { statusCode: refused.status, body: await refused.text() }, 403);
  });

  it('cases: list, indicator, workbook, open, detail, act, a customer’s cases, roles and mailboxes', async () => {
    const bo = await backOffice(s.db);
    const agent = s.team.agent;
    // The list, the indicator and the workbook.
    expectContract(getCases, await call(getCases, { query: { status: 'open' } }, bo.red), 200);
    expectContract(
      getCases,
      await s.app.inject({ method: 'GET', url: '/cases?status=todos', headers: auth(bo.red) }),
      400,
    );
    expectContract(getCases, await call(getCases, {}, agent), 403);
    expectContract(
      getCaseIndicator,
      await call(getCaseIndicator, { query: { from: '2026-03-01' } }, bo.coc),
      200,
    );
    expectContract(
      getCaseIndicator,
      await call(getCaseIndicator, { query: { from: '2026-02-30' } }, bo.coc),
      400,
    );
    expectContract(getCaseIndicator, await call(getCaseIndicator, {}, agent), 403);
    expectContract(
      getZoningWorkbook,
      await call(getZoningWorkbook, { query: { month: '2026-03' } }, bo.red),
      200,
    );
    expectContract(
      getZoningWorkbook,
      await call(getZoningWorkbook, { query: { month: '2026-13' } }, bo.red),
      400,
    );
    expectContract(
      getZoningWorkbook,
      await call(getZoningWorkbook, { query: { month: '2026-03' } }, bo.coc),
      403,
    );

    // Opening an anulación case.
    const data = {
      requestNumber: 'SOL-CONTRATO',
      requestType: 'instalacion',
      observation: 'Calle mal digitada',
      seller: 'Pedro',
      advisor: 'Ana',
    };
    const clientId = randomUUID();
    const opening = { procedure: 'anulacion', opening: 'detectada_gestion_red', data };
    const opened = expectContract(
      postCase,
      await call(postCase, { body: { clientId, ...opening } }, bo.red),
      201,
    ) as {
      case: { id: number; version: number };
    };
    expectContract(postCase, await call(postCase, { body: { clientId, ...opening } }, bo.red), 200);
    expectContract(
      postCase,
      await call(postCase, { body: { clientId: randomUUID(), ...opening } }, bo.red),
      409,
    );
    expectContract(
      postCase,
      await call(
        postCase,
        { body: { clientId: randomUUID(), ...opening, data: { ...data, seller: '' } } },
        bo.red,
      ),
      422,
    );
    expectContract(
      postCase,
      await s.app.inject({ method: 'POST', url: '/cases', headers: auth(bo.red), payload: { ...opening } }),
      400,
    );
    expectContract(
      postCase,
      await call(postCase, { body: { clientId: randomUUID(), ...opening } }, agent),
      403,
    );

    // Its detail, and acting on it.
    const id = opened.case.id;
    expectContract(getCase, await call(getCase, { params: { id } }, bo.red), 200);
    expectContract(getCase, await call(getCase, { params: { id: 999_999 } }, bo.red), 404);
    expectContract(
      getCase,
      await s.app.inject({ method: 'GET', url: '/cases/abc', headers: auth(bo.red) }),
      400,
    );
    expectContract(getCase, await call(getCase, { params: { id } }, agent), 403);
    const act = (version: number, action: string, actId = randomUUID()) => ({
      params: { id },
      body: { type: 'transition' as const, clientId: actId, expectedVersion: version, action, data: {} },
    });
    const moved = act(1, 'sin_solucion');
    moved.body.data = { siNumber: 'SI-1', note: 'sin respuesta' } as never;
    expectContract(postCaseEvent, await call(postCaseEvent, moved, bo.red), 201);
    expectContract(postCaseEvent, await call(postCaseEvent, moved, bo.red), 200);
    expectContract(postCaseEvent, await call(postCaseEvent, act(1, 'anular'), bo.red), 409);
    expectContract(postCaseEvent, await call(postCaseEvent, act(2, 'subsanada'), bo.red), 422);
    expectContract(
      postCaseEvent,
      await call(postCaseEvent, { ...act(2, 'anular'), params: { id: 999_999 } }, bo.red),
      404,
    );
    expectContract(
      postCaseEvent,
      await s.app.inject({
        method: 'POST',
        url: `/cases/${id}/events`,
        headers: auth(bo.red),
        payload: { type: 'borrar' },
      }),
      400,
    );
    expectContract(postCaseEvent, await call(postCaseEvent, act(2, 'anular'), agent), 403);

    // What an agent may tell the customer; who the viewer is; assignees.
    expectContract(
      getCustomerCases,
      await call(getCustomerCases, { params: { code: '100234' } }, agent),
      200,
    );
    expectContract(
      getCustomerCases,
      await call(getCustomerCases, { params: { code: 'x'.repeat(21) } }, agent),
      400,
    );
    expectContract(getBackOfficeMe, await call(getBackOfficeMe, {}, bo.red), 200);
    expectContract(getBackOfficeMe, await call(getBackOfficeMe, {}, agent), 403);
    expectContract(getBackOfficeUsers, await call(getBackOfficeUsers, {}, s.team.supervisor), 200);
    expectContract(getBackOfficeUsers, await call(getBackOfficeUsers, {}, agent), 403);

    // Admin: mailboxes and case roles.
    expectContract(getMailboxes, await call(getMailboxes, {}, s.team.admin), 200);
    expectContract(getMailboxes, await call(getMailboxes, {}, bo.red), 403);
    const mailbox = { params: { key: 'mesa_clientes' as const }, body: { recipients: ['mesa@empresa.cl'] } };
    expectContract(putMailbox, await call(putMailbox, mailbox, s.team.admin), 200);
    expectContract(
      putMailbox,
      await call(putMailbox, { ...mailbox, body: { recipients: ['no-es-correo'] } }, s.team.admin),
      400,
    );
    expectContract(putMailbox, await call(putMailbox, mailbox, s.team.supervisor), 403);
    const roles = { params: { username: 'red' }, body: { roles: ['gestion_red', 'operaciones_comercial'] } };
    expectContract(putCaseRoles, await call(putCaseRoles, roles, s.team.admin), 200);
    expectContract(
      putCaseRoles,
      await call(putCaseRoles, { ...roles, params: { username: 'nadie' } }, s.team.admin),
      404,
    );
    expectContract(
      putCaseRoles,
      await call(putCaseRoles, { ...roles, params: { username: 'ana' } }, s.team.admin),
      422,
    );
    expectContract(
      putCaseRoles,
      await s.app.inject({
        method: 'PUT',
        url: '/admin/users/red/case-roles',
        headers: auth(s.team.admin),
        payload: {},
      }),
      400,
    );
    expectContract(putCaseRoles, await call(putCaseRoles, roles, s.team.supervisor), 403);
  });

  it('escalations: inbox, one item, take/comment/close', async () => {
    const item = form('supervisor', {
      customerCode: '100005',
      supervisorReason: 'datos-ya-tomados',
      values: { observations: 'Ya llamó ayer' },
    });
    await call(postFormsBatch, { body: { forms: [item] } }, s.team.agent);
    const inbox = expectContract(getEscalations, await call(getEscalations, {}, s.team.supervisor), 200) as {
      escalations: Array<{ id: number; version: number }>;
    };
    expectContract(
      getEscalations,
      await call(getEscalations, { query: { status: 'todas' as never } }, s.team.supervisor),
      400,
    );
    expectContract(getEscalations, await call(getEscalations, {}, s.team.agent), 403);
    const { id, version } = inbox.escalations[0]!;
    expectContract(getEscalation, await call(getEscalation, { params: { id } }, s.team.supervisor), 200);
    expectContract(getEscalation, await call(getEscalation, { params: { id } }, s.team.otherSupervisor), 404);
    expectContract(
      getEscalation,
      await s.app.inject({ method: 'GET', url: '/escalations/x', headers: auth(s.team.admin) }),
      400,
    );
    expectContract(getEscalation, await call(getEscalation, { params: { id } }, s.team.agent), 403);
    const take = {
      params: { id },
      body: { type: 'take' as const, clientId: randomUUID(), expectedVersion: version },
    };
    expectContract(postEscalationEvent, await call(postEscalationEvent, take, s.team.supervisor), 201);
    expectContract(postEscalationEvent, await call(postEscalationEvent, take, s.team.supervisor), 200);
    expectContract(
      postEscalationEvent,
      await call(
        postEscalationEvent,
        { ...take, body: { ...take.body, clientId: randomUUID() } },
        s.team.admin,
      ),
      409,
    );
    expectContract(
      postEscalationEvent,
      await call(
        postEscalationEvent,
        { params: { id }, body: { type: 'comment', clientId: randomUUID(), comment: ' ' } },
        s.team.supervisor,
      ),
      422,
    );
    expectContract(
      postEscalationEvent,
      await call(postEscalationEvent, { ...take, params: { id: 999_999 } }, s.team.supervisor),
      404,
    );
    expectContract(
      postEscalationEvent,
      await s.app.inject({
        method: 'POST',
        url: `/escalations/${id}/events`,
        headers: auth(s.team.admin),
        payload: { type: 'x' },
      }),
      400,
    );
    expectContract(postEscalationEvent, await call(postEscalationEvent, take, s.team.agent), 403);
  });

  it('rate limit: 429 with the envelope', async () => {
    // A second app on the same database (the team's tokens hold) with a limit of 2 per window.
    const limited = await buildApp({ db: s.db, config: testConfig({ rateLimitMax: 2 }), logger: false });
    try {
      const answers = [];
      for (let i = 0; i < 3; i += 1) {
        answers.push(await limited.inject({ method: 'GET', url: '/auth/me', headers: auth(s.team.agent) }));
      }
      expectContract(getMe, answers.at(-1)!, 429);
    } finally {
      await limited.close();
    }
  });
});

describe('HTTP contract: nothing left out', () => {
  it('every answer and every own error of every endpoint was checked on the real app, and each common error once', () => {
    const missing: string[] = [];
    const commonSeen = new Set<number>();
    for (const endpoint of ENDPOINTS) {
      const statuses = seen.get(endpoint) ?? new Set<number>();
      for (const status of statuses) commonSeen.add(status);
      const required = [...Object.keys(endpoint.responses), ...Object.keys(endpoint.errors ?? {})].map(
        Number,
      );
      for (const status of required)
        if (!statuses.has(status)) missing.push(`${endpoint.method} ${endpoint.path} ${status}`);
      if (Object.keys(endpoint.errorResponses).includes('400') && !statuses.has(400))
        missing.push(`${endpoint.method} ${endpoint.path} 400 (bad input)`);
      if (Array.isArray(endpoint.access) && !statuses.has(403))
        missing.push(`${endpoint.method} ${endpoint.path} 403 (role)`);
    }
    for (const status of [400, 401, 403, 413, 415, 429, 500]) {
      if (!commonSeen.has(status)) missing.push(`common ${status}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('HTTP contract: every route is defined in shared/api and documented', () => {
  let started: Started;
  beforeAll(async () => {
    const { openPglite } = await import('./db/pglite');
    const { migrate } = await import('./db/migrate');
    const db = await openPglite(null);
    await migrate(db);
    started = await startApp(db);
  });
  afterAll(() => started.close());

  it('the app serves exactly the endpoints of shared/api, and OpenAPI documents each as defined', async () => {
    const response = await started.app.inject({
      method: 'GET',
      url: '/openapi.json',
      headers: auth(started.team.agent),
    });
    const document = response.json() as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, unknown>; security?: unknown; requestBody?: unknown }>
      >;
    };
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.sort()).toEqual(ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort());
    for (const endpoint of ENDPOINTS) {
      expect(started.app.hasRoute({ method: endpoint.method, url: endpoint.path })).toBe(true);
      const operation =
        document.paths[endpoint.path.replace(/:(\w+)/g, '{$1}')]![endpoint.method.toLowerCase()]!;
      const declared = [...Object.keys(endpoint.responses), ...Object.keys(endpoint.errorResponses)].sort();
      expect(Object.keys(operation.responses).sort(), `${endpoint.method} ${endpoint.path}`).toEqual(
        declared,
      );
      expect(Boolean(operation.security)).toBe(endpoint.access !== 'public');
      expect(Boolean(operation.requestBody)).toBe(Boolean(endpoint.body || endpoint.rawBody));
    }
  });

  it('a route registered without its shared definition stops the server from starting', async () => {
    const app = Fastify();
    requireEndpointDefinitions(app);
    expect(() => app.get('/sin-contrato', async () => 'hola')).toThrow(/shared\/api definition/);
    await app.close();
  });
});
