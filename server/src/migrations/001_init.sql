-- Accounts, sessions, directory, forms, routing, mail outbox, tickets, calls.

CREATE TABLE users (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  email text NOT NULL DEFAULT '',
  role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
  -- An agent's supervisor: the supervisor's team is every agent pointing at them.
  supervisor_id bigint REFERENCES users (id),
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_supervisor ON users (supervisor_id);

-- Opaque bearer tokens: only their SHA-256 is stored, so a database leak yields no usable token.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Directory: every change takes the next version, so a client asks for "everything after my cursor".
CREATE SEQUENCE directory_version_seq;
-- Writers lock this row first, so versions commit in order and a reader's cursor never skips a row.
CREATE TABLE directory_writer (id integer PRIMARY KEY CHECK (id = 1));
INSERT INTO directory_writer (id) VALUES (1);
CREATE TABLE customers (
  codigo text PRIMARY KEY,
  data jsonb NOT NULL,
  version bigint NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  import_id bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_version ON customers (version);
CREATE TABLE directory_imports (
  id bigserial PRIMARY KEY,
  mode text NOT NULL CHECK (mode IN ('upsert', 'full')),
  started_by bigint REFERENCES users (id),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  summary jsonb
);

CREATE TABLE forms (
  id uuid PRIMARY KEY,
  form_id text NOT NULL,
  customer_code text NOT NULL,
  customer_name text NOT NULL,
  block_codes text[] NOT NULL,
  -- As the app wrote it; ownership is `submitted_by`, the authenticated account.
  agent text NOT NULL,
  submitted_by bigint NOT NULL REFERENCES users (id),
  route_key text NOT NULL,
  created_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  payload jsonb NOT NULL
);
CREATE INDEX forms_submitted_by ON forms (submitted_by, received_at DESC);
CREATE INDEX forms_customer ON forms (customer_code);

-- Routing per block: what happens when a form of that route arrives.
CREATE TABLE routes (
  key text PRIMARY KEY,
  area_id text NOT NULL,
  recipients text[] NOT NULL DEFAULT '{}',
  -- Add the submitting agent's supervisor to the recipients.
  to_supervisor boolean NOT NULL DEFAULT false,
  creates_ticket boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Written in the same transaction as the form: a committed form always has its mail queued.
CREATE TABLE mail_outbox (
  id bigserial PRIMARY KEY,
  form_id uuid REFERENCES forms (id),
  route_key text NOT NULL,
  message_id text NOT NULL UNIQUE,
  recipients text[] NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'pending';

CREATE TABLE ticket_typologies (
  id serial PRIMARY KEY,
  asunto text NOT NULL,
  item text NOT NULL,
  subitem text NOT NULL,
  -- Calendar days from creation to the promised resolution date.
  resolution_days integer NOT NULL DEFAULT 5,
  UNIQUE (asunto, item, subitem)
);
CREATE SEQUENCE ticket_number_seq;
CREATE TABLE tickets (
  id text PRIMARY KEY DEFAULT ('PV-' || lpad(nextval('ticket_number_seq')::text, 7, '0')),
  customer_code text NOT NULL,
  typology_id integer NOT NULL REFERENCES ticket_typologies (id),
  status text NOT NULL DEFAULT 'abierto' CHECK (status IN ('abierto', 'cerrado')),
  due_date date NOT NULL,
  description text NOT NULL DEFAULT '',
  form_id uuid UNIQUE REFERENCES forms (id),
  created_by bigint REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);
-- The Z4 rule in the schema: at most one open ticket of a typology per customer.
CREATE UNIQUE INDEX tickets_one_open ON tickets (customer_code, typology_id) WHERE status = 'abierto';

CREATE TABLE calls (
  id uuid PRIMARY KEY,
  agent_id bigint NOT NULL REFERENCES users (id),
  direction text NOT NULL CHECK (direction IN ('entrante', 'saliente')),
  number text NOT NULL,
  customer_code text,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  outcome text NOT NULL DEFAULT '',
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX calls_agent ON calls (agent_id, started_at DESC);
