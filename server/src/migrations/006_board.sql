-- The supervisors' board (issue 12): calls as the desk logs them (block codes, customer, outcome,
-- times, transfer target), forms with a resolution, the team of every event, a business-day
-- calendar, and roll-ups kept by statement-level triggers so each widget reads thousands of rows,
-- not millions. See server/README.md "Board".

-- The board's day is the contact centre's day, not UTC's.
CREATE FUNCTION board_day(at timestamptz) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (at AT TIME ZONE 'America/Santiago')::date $$;
-- The instant a board day starts (raw-table ranges: [board_day_start(from), board_day_start(to + 1))).
CREATE FUNCTION board_day_start(day date) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT day::timestamp AT TIME ZONE 'America/Santiago' $$;

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

-- Forms the intake refused (schema or routing), kept with the reason and what was sent: the
-- agent's rejection rate counts them once per id (a corrected resend is a new attempt, not a
-- second refusal).
CREATE TABLE form_refusals (
  agent_id bigint NOT NULL REFERENCES users (id),
  client_id text NOT NULL,
  team_id bigint NOT NULL DEFAULT 0,
  form_type text NOT NULL DEFAULT '',
  reason text NOT NULL,
  payload jsonb,
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
-- Roll-ups. Every fact is counted twice: in its day (period 'd', day = the day) and in its month
-- (period 'm', day = the month's first day). A range reads the months it covers whole and the
-- days at its edges, so a year is about 12 month rows per cell instead of 365 day rows.
-- Statement-level triggers add each statement's deltas, grouped and in key order (two statements
-- lock shared rows in the same order: no deadlock).

CREATE FUNCTION board_period_day(period "char", day date) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN period = 'm' THEN date_trunc('month', day)::date ELSE day END $$;

CREATE TABLE board_periods (period "char" PRIMARY KEY CHECK (period IN ('d', 'm')));
INSERT INTO board_periods VALUES ('d'), ('m');

-- Per agent: the agents' and teams' table.
CREATE TABLE board_agent_day (
  period "char" NOT NULL,
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
  PRIMARY KEY (period, day, agent_id, team_id)
);
CREATE INDEX board_agent_day_agent ON board_agent_day (agent_id, period, day);
CREATE INDEX board_agent_day_team ON board_agent_day (team_id, period, day);

-- Calls per team and set of block codes ('{}' = customer without blocks, or none identified): the
-- calls per day, and per block (a call with Z1 and 2M is one call, counted under each block).
CREATE TABLE board_calls (
  period "char" NOT NULL,
  day date NOT NULL,
  team_id bigint NOT NULL,
  block_set text[] NOT NULL,
  calls integer NOT NULL DEFAULT 0,
  missed integer NOT NULL DEFAULT 0,
  PRIMARY KEY (period, day, team_id, block_set)
);
CREATE INDEX board_calls_team ON board_calls (team_id, period, day);

-- Forms per agent, type, block set and status; resolution time runs from the form's creation (the
-- customer's call) to its resolution.
CREATE TABLE board_forms (
  period "char" NOT NULL,
  day date NOT NULL,
  agent_id bigint NOT NULL,
  team_id bigint NOT NULL,
  form_type text NOT NULL,
  block_set text[] NOT NULL,
  status text NOT NULL,
  forms integer NOT NULL DEFAULT 0,
  resolution_seconds bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (period, day, agent_id, team_id, form_type, block_set, status)
);
CREATE INDEX board_forms_agent ON board_forms (agent_id, period, day);
CREATE INDEX board_forms_team ON board_forms (team_id, period, day);

-- Tickets per creation day, team, typology, state, due date and business days to resolution
-- (-1 while open): time to resolution, overdue and closed late all read from here. A closed
-- ticket's due date only matters through closed_late, so its cell keeps none (1970-01-01).
CREATE TABLE board_tickets (
  period "char" NOT NULL,
  day date NOT NULL,
  team_id bigint NOT NULL,
  typology_id integer NOT NULL,
  status text NOT NULL,
  due_date date NOT NULL,
  closed_late boolean NOT NULL,
  business_days integer NOT NULL,
  tickets integer NOT NULL DEFAULT 0,
  resolution_seconds bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (period, day, team_id, typology_id, status, due_date, closed_late, business_days)
);
CREATE INDEX board_tickets_team ON board_tickets (team_id, period, day);

CREATE FUNCTION board_touch(source text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Transactional: listeners hear it only once the change is committed.
  PERFORM pg_notify('board_changed', source);
END $$;

-- Calls are stored once (never updated): only inserts move their roll-ups.
CREATE FUNCTION board_calls_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO board_agent_day AS b (period, day, agent_id, team_id, calls, calls_incoming, answered, missed,
         rejected, answered_elsewhere, transferred, transferred_tc, failed, blocked_calls, handled_seconds)
  SELECT p.period, board_period_day(p.period, board_day(c.started_at)), c.agent_id, c.team_id, count(*),
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
    FROM new_calls c CROSS JOIN board_periods p
   GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (period, day, agent_id, team_id) DO UPDATE SET
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

  INSERT INTO board_calls AS b (period, day, team_id, block_set, calls, missed)
  SELECT p.period, board_period_day(p.period, board_day(c.started_at)), c.team_id, c.block_codes, count(*),
         count(*) FILTER (WHERE c.outcome = 'missed')
    FROM new_calls c CROSS JOIN board_periods p
   GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (period, day, team_id, block_set) DO UPDATE SET
    calls = b.calls + excluded.calls, missed = b.missed + excluded.missed;

  PERFORM board_touch('calls');
  RETURN NULL;
END $$;
CREATE TRIGGER calls_board AFTER INSERT ON calls REFERENCING NEW TABLE AS new_calls
  FOR EACH STATEMENT EXECUTE FUNCTION board_calls_inserted();

-- Forms: +1 in their cell when stored; when resolved, -1 in the old cell and +1 in the new one.
-- One body for both triggers: only the signed rows (`moves`) differ.
CREATE FUNCTION board_forms_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  cols constant text := 'created_at, submitted_by, team_id, form_id, block_codes, status, resolved_at';
  moves text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    moves := format('SELECT %s, 1 AS sign FROM new_forms', cols);
  ELSE
    moves := format($q$
      SELECT %1$s, -1 AS sign FROM old_forms o
       WHERE EXISTS (SELECT 1 FROM new_forms n WHERE n.id = o.id AND (o.status, o.resolved_at) IS DISTINCT FROM (n.status, n.resolved_at))
      UNION ALL
      SELECT %1$s, 1 FROM new_forms n
       WHERE EXISTS (SELECT 1 FROM old_forms o WHERE o.id = n.id AND (o.status, o.resolved_at) IS DISTINCT FROM (n.status, n.resolved_at))$q$,
      cols);
  END IF;
  EXECUTE format($q$
    WITH m AS (%s), per_agent AS (
      INSERT INTO board_agent_day AS b (period, day, agent_id, team_id, forms, forms_resolved, forms_rejected)
      SELECT p.period, board_period_day(p.period, board_day(m.created_at)), m.submitted_by, m.team_id, sum(m.sign),
             COALESCE(sum(m.sign) FILTER (WHERE m.status = 'resuelto'), 0),
             COALESCE(sum(m.sign) FILTER (WHERE m.status = 'rechazado'), 0)
        FROM m CROSS JOIN board_periods p
       GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (period, day, agent_id, team_id) DO UPDATE SET
        forms = b.forms + excluded.forms,
        forms_resolved = b.forms_resolved + excluded.forms_resolved,
        forms_rejected = b.forms_rejected + excluded.forms_rejected
    )
    INSERT INTO board_forms AS b (period, day, agent_id, team_id, form_type, block_set, status, forms, resolution_seconds)
    SELECT p.period, board_period_day(p.period, board_day(m.created_at)), m.submitted_by, m.team_id, m.form_id,
           m.block_codes, m.status, sum(m.sign),
           COALESCE(sum(m.sign * GREATEST(0, EXTRACT(epoch FROM m.resolved_at - m.created_at))::bigint)
                      FILTER (WHERE m.resolved_at IS NOT NULL), 0)
      FROM m CROSS JOIN board_periods p
     GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (period, day, agent_id, team_id, form_type, block_set, status) DO UPDATE SET
      forms = b.forms + excluded.forms, resolution_seconds = b.resolution_seconds + excluded.resolution_seconds$q$,
    moves);
  PERFORM board_touch('forms');
  RETURN NULL;
END $fn$;
CREATE TRIGGER forms_board_insert AFTER INSERT ON forms REFERENCING NEW TABLE AS new_forms
  FOR EACH STATEMENT EXECUTE FUNCTION board_forms_changed();
CREATE TRIGGER forms_board_update AFTER UPDATE ON forms REFERENCING OLD TABLE AS old_forms NEW TABLE AS new_forms
  FOR EACH STATEMENT EXECUTE FUNCTION board_forms_changed();

CREATE FUNCTION board_refusals_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO board_agent_day AS b (period, day, agent_id, team_id, forms_refused)
  SELECT p.period, board_period_day(p.period, board_day(r.refused_at)), r.agent_id, r.team_id, count(*)
    FROM new_refusals r CROSS JOIN board_periods p
   GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (period, day, agent_id, team_id) DO UPDATE SET forms_refused = b.forms_refused + excluded.forms_refused;
  PERFORM board_touch('forms');
  RETURN NULL;
END $$;
CREATE TRIGGER form_refusals_board AFTER INSERT ON form_refusals REFERENCING NEW TABLE AS new_refusals
  FOR EACH STATEMENT EXECUTE FUNCTION board_refusals_inserted();

-- Tickets: opened (+1), then closed or changed (-1 in the old cell, +1 in the new one).
CREATE FUNCTION board_tickets_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  cols constant text := 'created_at, team_id, typology_id, status, due_date, closed_at';
  changed constant text :=
    '(o.status, o.closed_at, o.due_date, o.typology_id) IS DISTINCT FROM (n.status, n.closed_at, n.due_date, n.typology_id)';
  moves text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    moves := format('SELECT %s, 1 AS sign FROM new_tickets', cols);
  ELSE
    moves := format($q$
      SELECT %1$s, -1 AS sign FROM old_tickets o WHERE EXISTS (SELECT 1 FROM new_tickets n WHERE n.id = o.id AND %2$s)
      UNION ALL
      SELECT %1$s, 1 FROM new_tickets n WHERE EXISTS (SELECT 1 FROM old_tickets o WHERE o.id = n.id AND %2$s)$q$,
      cols, changed);
  END IF;
  EXECUTE format($q$
    WITH m AS (%s), cell AS (
      SELECT board_day(created_at) AS day, team_id, typology_id, status,
             CASE WHEN closed_at IS NULL THEN due_date ELSE DATE '1970-01-01' END AS due_date,
             closed_at IS NOT NULL AND board_day(closed_at) > due_date AS closed_late,
             CASE WHEN closed_at IS NULL THEN -1
                  ELSE COALESCE(board_business_days(board_day(created_at), board_day(closed_at)), -1) END AS business_days,
             sign, COALESCE(EXTRACT(epoch FROM closed_at - created_at)::bigint, 0) AS seconds
        FROM m
    )
    INSERT INTO board_tickets AS b (period, day, team_id, typology_id, status, due_date, closed_late, business_days,
           tickets, resolution_seconds)
    SELECT p.period, board_period_day(p.period, c.day), c.team_id, c.typology_id, c.status, c.due_date, c.closed_late,
           c.business_days, sum(c.sign), sum(c.sign * c.seconds)
      FROM cell c CROSS JOIN board_periods p
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT (period, day, team_id, typology_id, status, due_date, closed_late, business_days) DO UPDATE SET
      tickets = b.tickets + excluded.tickets, resolution_seconds = b.resolution_seconds + excluded.resolution_seconds$q$,
    moves);
  PERFORM board_touch('tickets');
  RETURN NULL;
END $fn$;
CREATE TRIGGER tickets_board_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_tickets
  FOR EACH STATEMENT EXECUTE FUNCTION board_tickets_changed();
CREATE TRIGGER tickets_board_update AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_tickets NEW TABLE AS new_tickets
  FOR EACH STATEMENT EXECUTE FUNCTION board_tickets_changed();

-- When the figures a query reads were current: now on the primary; on a read replica that is
-- behind, the time of the last transaction it replayed (the board shows the figures' age).
CREATE FUNCTION board_as_of() RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN pg_is_in_recovery() AND pg_last_wal_receive_lsn() IS DISTINCT FROM pg_last_wal_replay_lsn()
              THEN COALESCE(pg_last_xact_replay_timestamp(), now())
              ELSE now() END
$$;
