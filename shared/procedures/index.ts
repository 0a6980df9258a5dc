/** Back-office procedures as data, their statechart rules, mails, deadlines and indicator. */
import { ANULACION_PROCEDURE } from './anulacion';
import type { OpeningDefinition, ProcedureDefinition, ProcedureId } from './types';
import { ZB_PROCEDURE } from './zb';

export const PROCEDURES: Readonly<Record<ProcedureId, ProcedureDefinition>> = {
  zb: ZB_PROCEDURE,
  anulacion: ANULACION_PROCEDURE,
};

export const PROCEDURE_IDS = Object.keys(PROCEDURES) as ProcedureId[];

export function procedureById(id: string): ProcedureDefinition | null {
  return id in PROCEDURES ? PROCEDURES[id as ProcedureId] : null;
}

/** What people say and write: "ZB-000123", "AN-000045". */
export function caseNumber(procedure: ProcedureId, id: number): string {
  return `${procedure === 'zb' ? 'ZB' : 'AN'}-${String(id).padStart(6, '0')}`;
}

export { ZB_PROCEDURE, ANULACION_PROCEDURE };
export * from './types';
export * from './roles';
export * from './machine';
export * from './stepData';
export * from './mail';
export * from './indicator';
export * from './region';
export * from './deadlines';

/** The procedure (and its opening) an agent's pop-up form opens a case of, if any (ZB form → ZB protocol). */
export function procedureOpenedByForm(
  formId: string,
): { definition: ProcedureDefinition; opening: OpeningDefinition } | null {
  for (const definition of Object.values(PROCEDURES)) {
    const opening = definition.openings.find((o) => o.source === 'form' && o.formIds?.includes(formId));
    if (opening) return { definition, opening };
  }
  return null;
}
