-- The board at a year's scale (issue 12, `npm run bench:board`: 5 M calls, 200 k cases):
-- * One agent's calls over months are read from the index alone (the heap rows of an agent's year
--   lie on thousands of pages): calls_agent carries what the calls widget reads.
-- * Seed 003's indicator counts anulación cases by the month they closed: an index-only scan of
--   the closed cases per procedure (the case list's keyset index, now carrying the end state).
DROP INDEX calls_agent;
CREATE INDEX calls_agent ON calls (agent_id, started_at DESC) INCLUDE (outcome, block_codes, team_id);
DROP INDEX cases_closed;
CREATE INDEX cases_closed ON cases (procedure, closed_at, id) INCLUDE (end_state) WHERE closed_at IS NOT NULL;

-- Forms per team (board_forms without the agent, ~6× fewer rows): the centre's and a team's forms
-- by type and status read here; the per-agent table reads board_agent_day unless a block or form
-- type narrows it. Kept by the same statement-level trigger, in the same transaction.
CREATE TABLE board_forms_by_team (
  period "char" NOT NULL,
  day date NOT NULL,
  team_id bigint NOT NULL,
  form_type text NOT NULL,
  block_set text[] NOT NULL,
  status text NOT NULL,
  forms integer NOT NULL DEFAULT 0,
  resolution_seconds bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (period, day, team_id, form_type, block_set, status)
);
CREATE INDEX board_forms_by_team_team ON board_forms_by_team (team_id, period, day);
INSERT INTO board_forms_by_team (period, day, team_id, form_type, block_set, status, forms, resolution_seconds)
SELECT period, day, team_id, form_type, block_set, status, sum(forms), sum(resolution_seconds)
  FROM board_forms GROUP BY 1, 2, 3, 4, 5, 6;

CREATE OR REPLACE FUNCTION board_forms_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
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
    ), per_team AS (
      INSERT INTO board_forms_by_team AS b (period, day, team_id, form_type, block_set, status, forms, resolution_seconds)
      SELECT p.period, board_period_day(p.period, board_day(m.created_at)), m.team_id, m.form_id, m.block_codes, m.status,
             sum(m.sign),
             COALESCE(sum(m.sign * GREATEST(0, EXTRACT(epoch FROM m.resolved_at - m.created_at))::bigint)
                        FILTER (WHERE m.resolved_at IS NOT NULL), 0)
        FROM m CROSS JOIN board_periods p
       GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
      ON CONFLICT (period, day, team_id, form_type, block_set, status) DO UPDATE SET
        forms = b.forms + excluded.forms, resolution_seconds = b.resolution_seconds + excluded.resolution_seconds
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
