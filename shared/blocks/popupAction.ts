import type { RecentCase } from '../forms/duplicates';
import { AREAS } from './areas';
import type { PopupStep } from './popupPlan';

/**
 * The duplicate guard is on screen instead of a new form: the same customer and block already have
 * a case from the last hours, offered with «Ver» and «Agregar nota» (and, once «Agregar nota» was
 * chosen, the note's form with «Enviar nota»).
 */
export interface RecentCaseStage {
  kind: 'recent-case';
  /** The earlier case's form title: "Datos para Telecobranzas". */
  formTitle: string;
  /** When it was taken, in the agent's words: "hoy a las 14:05", "el 01-12 a las 23:10". */
  when: string;
  status: RecentCase['status'];
  /** The agent chose «Agregar nota»: the note's form is open. */
  noting: boolean;
}

/** Where a step's dialog stands, when that changes what its buttons do. */
export type StepStage =
  /** Collections with an open order: the "Alerta pedido ingresado" is on screen (OK / Cancelar). */
  'open-order-alert' | 'default' | RecentCaseStage;

/** Where the earlier case stands, short: the guard below the line gives the whole story. */
const CASE_STATUS: Record<RecentCase['status'], string> = {
  pendiente: 'en cola en este equipo',
  recibido: 'recibido por la central',
  enviado: 'enviado al área',
  rechazado: 'rechazado por la central',
};

function recentCaseAction(stage: RecentCaseStage): string {
  if (stage.noting)
    return (
      `Al presionar «Enviar nota» se envía una nota al caso «${stage.formTitle}» de ${stage.when}; ` +
      'no se abre un caso nuevo.'
    );
  return (
    `Ya hay un caso por este bloqueo («${stage.formTitle}», ${stage.when}, ${CASE_STATUS[stage.status]}): ` +
    'no se envía un formulario nuevo. «Ver» muestra ese caso; «Agregar nota» suma lo nuevo al mismo caso.'
  );
}

/**
 * The "Acción" line of a pop-up: what its buttons really do, in the agent's words. For the
 * open-order alert OK sends nothing (the agent gave the order status) and Cancelar raises the
 * collections form (seed 000, "Alerta pedido ingresado a cliente con bloqueo"). While the duplicate
 * guard shows an earlier case there is no OK: the line says what «Ver» and «Agregar nota» do.
 */
export function popupAction(step: PopupStep, stage: StepStage = 'default'): string {
  if (typeof stage === 'object') return recentCaseAction(stage);
  if (step.type === 'replaced') return 'Buscar el código nuevo; si no aparece, informar al supervisor.';
  if (step.type === 'unknown') return `Informar a: ${AREAS.supervisor.name}.`;
  const area = AREAS[step.definition.area].name;
  if (stage === 'open-order-alert' && step.openOrder) {
    return (
      `OK: usted informó al cliente el estado del pedido ${step.openOrder.id}; no se envía ningún formulario. ` +
      `Cancelar: tomar los datos para ${area} (se envía el correo).`
    );
  }
  switch (step.definition.kind) {
    case 'search':
      return 'Sin formulario: buscar otro código habilitado y tomar el pedido con él.';
    case 'ticket':
      return `Ticket postventa para: ${area}.`;
    case 'form':
      return `Al presionar OK se envía el formulario a: ${area}.`;
  }
}
