-- Reliability and security (issue 9).

-- Tokens get an absolute lifetime: a refresh keeps the sign-in time it descends from.
ALTER TABLE sessions ADD COLUMN signed_in_at timestamptz NOT NULL DEFAULT now();

-- A reused form id with another payload is a conflict, not a duplicate: keep a hash of what was
-- stored. Computed by the database from the stored jsonb (its text form is canonical), the same
-- expression on both engines and for the rows already there.
ALTER TABLE forms ADD COLUMN payload_hash text;
UPDATE forms SET payload_hash = encode(sha256(convert_to(payload::text, 'UTF8')), 'hex');
ALTER TABLE forms ALTER COLUMN payload_hash SET NOT NULL;

-- GET /forms reads each form's mail: without this index, one outbox scan per form.
CREATE INDEX mail_outbox_form ON mail_outbox (form_id);
-- An admin's list (no owner filter) is ordered by arrival.
CREATE INDEX forms_received ON forms (received_at DESC);

-- Tickets: who did what, and reads scoped by who opened them.
ALTER TABLE tickets ADD COLUMN closed_by bigint REFERENCES users (id);
CREATE INDEX tickets_created_by ON tickets (created_by);
CREATE TABLE ticket_events (
  id bigserial PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES tickets (id),
  action text NOT NULL CHECK (action IN ('abierto', 'cerrado')),
  actor_id bigint REFERENCES users (id),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, at);
INSERT INTO ticket_events (ticket_id, action, actor_id, at)
  SELECT id, 'abierto', created_by, created_at FROM tickets;
INSERT INTO ticket_events (ticket_id, action, actor_id, at)
  SELECT id, 'cerrado', NULL, closed_at FROM tickets WHERE status = 'cerrado' AND closed_at IS NOT NULL;
