-- The escalations inbox is heard live (issue 11): every statement that adds, takes, reassigns or
-- closes items announces 'escalations' on the board's channel once it commits (migration 006's
-- board_touch), so the «Escalamientos» menu entry's count of open items follows without polling.
CREATE FUNCTION board_escalations_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM board_touch('escalations');
  RETURN NULL;
END $$;

CREATE TRIGGER escalations_board AFTER INSERT OR UPDATE ON escalations
  FOR EACH STATEMENT EXECUTE FUNCTION board_escalations_changed();
