/**
 * Synthetic year of contact-centre work for `bench:board`: agents in teams, calls with block codes
 * and outcomes, forms with resolutions, refused forms and post-sale tickets, spread over business
 * hours of the last `days` days (Chile). Generated inside PostgreSQL (generate_series, random()
 * seeded per chunk: the same arguments give the same data) and written through the real tables,
 * so the roll-up triggers do the work they do in production.
 */
import type { Db } from '../src/db/types';

export interface BoardDataSize {
  agents: number;
  teams: number;
  calls: number;
  forms: number;
  tickets: number;
  refusals: number;
  cases: number;
  days: number;
}

export const FULL_YEAR: BoardDataSize = {
  agents: 300,
  teams: 20,
  calls: 5_000_000,
  forms: 2_000_000,
  tickets: 500_000,
  refusals: 40_000,
  cases: 200_000,
  days: 365,
};

export function scaled(size: BoardDataSize, factor: number): BoardDataSize {
  const n = (value: number) => Math.max(1, Math.round(value * factor));
  return {
    ...size,
    calls: n(size.calls),
    forms: n(size.forms),
    tickets: n(size.tickets),
    refusals: n(size.refusals),
    cases: n(size.cases),
  };
}

/** What a generation writes, in order; `--phases` resumes one that stopped part-way. */
export const PHASES = ['calls', 'forms', 'refusals', 'tickets', 'cases'] as const;
export type Phase = (typeof PHASES)[number];

/** Accounts: `teams` supervisors and `agents` agents spread over them (password hashes unusable). */
async function createAccounts(db: Db, size: BoardDataSize): Promise<number[]> {
  const existing = await db.query<{ id: number }>(
    `SELECT id FROM users WHERE username LIKE 'agente%' AND role = 'agent' ORDER BY id`,
  );
  if (existing.rows.length > 0) return existing.rows.map((row) => row.id);
  await db.query(
    `INSERT INTO users (username, display_name, role, password_hash)
     SELECT 'sup' || lpad(g::text, 3, '0'), 'Supervisora ' || g, 'supervisor', '!' FROM generate_series(1, $1) g`,
    [size.teams],
  );
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO users (username, display_name, role, supervisor_id, password_hash)
     SELECT 'agente' || lpad(g::text, 3, '0'), 'Agente ' || g, 'agent',
            (SELECT id FROM users WHERE username = 'sup' || lpad((1 + (g - 1) % $2)::text, 3, '0')), '!'
       FROM generate_series(1, $1) g
     RETURNING id`,
    [size.agents, size.teams],
  );
  return rows.map((row) => row.id);
}

/** Chunks of about `per` rows, each with its own seed, over the day offsets [0, days). */
async function inChunks(
  total: number,
  days: number,
  run: (first: number, last: number, seed: number) => Promise<void>,
  per = 100_000,
): Promise<void> {
  const chunks = Math.max(1, Math.ceil(total / per));
  for (let i = 0; i < chunks; i += 1) {
    const first = Math.floor((total * i) / chunks) + 1;
    const last = Math.floor((total * (i + 1)) / chunks);
    await run(first, last, (((i + 1) * 7919) % 10_000) / 10_000);
  }
  void days;
}

// A random instant in business hours (08:00–21:00 Chile) of one of the last `days` days.
const RANDOM_INSTANT = `((current_date - floor(random() * $days)::int)::timestamp
   + make_interval(secs => 28800 + random() * 46800)) AT TIME ZONE 'America/Santiago'`;

export async function generateBoardData(
  db: Db,
  size: BoardDataSize,
  progress: (what: string) => void = () => {},
  phases: ReadonlySet<Phase> = new Set(PHASES),
): Promise<void> {
  const agents = await createAccounts(db, size);
  const sql = (text: string) => text.replaceAll('$days', String(size.days));

  if (phases.has('calls'))
    await inChunks(size.calls, size.days, async (first, last, seed) => {
      await db.transaction(async (tx) => {
        await tx.query('SELECT setseed($1)', [seed]);
        await tx.query(
          sql(`INSERT INTO calls (id, agent_id, direction, number, customer_code, block_codes, started_at, answered_at,
                          ended_at, outcome, transfer_target)
         SELECT 'g' || g, agent, CASE WHEN r_dir < 0.85 THEN 'incoming' ELSE 'outgoing' END,
                '+5692' || lpad((g % 10000000)::text, 7, '0'),
                CASE WHEN r_cust < 0.8 THEN (100000 + (g * 7) % 900000)::text END,
                CASE WHEN r_block < 0.75 THEN '{}'::text[]
                     WHEN r_block < 0.85 THEN '{Z1}' WHEN r_block < 0.87 THEN '{2M,Z1}' WHEN r_block < 0.89 THEN '{2M}'
                     WHEN r_block < 0.9 THEN '{CL}' WHEN r_block < 0.92 THEN '{Z4}' WHEN r_block < 0.94 THEN '{ZB}'
                     WHEN r_block < 0.96 THEN '{Z9}' WHEN r_block < 0.97 THEN '{Z0}' WHEN r_block < 0.98 THEN '{ZA}'
                     WHEN r_block < 0.99 THEN '{Z5}' ELSE '{Z3}' END,
                started, CASE WHEN outcome IN ('answered', 'transferred', 'transferred-telecobranzas')
                              THEN started + make_interval(secs => 3 + r_ring * 20) END,
                started + make_interval(secs => 5 + r_talk * r_talk * 900), outcome,
                CASE outcome WHEN 'transferred-telecobranzas' THEN '26939901' WHEN 'transferred' THEN '2000' END
           FROM (SELECT g, ($2::bigint[])[1 + floor(random() * $3)::int] AS agent, random() AS r_dir,
                        random() AS r_cust, random() AS r_block, random() AS r_ring, random() AS r_talk,
                        ${RANDOM_INSTANT} AS started, random() AS r_out
                   FROM generate_series($1::int, $4::int) g) s,
                LATERAL (SELECT CASE WHEN r_dir >= 0.85 THEN CASE WHEN r_out < 0.8 THEN 'answered' ELSE 'failed' END
                                     WHEN r_out < 0.70 THEN 'answered' WHEN r_out < 0.82 THEN 'missed'
                                     WHEN r_out < 0.85 THEN 'rejected' WHEN r_out < 0.90 THEN 'answered-elsewhere'
                                     WHEN r_out < 0.94 THEN 'transferred' ELSE 'transferred-telecobranzas' END AS outcome) o`),
          [first, agents, agents.length, last],
        );
      });
      progress(`calls ${last}`);
    });

  if (phases.has('forms'))
    await inChunks(size.forms, size.days, async (first, last, seed) => {
      await db.transaction(async (tx) => {
        await tx.query('SELECT setseed($1)', [seed]);
        await tx.query(
          sql(`INSERT INTO forms (id, form_id, customer_code, customer_name, block_codes, agent, submitted_by, route_key,
                          created_at, received_at, payload, payload_hash, status, resolved_at)
         SELECT gen_random_uuid(), k.form_type, (100000 + (g * 13) % 900000)::text, 'Cliente ' || g, k.blocks,
                'agente', agent, k.route, created, created + make_interval(secs => 1 + r_delay * 30),
                jsonb_build_object('values', jsonb_build_object('rut', '12.345.678-5', 'contactPhone', '+56 9 1234 5678')),
                md5(g::text), st.status,
                CASE WHEN st.status <> 'recibido' THEN created + make_interval(secs => 600 + r_res * r_res * 864000) END
           FROM (SELECT g, ($2::bigint[])[1 + floor(random() * $3)::int] AS agent, random() AS r_kind,
                        random() AS r_delay, random() AS r_status, random() AS r_res, ${RANDOM_INSTANT} AS created
                   FROM generate_series($1::int, $4::int) g) s,
                LATERAL (SELECT * FROM (VALUES
                   (0.45, 'telecobranzas', '{Z1}'::text[], 'TC'), (0.50, 'telecobranzas', '{2M,Z1}', 'TC'),
                   (0.55, 'certificacion', '{Z0}', 'Z0'), (0.63, 'visitaInstalacion', '{ZA}', 'ZA'),
                   (0.67, 'tanqueRetirado', '{Z5}', 'Z5'), (0.75, 'sinConsumo', '{Z9}', 'Z9'),
                   (0.85, 'inactivo', '{ZB}', 'ZB'), (0.95, 'ticketBloqueo', '{Z4}', 'Z4'),
                   (1.01, 'supervisor', '{Z1}', 'supervisor')) v(upto, form_type, blocks, route)
                   WHERE r_kind < v.upto ORDER BY v.upto LIMIT 1) k,
                LATERAL (SELECT CASE WHEN created > now() - interval '3 days' AND r_status < 0.7 THEN 'recibido'
                                     WHEN r_status < 0.06 THEN 'recibido' WHEN r_status < 0.11 THEN 'rechazado'
                                     ELSE 'resuelto' END AS status) st`),
          [first, agents, agents.length, last],
        );
      });
      progress(`forms ${last}`);
    });

  if (phases.has('refusals'))
    await inChunks(size.refusals, size.days, async (first, last, seed) => {
      await db.transaction(async (tx) => {
        await tx.query('SELECT setseed($1)', [seed]);
        await tx.query(
          sql(`INSERT INTO form_refusals (agent_id, client_id, form_type, reason, refused_at)
         SELECT ($2::bigint[])[1 + floor(random() * $3)::int], 'r' || g, 'telecobranzas',
                'RUT del titular: RUT inválido', ${RANDOM_INSTANT}
           FROM generate_series($1::int, $4::int) g`),
          [first, agents, agents.length, last],
        );
      });
    });

  const { rows: typologies } = await db.query<{ id: number; days: number }>(
    'SELECT id, default_due_days AS days FROM ticket_typologies WHERE active ORDER BY id',
  );
  if (phases.has('tickets'))
    await inChunks(size.tickets, size.days, async (first, last, seed) => {
      await db.transaction(async (tx) => {
        await tx.query('SELECT setseed($1)', [seed]);
        await tx.query(
          sql(`INSERT INTO tickets (customer_code, typology_id, status, due_date, description, created_by, created_at, closed_at)
         SELECT 'T' || g, typology, CASE WHEN closed IS NULL THEN 'abierto' ELSE 'cerrado' END,
                board_day(created) + days, '', agent, created, closed
           FROM (SELECT g, agent, created, ($5::int[])[k] AS typology, ($6::int[])[k] AS days,
                        CASE WHEN r_open < 0.12 OR created + make_interval(secs => r_close * r_close * 1400000) > now() THEN NULL
                             ELSE created + make_interval(secs => 3600 + r_close * r_close * 1400000) END AS closed
                   FROM (SELECT g, ($2::bigint[])[1 + floor(random() * $3)::int] AS agent,
                                -- Skewed: the first typologies (Problema de bloqueo…) are the common ones.
                                1 + floor(power(random(), 2.5) * $7)::int AS k,
                                random() AS r_open, random() AS r_close, ${RANDOM_INSTANT} AS created
                           FROM generate_series($1::int, $4::int) g) s) t`),
          [
            first,
            agents,
            agents.length,
            last,
            typologies.map((t) => t.id),
            typologies.map((t) => t.days),
            typologies.length,
          ],
        );
      });
      progress(`tickets ${last}`);
    });

  // Cases (the board reads case_facts, no roll-up): 60 % ZB opened by agents, 40 % anulación of
  // the back office; 10 % still open in one of the first steps, the others ended (about 5 %
  // of anulación cases cancelled: the indicator hovers around its threshold).
  if (!phases.has('cases')) return;
  await db.transaction(async (tx) => {
    await tx.query('SELECT setseed(0.5)');
    await tx.query(
      sql(`INSERT INTO cases (procedure, subject, customer_code, customer_name, opening, step, end_state, opened_at,
                          opened_by, step_entered_at, due_at, closed_at, updated_at)
       SELECT p, 'B' || g, (100000 + g % 900000)::text, 'Cliente ' || g,
              CASE WHEN p = 'zb' THEN 'formulario_zb' ELSE 'detectada_gestion_red' END,
              CASE WHEN open THEN CASE WHEN p = 'zb'
                   THEN (ARRAY['verificar_aviso', 'coordinar_visita', 'monitorear_aviso', 'desbloqueo_mesa'])[1 + g % 4]
                   ELSE (ARRAY['reportar_si', 'corregir_solicitud', 'verificar_tablero', 'analizar_observacion'])[1 + g % 4] END END,
              CASE WHEN NOT open THEN CASE WHEN p = 'zb'
                   THEN (ARRAY['desbloqueado', 'no_apto', 'sin_gestion'])[1 + g % 3]
                   ELSE CASE WHEN r < 0.04 THEN 'anulada' WHEN r < 0.05 THEN 'redigitada' WHEN r < 0.5 THEN 'zonificada'
                             ELSE 'no_anulada' END END END,
              opened, CASE WHEN p = 'zb' THEN ($2::bigint[])[1 + g % $3] END, opened, opened + interval '2 days',
              CASE WHEN NOT open THEN opened + r * interval '5 days' END, opened
         FROM (SELECT g, CASE WHEN random() < 0.6 THEN 'zb' ELSE 'anulacion' END AS p, random() < 0.1 AS open,
                      random() AS r, now() - random() * $days * interval '1 day' AS opened
                 FROM generate_series(1, $1::int) g) c`),
      [size.cases, agents, agents.length],
    );
  });
  progress(`cases ${size.cases}`);
}
