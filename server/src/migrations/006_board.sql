-- The supervisors' board (issue 12): calls as the desk logs them (block codes, customer, outcome,
-- times, transfer target), forms with a resolution, the team of every event, a business-day
-- calendar, and roll-ups kept by statement-level triggers so each widget reads thousands of rows,
-- not millions. See server/README.md "Board".

-- The board's day is the contact centre's day, not UTC's.
CREATE FUNCTION board_day(at timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (at AT TIME ZONE 'America/Santiago')::date $$;

-- The team of a user: an agent's supervisor; a supervisor leads their own team; 0 = no team.
CREATE FUNCTION board_team_of(user_id bigint) RETURNS bigint
  LANGUAGE sql STABLE
  AS $$ SELECT COALESCE((SELECT CASE WHEN role = 'supervisor' THEN id ELSE supervisor_id END
                           FROM users WHERE id = user_id), 0) $$;

-- ---------------------------------------------------------------------------------------------
-- Calls: the server-local shape of 001 becomes the shared upload (shared/telephony/callRecord.ts).
-- Ids are the desk's call ids (sip.js session ids, not UUIDs), unique per agent.
ALTER TABLE calls DROP CONSTRAINT calls_pkey;
ALTER TABLE calls ALTER COLUMN id TYPE text;
ALTER TABLE calls ADD PRIMARY KEY (agent_id, id);
ALTER TABLE calls DROP CONSTRAINT calls_direction_check;
UPDATE calls SET direction = CASE direction WHEN 'entrante' THEN 'incoming' ELSE 'outgoing' END;
ALTER TABLE calls ADD CONSTRAINT calls_direction_check CHECK (direction IN ('incoming', 'outgoing'));
ALTER TABLE calls ALTER COLUMN number DROP NOT NULL;
-- Rows written before this migration carried free text; new rows carry the shared outcome.
ALTER TABLE calls ADD CONSTRAINT calls_outcome_check CHECK (outcome IN ('answered', 'missed', 'rejected',
  'answered-elsewhere', 'transferred', 'transferred-telecobranzas', 'failed')) NOT VALID;
ALTER TABLE calls
  ADD COLUMN team_id bigint NOT NULL DEFAULT 0,
  ADD COLUMN display_name text,
  ADD COLUMN block_codes text[] NOT NULL DEFAULT '{}',
  ADD COLUMN answered_at timestamptz,
  ADD COLUMN transfer_target text,
  ADD COLUMN companion boolean NOT NULL DEFAULT false,
  ADD COLUMN call_back_of text;
UPDATE calls SET team_id = board_team_of(agent_id);
DROP INDEX calls_agent;
CREATE INDEX calls_agent ON calls (agent_id, started_at DESC);
CREATE INDEX calls_team ON calls (team_id, started_at DESC);
CREATE INDEX calls_started ON calls (started_at DESC);
CREATE INDEX calls_customer ON calls (customer_code) WHERE customer_code IS NOT NULL;
-- Drill-down "calls of blocked customers with block X": the array containment test.
CREATE INDEX calls_blocks ON calls USING gin (block_codes) WHERE block_codes <> '{}';

-- ---------------------------------------------------------------------------------------------
-- Forms: a resolution by the back office (resuelto / rechazado), with who and when.
ALTER TABLE forms
  ADD COLUMN team_id bigint NOT NULL DEFAULT 0,
  ADD COLUMN status text NOT NULL DEFAULT 'recibido' CHECK (status IN ('recibido', 'resuelto', 'rechazado')),
  ADD COLUMN resolved_at timestamptz,
  ADD COLUMN resolved_by bigint REFERENCES users (id),
  ADD COLUMN resolution_note text NOT NULL DEFAULT '';
UPDATE forms SET team_id = board_team_of(submitted_by);
CREATE INDEX forms_agent_created ON forms (submitted_by, created_at DESC);
CREATE INDEX forms_team_created ON forms (team_id, created_at DESC);
CREATE INDEX forms_created ON forms (created_at DESC);

-- Forms the intake refused (schema or routing): the agent's rejection rate counts them once per id.
CREATE TABLE form_refusals (
  agent_id bigint NOT NULL REFERENCES users (id),
  client_id text NOT NULL,
  team_id bigint NOT NULL DEFAULT 0,
  form_type text NOT NULL DEFAULT '',
  reason text NOT NULL,
  refused_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agent_id, client_id)
);
CREATE INDEX form_refusals_time ON form_refusals (refused_at DESC);

-- ---------------------------------------------------------------------------------------------
-- Tickets: the team of whoever opened it.
ALTER TABLE tickets ADD COLUMN team_id bigint NOT NULL DEFAULT 0;
UPDATE tickets SET team_id = board_team_of(created_by) WHERE created_by IS NOT NULL;
CREATE INDEX tickets_created ON tickets (created_at DESC);
CREATE INDEX tickets_agent_created ON tickets (created_by, created_at DESC);
CREATE INDEX tickets_team_created ON tickets (team_id, created_at DESC);
CREATE INDEX tickets_open_due ON tickets (due_date) WHERE status = 'abierto';

-- Every event takes its owner's team at the time it is stored: the board counts a team's work as
-- that team's even after an agent moves.
CREATE FUNCTION board_set_team() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'calls' THEN NEW.team_id := board_team_of(NEW.agent_id);
  ELSIF TG_TABLE_NAME = 'forms' THEN NEW.team_id := board_team_of(NEW.submitted_by);
  ELSIF TG_TABLE_NAME = 'form_refusals' THEN NEW.team_id := board_team_of(NEW.agent_id);
  ELSIF NEW.created_by IS NOT NULL THEN NEW.team_id := board_team_of(NEW.created_by);
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER calls_team BEFORE INSERT ON calls FOR EACH ROW EXECUTE FUNCTION board_set_team();
CREATE TRIGGER forms_team BEFORE INSERT ON forms FOR EACH ROW EXECUTE FUNCTION board_set_team();
CREATE TRIGGER form_refusals_team BEFORE INSERT ON form_refusals FOR EACH ROW EXECUTE FUNCTION board_set_team();
CREATE TRIGGER tickets_team BEFORE INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION board_set_team();

-- ---------------------------------------------------------------------------------------------
-- Business days (Chile): filled by the server at start from shared/calendar (holidays are code,
-- not SQL). `ordinal` counts business days since the first row, so the business days between two
-- dates are a subtraction.
CREATE TABLE business_days (
  day date PRIMARY KEY,
  business boolean NOT NULL,
  ordinal integer NOT NULL
);

-- Business days from a to b: the business days after a up to and including b (0 when b <= a).
-- NULL when a day is outside the table.
CREATE FUNCTION board_business_days(a date, b date) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN d IS NULL THEN NULL ELSE GREATEST(0, d) END
    FROM (SELECT (SELECT ordinal FROM business_days WHERE day = b) - (SELECT ordinal FROM business_days WHERE day = a) AS d) x
$$;

-- ---------------------------------------------------------------------------------------------
-- Roll-ups. Each row is one (day, …) cell; triggers add the deltas of every statement, grouped
-- and in key order (two statements lock shared rows in the same order: no deadlock).

-- Per agent and day: the agents' and teams' table, and the day totals.
CREATE TABLE board_agent_day (
  day date NOT NULL,
  agent_id bigint NOT NULL,
  team_id bigint NOT NULL,
  calls integer NOT NULL DEFAULT 0,
  calls_incoming integer NOT NULL DEFAULT 0,
  -- Calls that were answered here (then maybe transferred): their talk time is handled_seconds.
  answered integer NOT NULL DEFAULT 0,
  missed integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0,
  answered_elsewhere integer NOT NULL DEFAULT 0,
  transferred integer NOT NULL DEFAULT 0,
  transferred_tc integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  blocked_calls integer NOT NULL DEFAULT 0,
  handled_seconds bigint NOT NULL DEFAULT 0,
  forms integer NOT NULL DEFAULT 0,
  forms_resolved integer NOT NULL DEFAULT 0,
  forms_rejected integer NOT NULL DEFAULT 0,
  forms_refused integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, agent_id, team_id)
);
CREATE INDEX board_agent_day_agent ON board_agent_day (agent_id, day);
CREATE INDEX board_agent_day_team ON board_agent_day (team_id, day);

-- Calls of blocked customers per day, team and set of block codes (a call with Z1 and 2M is one
-- call, counted under each of its blocks by the per-block widget).
CREATE TABLE board_call_blocks (
  day date NOT NULL,
  team_id bigint NOT NULL,
  block_set text[] NOT NULL,
  calls integer NOT NULL DEFAULT 0,
  missed integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, team_id, block_set)
);
CREATE INDEX board_call_blocks_team ON board_call_blocks (team_id, day);

-- Forms per day, agent, team, type, block set and status.
CREATE TABLE board_forms (
  day date NOT NULL,
  agent_id bigint NOT NULL,
  team_id bigint NOT NULL,
  form_type text NOT NULL,
  block_set text[] NOT NULL,
  status text NOT NULL,
  forms integer NOT NULL DEFAULT 0,
  resolution_seconds bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, agent_id, team_id, form_type, block_set, status)
);
CREATE INDEX board_forms_agent ON board_forms (agent_id, day);
CREATE INDEX board_forms_team ON board_forms (team_id, day);

-- Tickets per creation day, team, typology, state, due date and business days to resolution
-- (-1 while open): time to resolution, overdue and closed-late all read from here.
CREATE TABLE board_tickets (
  day date NOT NULL,
  team_id bigint NOT NULL,
  typology_id integer NOT NULL,
  status text NOT NULL,
  due_date date NOT NULL,
  closed_late boolean NOT NULL,
  business_days integer NOT NULL,
  tickets integer NOT NULL DEFAULT 0,
  resolution_seconds bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, team_id, typology_id, status, due_date, closed_late, business_days)
);
CREATE INDEX board_tickets_team ON board_tickets (team_id, day);

CREATE FUNCTION board_touch(source text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Transactional: listeners hear it only once the change is committed.
  PERFORM pg_notify('board_changed', source);
END $$;

-- Calls are stored once (never updated): only inserts move their roll-ups.
CREATE FUNCTION board_calls_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO board_agent_day AS b (day, agent_id, team_id, calls, calls_incoming, answered, missed, rejected,
         answered_elsewhere, transferred, transferred_tc, failed, blocked_calls, handled_seconds)
  SELECT board_day(c.started_at), c.agent_id, c.team_id, count(*),
         count(*) FILTER (WHERE c.direction = 'incoming'),
         count(*) FILTER (WHERE c.answered_at IS NOT NULL),
         count(*) FILTER (WHERE c.outcome = 'missed'),
         count(*) FILTER (WHERE c.outcome = 'rejected'),
         count(*) FILTER (WHERE c.outcome = 'answered-elsewhere'),
         count(*) FILTER (WHERE c.outcome = 'transferred'),
         count(*) FILTER (WHERE c.outcome = 'transferred-telecobranzas'),
         count(*) FILTER (WHERE c.outcome = 'failed'),
         count(*) FILTER (WHERE c.block_codes <> '{}'),
         COALESCE(sum(GREATEST(0, EXTRACT(epoch FROM c.ended_at - c.answered_at))::bigint)
                    FILTER (WHERE c.answered_at IS NOT NULL), 0)
    FROM new_calls c
   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (day, agent_id, team_id) DO UPDATE SET
    calls = b.calls + excluded.calls,
    calls_incoming = b.calls_incoming + excluded.calls_incoming,
    answered = b.answered + excluded.answered,
    missed = b.missed + excluded.missed,
    rejected = b.rejected + excluded.rejected,
    answered_elsewhere = b.answered_elsewhere + excluded.answered_elsewhere,
    transferred = b.transferred + excluded.transferred,
    transferred_tc = b.transferred_tc + excluded.transferred_tc,
    failed = b.failed + excluded.failed,
    blocked_calls = b.blocked_calls + excluded.blocked_calls,
    handled_seconds = b.handled_seconds + excluded.handled_seconds;

  INSERT INTO board_call_blocks AS b (day, team_id, block_set, calls, missed)
  SELECT board_day(c.started_at), c.team_id, c.block_codes, count(*), count(*) FILTER (WHERE c.outcome = 'missed')
    FROM new_calls c
   WHERE c.block_codes <> '{}'
   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (day, team_id, block_set) DO UPDATE SET
    calls = b.calls + excluded.calls, missed = b.missed + excluded.missed;

  PERFORM board_touch('calls');
  RETURN NULL;
END $$;
CREATE TRIGGER calls_board AFTER INSERT ON calls REFERENCING NEW TABLE AS new_calls
  FOR EACH STATEMENT EXECUTE FUNCTION board_calls_inserted();

-- Forms: inserted (+1 in their cell) and resolved (moved from one status to another).
CREATE FUNCTION board_forms_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO board_agent_day AS b (day, agent_id, team_id, forms, forms_resolved, forms_rejected)
  SELECT board_day(f.created_at), f.submitted_by, f.team_id, count(*),
         count(*) FILTER (WHERE f.status = 'resuelto'), count(*) FILTER (WHERE f.status = 'rechazado')
    FROM new_forms f
   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (day, agent_id, team_id) DO UPDATE SET
    forms = b.forms + excluded.forms,
    forms_resolved = b.forms_resolved + excluded.forms_resolved,
    forms_rejected = b.forms_rejected + excluded.forms_rejected;

  INSERT INTO board_forms AS b (day, agent_id, team_id, form_type, block_set, status, forms, resolution_seconds)
  SELECT board_day(f.created_at), f.submitted_by, f.team_id, f.form_id, f.block_codes, f.status, count(*),
         COALESCE(sum(EXTRACT(epoch FROM f.resolved_at - f.received_at)::bigint) FILTER (WHERE f.resolved_at IS NOT NULL), 0)
    FROM new_forms f
   GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (day, agent_id, team_id, form_type, block_set, status) DO UPDATE SET
    forms = b.forms + excluded.forms, resolution_seconds = b.resolution_seconds + excluded.resolution_seconds;

  PERFORM board_touch('forms');
  RETURN NULL;
END $$;
CREATE TRIGGER forms_board_insert AFTER INSERT ON forms REFERENCING NEW TABLE AS new_forms
  FOR EACH STATEMENT EXECUTE FUNCTION board_forms_inserted();

CREATE FUNCTION board_forms_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- -1 in the old cell, +1 in the new one, for every form whose status or resolution changed.
  WITH moved AS (
    SELECT o.created_at, o.submitted_by, o.team_id, o.form_id, o.block_codes, o.status, o.received_at,
           o.resolved_at, -1 AS sign
      FROM old_forms o JOIN new_forms n ON n.id = o.id
     WHERE (o.status, o.resolved_at) IS DISTINCT FROM (n.status, n.resolved_at)
    UNION ALL
    SELECT n.created_at, n.submitted_by, n.team_id, n.form_id, n.block_codes, n.status, n.received_at,
           n.resolved_at, 1
      FROM old_forms o JOIN new_forms n ON n.id = o.id
     WHERE (o.status, o.resolved_at) IS DISTINCT FROM (n.status, n.resolved_at)
  ), per_agent AS (
    INSERT INTO board_agent_day AS b (day, agent_id, team_id, forms_resolved, forms_rejected)
    SELECT board_day(m.created_at), m.submitted_by, m.team_id,
           COALESCE(sum(m.sign) FILTER (WHERE m.status = 'resuelto'), 0),
           COALESCE(sum(m.sign) FILTER (WHERE m.status = 'rechazado'), 0)
      FROM moved m
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (day, agent_id, team_id) DO UPDATE SET
      forms_resolved = b.forms_resolved + excluded.forms_resolved,
      forms_rejected = b.forms_rejected + excluded.forms_rejected
  )
  INSERT INTO board_forms AS b (day, agent_id, team_id, form_type, block_set, status, forms, resolution_seconds)
  SELECT board_day(m.created_at), m.submitted_by, m.team_id, m.form_id, m.block_codes, m.status, sum(m.sign),
         COALESCE(sum(m.sign * EXTRACT(epoch FROM m.resolved_at - m.received_at)::bigint)
                    FILTER (WHERE m.resolved_at IS NOT NULL), 0)
    FROM moved m
   GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (day, agent_id, team_id, form_type, block_set, status) DO UPDATE SET
    forms = b.forms + excluded.forms, resolution_seconds = b.resolution_seconds + excluded.resolution_seconds;

  PERFORM board_touch('forms');
  RETURN NULL;
END $$;
CREATE TRIGGER forms_board_update AFTER UPDATE ON forms REFERENCING OLD TABLE AS old_forms NEW TABLE AS new_forms
  FOR EACH STATEMENT EXECUTE FUNCTION board_forms_updated();

CREATE FUNCTION board_refusals_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO board_agent_day AS b (day, agent_id, team_id, forms_refused)
  SELECT board_day(r.refused_at), r.agent_id, r.team_id, count(*)
    FROM new_refusals r
   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (day, agent_id, team_id) DO UPDATE SET forms_refused = b.forms_refused + excluded.forms_refused;
  PERFORM board_touch('forms');
  RETURN NULL;
END $$;
CREATE TRIGGER form_refusals_board AFTER INSERT ON form_refusals REFERENCING NEW TABLE AS new_refusals
  FOR EACH STATEMENT EXECUTE FUNCTION board_refusals_inserted();

-- Tickets: the cell of a ticket as it is now (open: business_days -1).
CREATE FUNCTION board_tickets_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO board_tickets AS b (day, team_id, typology_id, status, due_date, closed_late, business_days,
           tickets, resolution_seconds)
    SELECT board_day(t.created_at), t.team_id, t.typology_id, t.status, t.due_date,
           t.closed_at IS NOT NULL AND board_day(t.closed_at) > t.due_date,
           CASE WHEN t.closed_at IS NULL THEN -1
                ELSE COALESCE(board_business_days(board_day(t.created_at), board_day(t.closed_at)), -1) END,
           count(*), COALESCE(sum(EXTRACT(epoch FROM t.closed_at - t.created_at)::bigint), 0)
      FROM new_tickets t
     GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (day, team_id, typology_id, status, due_date, closed_late, business_days) DO UPDATE SET
      tickets = b.tickets + excluded.tickets, resolution_seconds = b.resolution_seconds + excluded.resolution_seconds;
  ELSE
    WITH moved AS (
      SELECT o.*, -1 AS sign FROM old_tickets o JOIN new_tickets n ON n.id = o.id
       WHERE (o.status, o.closed_at, o.due_date, o.typology_id) IS DISTINCT FROM (n.status, n.closed_at, n.due_date, n.typology_id)
      UNION ALL
      SELECT n.*, 1 FROM old_tickets o JOIN new_tickets n ON n.id = o.id
       WHERE (o.status, o.closed_at, o.due_date, o.typology_id) IS DISTINCT FROM (n.status, n.closed_at, n.due_date, n.typology_id)
    )
    INSERT INTO board_tickets AS b (day, team_id, typology_id, status, due_date, closed_late, business_days,
           tickets, resolution_seconds)
    SELECT board_day(m.created_at), m.team_id, m.typology_id, m.status, m.due_date,
           m.closed_at IS NOT NULL AND board_day(m.closed_at) > m.due_date,
           CASE WHEN m.closed_at IS NULL THEN -1
                ELSE COALESCE(board_business_days(board_day(m.created_at), board_day(m.closed_at)), -1) END,
           sum(m.sign), COALESCE(sum(m.sign * EXTRACT(epoch FROM m.closed_at - m.created_at)::bigint), 0)
      FROM moved m
     GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (day, team_id, typology_id, status, due_date, closed_late, business_days) DO UPDATE SET
      tickets = b.tickets + excluded.tickets, resolution_seconds = b.resolution_seconds + excluded.resolution_seconds;
  END IF;
  PERFORM board_touch('tickets');
  RETURN NULL;
END $$;
CREATE TRIGGER tickets_board_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_tickets
  FOR EACH STATEMENT EXECUTE FUNCTION board_tickets_changed();
CREATE TRIGGER tickets_board_update AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_tickets NEW TABLE AS new_tickets
  FOR EACH STATEMENT EXECUTE FUNCTION board_tickets_changed();
