-- The supervisors' board hears case writes (issue 12): every statement that opens, moves, assigns
-- or closes cases announces 'cases' on the board's channel, once, when it commits (migration 006's
-- board_touch). Statement-level: a batch of ZB forms opening many cases is one notification.
CREATE FUNCTION board_cases_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM board_touch('cases');
  RETURN NULL;
END $$;

CREATE TRIGGER cases_board AFTER INSERT OR UPDATE ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION board_cases_changed();

-- The board counts the cases opened in its range (server/src/board/caseWidgets.ts).
CREATE INDEX cases_opened ON cases (opened_at);
