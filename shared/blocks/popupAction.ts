import { DUPLICATE_WINDOW_HOURS, type RecentCase } from '../forms/duplicates';
import { FORMS } from '../forms/fields';
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

/** The duplicate guard is still asking whether the customer already has a case: no button yet. */
export interface RecentCheckStage {
  kind: 'recent-check';
}

/**
 * Where the duplicate guard stands, kept apart from the step's own stage: the guard comes and goes
 * inside a step (the supervisor form has its own) without undoing where the step stands.
 */
export type GuardStage = RecentCheckStage | RecentCaseStage;

/** Where a step's dialog stands, when that changes what its buttons do. */
export type StepStage =
  /** Collections with an open order: the "Alerta pedido ingresado" is on screen (OK / Cancelar). */
  | 'open-order-alert'
  /** Collections: the customer says the data was already taken; the supervisor form is on screen. */
  | 'already-taken'
  | 'default';

/** Where the earlier case stands, short: the guard below the line gives the whole story. */
const CASE_STATUS: Record<RecentCase['status'], string> = {
  pendiente: 'en cola en este equipo',
  recibido: 'recibido por la central',
  enviado: 'enviado al área',
  rechazado: 'rechazado por la central',
};

/**
 * Whether a step's dialog opens on the duplicate check (the desk's RecentCaseGuard: a form step, the
 * collections step, an unknown code's supervisor form), unless an open-order alert comes first: its
 * «Acción» line then starts with the check's wording, set with the pop-up itself rather than by the
 * guard once drawn (which would draw the pop-up twice before its first paint).
 */
export function opensOnRecentCheck(step: PopupStep): boolean {
  if (step.type === 'unknown') return true;
  if (step.type !== 'block' || step.openOrder) return false;
  if (step.definition.key === 'TC') return true;
  return step.definition.kind === 'form' && Boolean(step.definition.form);
}

function guardAction(stage: GuardStage): string {
  if (stage.kind === 'recent-check')
    return (
      `Revisando si el cliente ya tiene un caso por este bloqueo en las últimas ${DUPLICATE_WINDOW_HOURS} ` +
      'horas: aún no se envía nada.'
    );
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
 * guard checks or shows an earlier case there is no OK: the line says so, or what «Ver» and «Agregar
 * nota» do. The supervisor form (an unknown code; a collections customer who says the data was
 * already taken) is routed by its form, not its block (server/src/routing/resolve.ts), to the agent's
 * own supervisor, the route's mailbox when the agent has none (server/src/forms/intake.ts).
 */
/** Where the supervisor form goes (an unknown code, «ya le tomaron los datos»): the agent's own supervisor. */
const TO_SUPERVISOR =
  `Al presionar «Informar al supervisor» se envía el «${FORMS.supervisor.title}» a su supervisor ` +
  '(si no tiene uno asignado, al buzón de supervisores)';

export function popupAction(
  step: PopupStep,
  stage: StepStage = 'default',
  guard: GuardStage | null = null,
): string {
  if (guard) return guardAction(guard);
  if (step.type === 'replaced') return 'Buscar el código nuevo; si no aparece, informar al supervisor.';
  if (step.type === 'unknown') return `${TO_SUPERVISOR}.`;
  const area = AREAS[step.definition.area].name;
  if (stage === 'already-taken')
    return `${TO_SUPERVISOR}, no a ${area}: él gestiona el desbloqueo con el encargado de cobranzas.`;
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
