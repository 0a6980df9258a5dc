import type { GuidanceChannel } from '../../../../shared/requirements/guidance';
import type { TypologyLeaf } from '../../../../shared/requirements/typology';

/** Where a leaf that is not a ticket sends the case, in the agent's words. */
export const CHANNEL_LABEL: Record<GuidanceChannel, string> = {
  'sucursal-virtual': 'Sucursal Virtual',
  'aviso-emergencia': 'aviso de emergencia',
  'formulario-web': 'formulario web',
  'atraso-entrega': 'atraso en la entrega',
  'no-usar': 'no usar',
};

/** "Ticket" or "No es ticket: Sucursal Virtual": the tag every leaf carries in lists. */
export function outcomeTag(leaf: TypologyLeaf): { text: string; ticket: boolean } {
  return leaf.outcome.kind === 'ticket'
    ? { text: 'Ticket', ticket: true }
    : { text: `No es ticket: ${CHANNEL_LABEL[leaf.outcome.guidance.channel]}`, ticket: false };
}

export function OutcomeTag({ leaf }: { leaf: TypologyLeaf }) {
  const tag = outcomeTag(leaf);
  return <span className={`tag ${tag.ticket ? 'tag--ticket' : 'tag--guidance'}`}>{tag.text}</span>;
}
