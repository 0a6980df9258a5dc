import { PROCEDURES, deadlineLabel } from '../../../shared/procedures';
import type { Queryable } from '../db/types';

/**
 * Writes the procedures' steps and end states (code, in shared/procedures) into the tables the
 * `case_facts` view joins, so SQL readers (the board) see titles, roles and indicator outcomes.
 * One statement, idempotent: every process runs it at start.
 */
export async function syncProcedureCatalog(db: Queryable): Promise<void> {
  const steps = Object.values(PROCEDURES).flatMap((definition) =>
    Object.values(definition.steps).map((step, ordinal) => ({
      procedure: definition.id,
      step: step.id,
      ordinal,
      title: step.title,
      roles: step.roles,
      deadline: step.deadline ? deadlineLabel(step.deadline) : '',
    })),
  );
  const ends = Object.values(PROCEDURES).flatMap((definition) =>
    Object.values(definition.endStates).map((end) => ({
      procedure: definition.id,
      end_state: end.id,
      label: end.label,
      tone: end.tone,
      indicator: end.indicator ?? null,
    })),
  );
  await db.query(
    `WITH s AS (
       INSERT INTO procedure_steps (procedure, step, ordinal, title, roles, deadline)
       SELECT x.procedure, x.step, x.ordinal, x.title, ARRAY(SELECT jsonb_array_elements_text(x.roles)), x.deadline
         FROM jsonb_to_recordset($1::jsonb) AS x(procedure text, step text, ordinal int, title text, roles jsonb, deadline text)
       ON CONFLICT (procedure, step) DO UPDATE SET ordinal = EXCLUDED.ordinal, title = EXCLUDED.title,
         roles = EXCLUDED.roles, deadline = EXCLUDED.deadline
       RETURNING 1
     )
     INSERT INTO procedure_end_states (procedure, end_state, label, tone, indicator)
     SELECT x.procedure, x.end_state, x.label, x.tone, x.indicator
       FROM jsonb_to_recordset($2::jsonb) AS x(procedure text, end_state text, label text, tone text, indicator text)
     ON CONFLICT (procedure, end_state) DO UPDATE SET label = EXCLUDED.label, tone = EXCLUDED.tone,
       indicator = EXCLUDED.indicator`,
    [JSON.stringify(steps), JSON.stringify(ends)],
  );
}
