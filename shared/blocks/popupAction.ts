import { AREAS } from './areas';
import type { PopupStep } from './popupPlan';

/** Where a step's dialog stands, when that changes what its buttons do. */
export type StepStage =
  /** Collections with an open order: the "Alerta pedido ingresado" is on screen (OK / Cancelar). */
  'open-order-alert' | 'default';

/**
 * The "Acción" line of a pop-up: what its buttons really do, in the agent's words. For the
 * open-order alert OK sends nothing (the agent gave the order status) and Cancelar raises the
 * collections form (seed 000, "Alerta pedido ingresado a cliente con bloqueo").
 */
export function popupAction(step: PopupStep, stage: StepStage = 'default'): string {
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
