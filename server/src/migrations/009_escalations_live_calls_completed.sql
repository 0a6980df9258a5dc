-- Issue 11: the escalations inbox is heard live: every statement that adds, takes, reassigns or
-- closes items announces 'escalations' on the board's channel once it commits (migration 006's
-- board_touch), so the «Escalamientos» menu entry's count of open items follows without polling.
CREATE FUNCTION board_escalations_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM board_touch('escalations');
  RETURN NULL;
END $$;

CREATE TRIGGER escalations_board AFTER INSERT OR UPDATE ON escalations
  FOR EACH STATEMENT EXECUTE FUNCTION board_escalations_changed();

-- A call uploaded before the desk's customer look-up finished gets its customer and block codes
-- when the desk sends it again (server/src/calls/intake.ts fills them only where none were
-- stored). Its roll-ups move with it: out of the old block set's cell, into the new one.
CREATE FUNCTION board_calls_completed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH moved AS (
    SELECT o.started_at, o.agent_id, o.team_id, o.outcome, o.block_codes AS old_blocks, n.block_codes AS new_blocks
      FROM old_calls o JOIN new_calls n ON n.agent_id = o.agent_id AND n.id = o.id
     WHERE o.block_codes IS DISTINCT FROM n.block_codes
  ), per_agent AS (
    INSERT INTO board_agent_day AS b (period, day, agent_id, team_id, blocked_calls)
    SELECT p.period, board_period_day(p.period, board_day(m.started_at)), m.agent_id, m.team_id,
           sum((m.new_blocks <> '{}')::int - (m.old_blocks <> '{}')::int)
      FROM moved m CROSS JOIN board_periods p
     GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (period, day, agent_id, team_id) DO UPDATE SET blocked_calls = b.blocked_calls + excluded.blocked_calls
  ), cells AS (
    SELECT started_at, team_id, outcome, old_blocks AS block_set, -1 AS sign FROM moved
    UNION ALL
    SELECT started_at, team_id, outcome, new_blocks, 1 FROM moved
  )
  INSERT INTO board_calls AS b (period, day, team_id, block_set, calls, missed)
  SELECT p.period, board_period_day(p.period, board_day(c.started_at)), c.team_id, c.block_set, sum(c.sign),
         COALESCE(sum(c.sign) FILTER (WHERE c.outcome = 'missed'), 0)
    FROM cells c CROSS JOIN board_periods p
   GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (period, day, team_id, block_set) DO UPDATE SET
    calls = b.calls + excluded.calls, missed = b.missed + excluded.missed;
  PERFORM board_touch('calls');
  RETURN NULL;
END $$;

CREATE TRIGGER calls_board_completed AFTER UPDATE ON calls REFERENCING OLD TABLE AS old_calls NEW TABLE AS new_calls
  FOR EACH STATEMENT EXECUTE FUNCTION board_calls_completed();

-- A call the desk lost track of (closed or crashed during it) is closed as interrupted at its next
-- start and uploaded as such.
ALTER TABLE calls DROP CONSTRAINT calls_outcome_check;
ALTER TABLE calls ADD CONSTRAINT calls_outcome_check CHECK (outcome IN ('answered', 'missed', 'rejected',
  'answered-elsewhere', 'transferred', 'transferred-telecobranzas', 'failed', 'interrupted')) NOT VALID;
