-- Back-office cases (shared/procedures): back-office accounts and their case roles, configurable
-- mailboxes, cases with their full history, case mails in the outbox, the escalations inbox, and
-- the `case_facts` view the supervisors' board reads.

-- A back-office account (Mesa de Clientes, Gestión de Red…) is neither an agent nor a
-- contact-center supervisor: its own kind, with case roles below.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('agent', 'supervisor', 'admin', 'backoffice'));

-- The case roles of an account (shared/procedures/roles.ts): which steps it acts on.
CREATE TABLE user_case_roles (
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL,
  PRIMARY KEY (user_id, role)
);

-- Where the procedures' mails go (shared/procedures/types.ts MAILBOXES). Placeholders under
-- .example: set the real ones with `npm run server:admin -- set-mailbox KEY --to a@x,b@y`.
CREATE TABLE mailboxes (
  key text PRIMARY KEY,
  recipients text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO mailboxes (key, recipients) VALUES
  ('supervisor_rrss', ARRAY['supervisor.rrss@backoffice.example']),
  ('jefe_servicio', ARRAY['jefe.servicio@backoffice.example']),
  ('mesa_clientes', ARRAY['mesa.clientes@backoffice.example']),
  ('contact_center', ARRAY['contact.center@backoffice.example']),
  ('supervisores_abastible', ARRAY['supervisores.abastible@backoffice.example']),
  ('cc_emergencia', ARRAY['cc.emergencia@backoffice.example']),
  ('despacho_emergencia', ARRAY['despacho.emergencia@backoffice.example']),
  ('facturacion', ARRAY['facturacion@backoffice.example']);

CREATE TABLE cases (
  id bigserial PRIMARY KEY,
  procedure text NOT NULL,
  -- What identifies the case in its procedure: the customer code (ZB), the request number (anulación).
  subject text NOT NULL,
  customer_code text,
  customer_name text NOT NULL DEFAULT '',
  opening text NOT NULL,
  -- The current step; NULL once the case reached an end state.
  step text,
  end_state text,
  -- Everything recorded so far (the form's values, each step's data), latest value per name.
  data jsonb NOT NULL DEFAULT '{}',
  -- Facts the procedure's conditions read (e.g. {"regional": true} from the directory).
  facts jsonb NOT NULL DEFAULT '{}',
  -- Bumped by every step change: the optimistic-concurrency token of "acting on this step".
  version integer NOT NULL DEFAULT 1,
  opened_at timestamptz NOT NULL,
  opened_by bigint REFERENCES users (id),
  step_entered_at timestamptz NOT NULL,
  due_at timestamptz,
  closed_at timestamptz,
  assignee_id bigint REFERENCES users (id),
  -- Agents' forms on this case (the one that opened it and every repeat).
  form_count integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL,
  CHECK ((step IS NULL) = (end_state IS NOT NULL)),
  CHECK ((step IS NULL) = (closed_at IS NOT NULL))
);
-- One open case per procedure and subject (two agents' ZB forms at once still make one case).
CREATE UNIQUE INDEX cases_one_open ON cases (procedure, subject) WHERE closed_at IS NULL;
-- The case list: open cases by urgency, per procedure and step (a role's queue).
CREATE INDEX cases_open_due ON cases (due_at, id) WHERE closed_at IS NULL;
CREATE INDEX cases_open_step_due ON cases (procedure, step, due_at, id) WHERE closed_at IS NULL;
-- Closed cases, newest first, and the indicator per period.
CREATE INDEX cases_closed ON cases (procedure, closed_at, id) WHERE closed_at IS NOT NULL;
CREATE INDEX cases_closed_at ON cases (closed_at, id) WHERE closed_at IS NOT NULL;
CREATE INDEX cases_customer ON cases (customer_code);
CREATE INDEX cases_subject ON cases (subject);
CREATE INDEX cases_assignee ON cases (assignee_id) WHERE closed_at IS NULL;

-- The history: who did what, when, from which step. Never updated or deleted.
CREATE TABLE case_events (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (id),
  -- The client's id for the action (a form's id for a form): a resend is recognised, not repeated.
  client_id uuid UNIQUE,
  -- Hash of the request: the same id with another request is a conflict, not a duplicate.
  request_hash text,
  kind text NOT NULL CHECK (kind IN ('opened', 'form', 'transition', 'comment', 'assign')),
  action text,
  from_step text,
  to_step text,
  end_state text,
  actor_id bigint REFERENCES users (id),
  at timestamptz NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  comment text,
  notes text[] NOT NULL DEFAULT '{}',
  form_id uuid REFERENCES forms (id),
  assignee_id bigint REFERENCES users (id),
  -- The case's version after this event.
  version integer NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, id);

-- Case mails go through the same outbox (and worker) as the forms' mails.
ALTER TABLE mail_outbox ADD COLUMN case_id bigint REFERENCES cases (id);
ALTER TABLE mail_outbox ADD COLUMN case_event_id bigint REFERENCES case_events (id);
ALTER TABLE mail_outbox ADD COLUMN cc text[] NOT NULL DEFAULT '{}';
CREATE INDEX mail_outbox_case ON mail_outbox (case_id) WHERE case_id IS NOT NULL;

-- Escalations inbox: what agents could not solve and the back office must (seed 000).
CREATE TABLE escalations (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('ticket_vencido', 'datos_ya_tomados', 'codigo_reemplazado',
    'codigo_desconocido', 'z3_sin_habilitado', 'formulario_rechazado')),
  -- What it came from, once: 'form:<uuid>', 'ticket:<id>', 'rejected:<id>'.
  source_key text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'abierta' CHECK (status IN ('abierta', 'tomada', 'cerrada')),
  customer_code text,
  customer_name text NOT NULL DEFAULT '',
  summary text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  -- The agent it came from and their supervisor then (whose team's inbox shows it).
  agent_id bigint REFERENCES users (id),
  supervisor_id bigint REFERENCES users (id),
  assignee_id bigint REFERENCES users (id),
  form_id uuid REFERENCES forms (id),
  ticket_id text REFERENCES tickets (id),
  created_at timestamptz NOT NULL,
  closed_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX escalations_open ON escalations (created_at, id) WHERE status <> 'cerrada';
CREATE INDEX escalations_closed ON escalations (closed_at DESC, id) WHERE status = 'cerrada';

CREATE TABLE escalation_events (
  id bigserial PRIMARY KEY,
  escalation_id bigint NOT NULL REFERENCES escalations (id),
  client_id uuid UNIQUE,
  request_hash text,
  kind text NOT NULL CHECK (kind IN ('created', 'take', 'comment', 'reassign', 'close', 'reopen')),
  actor_id bigint REFERENCES users (id),
  at timestamptz NOT NULL,
  comment text,
  assignee_id bigint REFERENCES users (id),
  version integer NOT NULL
);
CREATE INDEX escalation_events_escalation ON escalation_events (escalation_id, id);

-- The procedures' steps and end states as the server's definitions say (shared/procedures),
-- rewritten by the server at start, so SQL readers get titles, roles and indicator outcomes.
CREATE TABLE procedure_steps (
  procedure text NOT NULL,
  step text NOT NULL,
  ordinal integer NOT NULL,
  title text NOT NULL,
  roles text[] NOT NULL,
  deadline text NOT NULL DEFAULT '',
  PRIMARY KEY (procedure, step)
);
CREATE TABLE procedure_end_states (
  procedure text NOT NULL,
  end_state text NOT NULL,
  label text NOT NULL,
  tone text NOT NULL,
  -- Seed 003's indicator: 'no_anulada' or 'anulada'; NULL when the procedure has none.
  indicator text,
  PRIMARY KEY (procedure, end_state)
);

-- One row per case for the supervisors' board (issue 12); columns described in server/README.md.
CREATE VIEW case_facts AS
SELECT
  c.id AS case_id,
  c.procedure,
  c.subject,
  c.customer_code,
  c.customer_name,
  c.opening,
  CASE WHEN c.closed_at IS NULL THEN 'abierto' ELSE 'cerrado' END AS state,
  c.step AS current_step,
  s.title AS current_step_title,
  s.roles AS current_roles,
  c.end_state,
  e.label AS end_state_label,
  e.indicator AS indicator_outcome,
  c.opened_at,
  c.step_entered_at,
  c.due_at,
  c.closed_at,
  (c.closed_at IS NULL AND c.due_at IS NOT NULL AND c.due_at < now()) AS overdue,
  c.assignee_id,
  a.username AS assignee_username,
  a.display_name AS assignee_name,
  c.opened_by,
  c.form_count,
  c.version - 1 AS transitions
FROM cases c
LEFT JOIN procedure_steps s ON s.procedure = c.procedure AND s.step = c.step
LEFT JOIN procedure_end_states e ON e.procedure = c.procedure AND e.end_state = c.end_state
LEFT JOIN users a ON a.id = c.assignee_id;
