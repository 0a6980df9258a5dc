import type { Customer } from '../directory/customer';
import {
  BLOCK_CATALOG,
  REPLACED_CODE_SCRIPT,
  TELECOBRANZAS_BLOCK,
  openOrderScript,
  unknownCodeScript,
  type BlockDefinition,
} from './catalog';
import { classifyBlockCode } from './codes';

/**
 * One dialog of the pop-up sequence for a customer. `codes` are block codes (two characters, as the
 * order-taking system writes them). A replaced customer code is not a block code: it is its own kind
 * of step, named by the customer code, and the forms it leads to carry no block code.
 */
export type PopupStep =
  | { type: 'replaced'; customerCode: string; script: string[]; newCode: string | null }
  | {
      type: 'block';
      codes: string[];
      definition: BlockDefinition;
      /** Collections only: an open order is announced before the form (seed 000, "Alerta pedido ingresado"). */
      openOrder: { id: string; status: string; script: string[] } | null;
    }
  | { type: 'unknown'; codes: string[]; script: string[] };

/**
 * Precedence when a customer has several blocks. Every block is shown; the order is what to
 * deal with first:
 * 1. A replaced code: the record itself must not be used, so nothing else on it matters yet.
 * 2. Z3 (change of legal name): also a record not to be used; the order goes to another record.
 * 3. Safety of the installation, most serious first: tank removed (Z5), out of standard (Z4),
 *    inactive pending inspection (ZB), needs a visit (ZA), not yet certified (Z0).
 * 4. Commercial blocks: no consumption (Z9), then collections (Z1 and TC-format codes), which a
 *    payment lifts but which would not make a delivery possible on its own while 3 stands.
 * 5. Unknown codes last: the supervisor decides, after the agent has read what is known.
 */
const PRECEDENCE: Array<keyof typeof BLOCK_CATALOG | 'TC' | 'UNKNOWN'> = [
  'Z3',
  'Z5',
  'Z4',
  'ZB',
  'ZA',
  'Z0',
  'Z9',
  'TC',
  'UNKNOWN',
];

export function popupPlan(
  customer: Pick<Customer, 'bloqueos' | 'codigoBloqueado' | 'codigoNuevo' | 'pedidoAbierto' | 'codigo'>,
): PopupStep[] {
  const steps: PopupStep[] = [];
  if (customer.codigoBloqueado) {
    steps.push({
      type: 'replaced',
      customerCode: customer.codigo,
      script: REPLACED_CODE_SCRIPT,
      newCode: customer.codigoNuevo,
    });
  }

  const tcCodes: string[] = [];
  const known = new Set<string>();
  const unknown: string[] = [];
  for (const raw of customer.bloqueos) {
    const cls = classifyBlockCode(raw);
    if (cls.code === '') continue;
    // A code written twice (" z1 " and "Z1") is still one block: one step, named once.
    if (cls.kind === 'telecobranzas') {
      if (!tcCodes.includes(cls.code)) tcCodes.push(cls.code);
    } else if (cls.kind === 'unknown') {
      if (!unknown.includes(cls.code)) unknown.push(cls.code);
    } else known.add(cls.code);
  }

  for (const key of PRECEDENCE) {
    if (key === 'TC') {
      if (tcCodes.length === 0) continue;
      // Several collections codes are one collections case: one form, all codes in the title.
      const order = customer.pedidoAbierto;
      steps.push({
        type: 'block',
        codes: tcCodes,
        definition: TELECOBRANZAS_BLOCK,
        openOrder: order
          ? { id: order.id, status: order.status, script: openOrderScript(order.id, order.status) }
          : null,
      });
    } else if (key === 'UNKNOWN') {
      for (const code of unknown)
        steps.push({ type: 'unknown', codes: [code], script: unknownCodeScript(code) });
    } else if (known.has(key)) {
      steps.push({ type: 'block', codes: [key], definition: BLOCK_CATALOG[key], openOrder: null });
    }
  }
  return steps;
}

/** The block codes a step's forms carry: none for a replaced customer code. */
export function stepBlockCodes(step: PopupStep): string[] {
  return step.type === 'replaced' ? [] : step.codes;
}

/** Short name of a step (the step list, the customer card): "Z4", "Z1 · 2M", "Código 90000023". */
export function stepLabel(step: PopupStep): string {
  return step.type === 'replaced' ? `Código ${step.customerCode}` : step.codes.join(' · ');
}

/**
 * Dialog title. A block: "Bloqueo <CÓDIGO> — <título>" (the accessible name starts with "Bloqueo
 * <CÓDIGO>"). A replaced customer code says so, never "Bloqueo <customer code>".
 */
export function popupTitle(step: PopupStep): string {
  switch (step.type) {
    case 'replaced':
      return `Código de cliente ${step.customerCode} bloqueado — reemplazado por un código nuevo`;
    case 'unknown':
      return `Bloqueo ${step.codes.join(' · ')} — código desconocido`;
    case 'block':
      return `Bloqueo ${step.codes.join(' · ')} — ${step.definition.title}`;
  }
}
