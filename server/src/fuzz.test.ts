/**
 * Every string an endpoint takes, fuzzed: NUL, each half of a surrogate pair alone, emoji placed
 * across the length limits, CR/LF, 10 000 characters and SQL fragments. Nothing a client sends may
 * produce a 5xx; batches (forms, calls) must answer each item on its own. The list of endpoints and fields
 * comes from the server's own OpenAPI document, so a new endpoint or field without a fuzz base
 * fails the coverage test instead of going unfuzzed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isStorableText } from '../../shared/text/storable';
import { describeEachBackend } from '../test/db';
import { auth, form, startApp, type Started } from '../test/harness';
import { csvLine, CSV_HEADER } from '../test/csv';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface JsonSchema {
  type?: string | string[];
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  maxLength?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}
interface Operation {
  parameters?: Array<{ in: 'query' | 'path'; name: string; schema: JsonSchema }>;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

interface Base {
  token: (s: Started) => string;
  query?: Record<string, string>;
  params?: Record<string, string>;
  /** A fresh valid body each time (e.g. a unique username), so accepted mutations reach the database. */
  body?: () => Json;
  /** The other shapes of a body that is a union (one per event type), fuzzed the same way. */
  variants?: Array<() => Json>;
}

/** A finished call as the desk uploads it, every optional field filled. */
function call(): Json {
  return {
    id: crypto.randomUUID(),
    direction: 'incoming',
    number: '+56912345678',
    displayName: 'María González',
    customerCode: '100234',
    blockCodes: ['Z1'],
    startedAt: '2026-11-26T10:00:00-03:00',
    answeredAt: '2026-11-26T10:00:05-03:00',
    endedAt: '2026-11-26T10:03:00-03:00',
    outcome: 'transferred-telecobranzas',
    transferTarget: '26939901',
    companion: true,
    callBackOf: crypto.randomUUID(),
  };
}

/** Every filter of the board, for the widgets and the rows behind them. */
const BOARD_FILTERS = {
  from: '2026-11-01',
  to: '2026-11-30',
  team: 'sup1',
  agent: 'ana',
  block: 'Z1',
  formType: 'telecobranzas',
  ticketType: '1',
  procedure: 'zb',
};

/** Batch endpoints answer each item on its own: the list's key, and a good item to send next to it. */
const BATCHES: Record<string, { items: string; good: () => Json }> = {
  'POST /forms/batch': { items: 'forms', good: () => form('certificacion') as unknown as Json },
  'POST /calls/batch': { items: 'calls', good: call },
};

/** One valid request per endpoint that takes strings; every optional field filled. */
const BASES: Record<string, Base> = {
  'POST /auth/login': {
    token: () => '',
    body: () => ({ username: 'ana', password: 'secreto-de-prueba' }),
  },
  'POST /admin/users': {
    token: (s) => s.team.admin,
    body: () => ({
      username: `fuzz-${crypto.randomUUID().slice(0, 8)}`,
      password: 'clave-de-fuzz-1',
      role: 'agent',
      displayName: 'Usuaria de prueba',
      email: 'fuzz@test.cl',
      supervisor: 'sup1',
    }),
  },
  'POST /auth/password': {
    token: (s) => s.team.otherSupervisor,
    // Wrong current password on purpose: the fuzz must not change the account it runs as.
    body: () => ({ currentPassword: 'no-es-la-actual', newPassword: 'clave-nueva-fuzz' }),
  },
  'POST /admin/users/{username}/password': {
    token: (s) => s.team.admin,
    params: { username: 'beto' },
    body: () => ({ password: 'clave-de-beto-fuzz' }),
  },
  'POST /admin/users/{username}/disable': { token: (s) => s.team.admin, params: { username: 'fuzz-nadie' } },
  'POST /admin/users/{username}/enable': { token: (s) => s.team.admin, params: { username: 'beto' } },
  'POST /forms/batch': {
    token: (s) => s.team.agent,
    body: () => ({
      forms: [
        form('telecobranzas', {
          context: {
            ticketId: 'PV-0000001',
            orderId: 'PED-1029',
            callId: 'call-1',
            relatedFormId: crypto.randomUUID(),
          },
          supervisorReason: 'datos-ya-tomados',
        }) as unknown as Json,
      ],
    }),
    // A post-sale form carries its requirement: the leaf, the earlier ticket, the trasvasije steps.
    variants: [() => ({ forms: [form('trasvasije') as unknown as Json] })],
  },
  'POST /forms/parked': {
    token: (s) => s.team.agent,
    body: () => ({
      forms: [
        {
          id: crypto.randomUUID(),
          formId: 'certificacion',
          customerCode: '100234',
          customerName: 'Cliente de prueba',
          reason: 'La central falla cada vez que recibe este formulario (Error interno)',
        },
      ],
    }),
  },
  'GET /forms': { token: (s) => s.team.admin, query: { agent: 'ana', customerCode: '100234', limit: '10' } },
  'GET /forms/recent': { token: (s) => s.team.agent, query: { customerCode: '100234', hours: '12' } },
  'GET /forms/{id}': { token: (s) => s.team.admin, params: { id: crypto.randomUUID() } },
  'GET /directory': { token: (s) => s.team.agent, query: { since: '0' } },
  'POST /admin/directory/import': { token: (s) => s.team.admin, query: { mode: 'upsert' } },
  'GET /tickets/open': {
    token: (s) => s.team.agent,
    query: {
      customerCode: '300001',
      typeId: 'servicio.no-conforme.inconformidad',
      relatedTicketId: 'PV-0000001',
    },
  },
  'GET /tickets': { token: (s) => s.team.agent, query: { customerCode: '300001' } },
  'GET /customers/{code}/tickets': { token: (s) => s.team.agent, params: { code: '300001' } },
  'POST /tickets': {
    token: (s) => s.team.agent,
    body: () => ({
      customerCode: `3${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`,
      typeId: 'postventa.acceso-camion.acceso-camion',
      description: 'Camión no pudo entrar',
    }),
    // An insistence names the earlier ticket.
    variants: [
      () => ({
        customerCode: '300001',
        typeId: 'servicio.no-conforme.inconformidad',
        description: 'No está conforme con la respuesta',
        relatedTicketId: 'PV-0000001',
      }),
    ],
  },
  'POST /tickets/{id}/close': {
    token: (s) => s.team.supervisor,
    params: { id: 'PV-0000001' },
    body: () => ({
      answer: 'Se devuelve el gas trasvasijado.',
      replyMailbox: 'devoluciones@empresa.cl',
      balance: { amount: 12000, unit: 'pesos', approved: true },
    }),
  },
  'PUT /admin/ticket-types/{id}': {
    token: (s) => s.team.admin,
    params: { id: 'pagos.relativos-pago.debe-vuelto' },
    body: () => ({ dueBusinessDays: 3 }),
  },
  'GET /tickets/{id}': { token: (s) => s.team.supervisor, params: { id: 'PV-0000001' } },
  'POST /calls/batch': { token: (s) => s.team.agent, body: () => ({ calls: [call()] }) },
  'GET /calls': { token: (s) => s.team.admin, query: { agent: 'ana', limit: '10' } },
  'POST /forms/{id}/resolution': {
    token: (s) => s.team.admin,
    params: { id: crypto.randomUUID() },
    body: () => ({ status: 'resuelto', note: 'Revisado con el cliente' }),
  },
  ...Object.fromEntries(
    ['calls', 'forms', 'tickets', 'agents', 'cases', 'indicator'].map((widget) => [
      `GET /board/widgets/${widget}`,
      { token: (s: Started) => s.team.admin, query: BOARD_FILTERS },
    ]),
  ),
  'GET /board/rows/{source}': {
    token: (s) => s.team.admin,
    params: { source: 'calls' },
    query: {
      ...BOARD_FILTERS,
      day: '2026-11-26',
      cellAgent: 'ana',
      cellTeam: 'sup1',
      cellBlock: 'Z1',
      status: 'recibido',
      cellFormType: 'telecobranzas',
      typologyId: '1',
      measure: 'answered',
      cellProcedure: 'zb',
      step: 'verificar_aviso',
      endState: 'apto',
      outcome: 'no_anulada',
      month: '2026-11',
      cursor: Buffer.from(JSON.stringify(['2026-11-26T15:00:00.000Z', 1, 'x'])).toString('base64url'),
      limit: '10',
    },
  },
  'GET /cases': {
    token: (s) => s.team.admin,
    query: {
      procedure: 'zb',
      status: 'open',
      overdue: 'false',
      queue: 'false',
      mine: 'false',
      step: 'revisar',
      search: '100234',
      cursor: 'MTA',
      limit: '10',
    },
  },
  'GET /cases/indicator': { token: (s) => s.team.admin, query: { from: '2026-11-01', to: '2026-11-30' } },
  'GET /cases/zonificacion.xlsx': { token: (s) => s.team.admin, query: { month: '2026-11' } },
  'GET /cases/{id}': { token: (s) => s.team.admin, params: { id: '1' } },
  'GET /customers/{code}/cases': { token: (s) => s.team.agent, params: { code: '100234' } },
  'POST /cases': {
    token: (s) => s.team.admin,
    body: () => ({
      clientId: crypto.randomUUID(),
      procedure: 'zb',
      opening: 'contact_center',
      data: { observacion: 'Cliente pide visita' },
    }),
  },
  'POST /cases/{id}/events': {
    token: (s) => s.team.admin,
    params: { id: '1' },
    body: () => ({
      type: 'transition',
      clientId: crypto.randomUUID(),
      expectedVersion: 1,
      action: 'aprobar',
      data: { observacion: 'Revisado' },
    }),
    variants: [
      () => ({ type: 'comment', clientId: crypto.randomUUID(), comment: 'Llamé al cliente' }),
      () => ({ type: 'assign', clientId: crypto.randomUUID(), assigneeId: null, comment: 'Lo tomo yo' }),
    ],
  },
  'GET /escalations': {
    token: (s) => s.team.supervisor,
    query: { status: 'open', kind: 'ticket_vencido', mine: 'false', limit: '10' },
  },
  'GET /escalations/{id}': { token: (s) => s.team.supervisor, params: { id: '1' } },
  'POST /escalations/{id}/events': {
    token: (s) => s.team.supervisor,
    params: { id: '1' },
    body: () => ({ type: 'close', clientId: crypto.randomUUID(), expectedVersion: 1, comment: 'Resuelto' }),
    variants: [
      () => ({ type: 'take', clientId: crypto.randomUUID(), expectedVersion: 1 }),
      () => ({ type: 'comment', clientId: crypto.randomUUID(), comment: 'Sigo en ello' }),
      () => ({
        type: 'reassign',
        clientId: crypto.randomUUID(),
        expectedVersion: 1,
        assigneeId: 1,
        comment: 'A quien corresponde',
      }),
      () => ({
        type: 'reopen',
        clientId: crypto.randomUUID(),
        expectedVersion: 1,
        comment: 'Volvió a llamar',
      }),
    ],
  },
  'PUT /admin/mailboxes/{key}': {
    token: (s) => s.team.admin,
    params: { key: 'facturacion' },
    body: () => ({ recipients: ['facturacion@backoffice.example'] }),
  },
  'PUT /admin/users/{username}/case-roles': {
    token: (s) => s.team.admin,
    // No such account: the fuzz must not change the roles of the accounts it runs as.
    params: { username: 'fuzz-nadie' },
    body: () => ({ roles: ['revisor'] }),
  },
  'PUT /admin/routes/{key}': {
    token: (s) => s.team.admin,
    params: { key: 'Z9' },
    body: () => ({
      areaId: 'visitas',
      recipients: ['visitas@backoffice.example'],
      toSupervisor: false,
      createsTicket: false,
    }),
  },
};

const EMOJI = '😀';
/** Values that broke or could break something, sized to the field's limit where one is known. */
function mutations(maxLength: number | undefined): Array<{ name: string; value: string; invalid?: true }> {
  const max = Math.min(maxLength ?? 200, 10_000);
  return [
    { name: 'NUL', value: 'texto\u0000oculto', invalid: true },
    { name: 'lone high surrogate', value: `corte ${EMOJI[0]}`, invalid: true },
    { name: 'lone low surrogate', value: `${EMOJI[1]} corte`, invalid: true },
    // Whole emoji filling the limit, then shifted by one so a cut at any parity splits one.
    { name: 'emoji at the limit', value: EMOJI.repeat(Math.max(1, Math.floor(max / 2))) },
    { name: 'emoji shifted', value: `a${EMOJI.repeat(Math.max(1, Math.floor((max - 1) / 2)))}` },
    { name: 'CR/LF', value: 'línea uno\r\nBcc: todos@empresa.cl\nRUT: 11.111.111-1' },
    { name: '10k characters', value: 'x'.repeat(10_000) },
    { name: 'SQL fragment', value: "'; DROP TABLE forms; --" },
    { name: 'SQL quote', value: `x' OR '1'='1` },
  ];
}

// ---- the schema side: which string fields exist --------------------------------------------------

function resolve(spec: { components?: { schemas?: Record<string, JsonSchema> } }, schema: JsonSchema) {
  if (!schema.$ref) return schema;
  return spec.components!.schemas![schema.$ref.split('/').pop()!]!;
}

function isString(schema: JsonSchema): boolean {
  return schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'));
}

/** Paths of every string in a body schema: `forms[].values.*`, `forms[].values.<key>` for the key name. */
function stringPaths(
  spec: Parameters<typeof resolve>[0],
  schema: JsonSchema,
  prefix: string,
  out: Map<string, number | undefined>,
): void {
  const s = resolve(spec, schema);
  if (isString(s)) out.set(prefix, s.maxLength);
  for (const option of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) stringPaths(spec, option, prefix, out);
  if (s.items) stringPaths(spec, s.items, `${prefix}[]`, out);
  for (const [key, child] of Object.entries(s.properties ?? {}))
    stringPaths(spec, child, prefix ? `${prefix}.${key}` : key, out);
  if (typeof s.additionalProperties === 'object') {
    stringPaths(spec, s.additionalProperties, `${prefix}.*`, out);
    if (s.propertyNames) out.set(`${prefix}.<key>`, s.propertyNames.maxLength);
  }
}

// ---- the request side: where the strings are in a base body -------------------------------------

interface Leaf {
  /** Concrete location, e.g. ['forms', 0, 'values', 'rut']; `key` means the property name itself. */
  at: Array<string | number>;
  key?: true;
  /** Schema-style path, e.g. `forms[].values.*`. */
  path: string;
}

function leaves(value: Json, schemaPaths: Set<string>, at: Leaf['at'] = [], path = ''): Leaf[] {
  if (typeof value === 'string') return [{ at, path }];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, schemaPaths, [...at, i], `${path}[]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) => {
      const named = path ? `${path}.${key}` : key;
      const wild = `${path}.*`;
      if (!schemaPaths.has(named) && [...schemaPaths].some((p) => p === wild || p.startsWith(`${wild}.`))) {
        return [
          { at: [...at, key], key: true as const, path: `${path}.<key>` },
          ...leaves(v, schemaPaths, [...at, key], wild),
        ];
      }
      return leaves(v, schemaPaths, [...at, key], named);
    });
  }
  return [];
}

function mutate(body: Json, leaf: Leaf, value: string): Json {
  const copy = structuredClone(body) as Record<string | number, Json>;
  let parent = copy as Record<string | number, Json>;
  for (const step of leaf.at.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
  const last = leaf.at.at(-1)!;
  if (leaf.key) {
    parent[value] = parent[last]!;
    delete parent[last];
  } else parent[last] = value;
  return copy;
}

/** encodeURIComponent, except that a lone surrogate goes as its (invalid) UTF-8 bytes instead of throwing. */
function encodeRaw(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(char);
  }
  return out;
}

function url(template: string, params: Record<string, string>, query: Record<string, string>): string {
  const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => encodeRaw(params[name] ?? ''));
  const qs = Object.entries(query)
    .map(([k, v]) => `${k}=${encodeRaw(v)}`)
    .join('&');
  return qs ? `${path}?${qs}` : path;
}

/** English from a library must never reach a client as the message. */
const ENGLISH = /\b(must|should|is not|not valid|Route|Body|Expected|Invalid input)\b/;

describeEachBackend('fuzzing every string of every endpoint', (backend) => {
  let s: Started;
  let spec: {
    paths: Record<string, Record<string, Operation>>;
    components?: { schemas?: Record<string, JsonSchema> };
  };

  beforeAll(async () => {
    s = await startApp(await backend.open(), {
      loginRateLimitMax: 100_000,
      loginFailuresMax: 100_000,
      loginSprayMax: 100_000,
    });
    spec = s.app.swagger() as typeof spec;
  });
  afterAll(() => s.close());

  const operations = () =>
    Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        key: `${method.toUpperCase()} ${path}`,
        path,
        method,
        op,
      })),
    );

  const bodyPaths = (op: Operation) => {
    const out = new Map<string, number | undefined>();
    const schema = op.requestBody?.content['application/json']?.schema;
    if (schema) stringPaths(spec, schema, '', out);
    return out;
  };

  it('has a base request for every endpoint that takes a string, covering every string field', () => {
    const missing: string[] = [];
    for (const { key, op } of operations()) {
      const body = bodyPaths(op);
      const params = op.parameters ?? [];
      if (body.size === 0 && params.length === 0) continue;
      const base = BASES[key];
      if (!base) {
        missing.push(`${key}: no fuzz base`);
        continue;
      }
      for (const p of params) {
        const given = p.in === 'query' ? base.query : base.params;
        if (given?.[p.name] === undefined) missing.push(`${key}: ${p.in} ${p.name}`);
      }
      if (body.size > 0) {
        const covered = new Set(
          [base.body!, ...(base.variants ?? [])].flatMap((make) =>
            leaves(make(), new Set(body.keys())).map((l) => l.path),
          ),
        );
        for (const path of body.keys()) if (!covered.has(path)) missing.push(`${key}: body ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  // Some 700 requests per database: minutes when the machine is busy.
  it(
    'answers no 5xx and a Spanish message, for every mutation of every query, path and body string',
    { timeout: 900_000 },
    async () => {
      const failures: string[] = [];
      let requests = 0;
      for (const { key, path, method, op } of operations()) {
        const base = BASES[key];
        if (!base) continue;
        const token = base.token(s);
        const headers = token ? auth(token) : {};
        const send = async (label: string, target: string, payload?: Json) => {
          requests += 1;
          const response = await s.app.inject({
            method: method.toUpperCase() as 'GET',
            url: target,
            headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json' },
            payload: payload === undefined ? undefined : JSON.stringify(payload),
          });
          const where = `${key} ${label}`;
          if (response.statusCode >= 500)
            failures.push(`${where}: ${response.statusCode} ${response.body.slice(0, 200)}`);
          if (response.statusCode >= 400) {
            const message = (response.json() as { message?: unknown }).message;
            if (typeof message !== 'string' || ENGLISH.test(message) || !isStorableText(message))
              failures.push(`${where}: message ${JSON.stringify(message)?.slice(0, 200)}`);
          }
          return response;
        };

        const params = base.params ?? {};
        const query = base.query ?? {};
        for (const p of op.parameters ?? []) {
          for (const m of mutations(p.schema.maxLength)) {
            const target =
              p.in === 'query'
                ? url(path, params, { ...query, [p.name]: m.value })
                : url(path, { ...params, [p.name]: m.value }, query);
            const response = await send(`${p.in} ${p.name} ← ${m.name}`, target, base.body?.());
            if (m.name === 'NUL' && response.statusCode !== 400 && response.statusCode !== 404)
              failures.push(`${key} ${p.in} ${p.name} ← NUL: ${response.statusCode}, expected 400`);
          }
        }

        if (!base.body) continue;
        const schemaPaths = bodyPaths(op);
        const shapes = [base.body, ...(base.variants ?? [])];
        const cases = shapes.flatMap((make) =>
          leaves(make(), new Set(schemaPaths.keys())).map((leaf) => ({ make, leaf })),
        );
        for (const { make, leaf } of cases) {
          for (const m of mutations(schemaPaths.get(leaf.path))) {
            const body = mutate(make(), { ...leaf }, m.value);
            const label = `${leaf.key ? 'key of ' : ''}${leaf.at.join('.')} ← ${m.name}`;
            const batch = BATCHES[key];
            if (!batch) {
              const response = await send(label, url(path, params, query), body);
              if (
                m.invalid &&
                response.statusCode !== 400 &&
                !(key === 'POST /auth/login' && response.statusCode === 401)
              )
                failures.push(`${key} ${label}: ${response.statusCode}, expected 400`);
              continue;
            }
            // A batch: the mutated item next to a good one; each gets its own verdict.
            const response = await send(label, path, {
              [batch.items]: [(body as Record<string, Json[]>)[batch.items]![0]!, batch.good()],
            });
            if (![200, 207, 422].includes(response.statusCode)) {
              failures.push(`${key} ${label}: batch answered ${response.statusCode}`);
              continue;
            }
            const [mutated, other] = (
              response.json() as { results: Array<{ status: string; reason?: string }> }
            ).results;
            if (other?.status !== 'accepted')
              failures.push(`${key} ${label}: the good item got ${other?.status}`);
            if (m.invalid && mutated?.status !== 'rejected')
              failures.push(`${key} ${label}: ${mutated?.status}, expected rejected`);
            if (mutated?.status === 'rejected' && !(mutated.reason && isStorableText(mutated.reason)))
              failures.push(`${key} ${label}: rejected without a readable reason`);
          }
        }
      }
      expect(failures).toEqual([]);
      expect(requests).toBeGreaterThan(300);
      // Still whole: the SQL fragments were text.
      expect((await s.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    },
  );

  it('stores a 200-unit name ending in emoji whole, and its mail subject is cut by code point', async () => {
    const f = form('telecobranzas', { customerName: `${'ñ'.repeat(180)}${EMOJI.repeat(10)}` });
    const response = await s.app.inject({
      method: 'POST',
      url: '/forms/batch',
      headers: auth(s.team.agent),
      payload: { forms: [f] },
    });
    expect(response.json().results[0].status).toBe('accepted');
    const { rows } = await s.db.query<{ subject: string }>(
      'SELECT subject FROM mail_outbox WHERE form_id = $1',
      [f.id],
    );
    expect(isStorableText(rows[0]!.subject)).toBe(true);
    const stored = await s.app.inject({ method: 'GET', url: `/forms/${f.id}`, headers: auth(s.team.agent) });
    expect(stored.json().submission.customerName).toBe(f.customerName);
  });

  it('imports a CSV with NUL, emoji, CR/LF and SQL in its fields without a 5xx, reporting the bad line', async () => {
    const rows = [
      csvLine(1),
      csvLine(2).replace('Cliente 2', 'Cli\u0000ente'),
      csvLine(3).replace('Cliente 3', `Cliente ${EMOJI.repeat(50)}`),
      csvLine(4).replace('"Cliente 4, Granel"', '"Cliente\r\n4; DROP TABLE customers; --"'),
    ];
    const response = await s.app.inject({
      method: 'POST',
      url: '/admin/directory/import?mode=upsert',
      headers: { ...auth(s.team.admin), 'content-type': 'text/csv' },
      payload: `${CSV_HEADER}\n${rows.join('\n')}\n`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ imported: 3, errorCount: 1 });
    expect(response.json().errors[0].reason).toMatch(/caracteres no válidos/);
  });
});
