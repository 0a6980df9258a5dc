import { AREAS, type AreaId } from '../../../shared/blocks/areas';
import type { Customer } from '../../../shared/directory/customer';
import { FORMS } from '../../../shared/forms/fields';
import { SUPERVISOR_REASONS, type FormSubmission } from '../../../shared/forms/submission';
import { displayRut, canonicalRut } from '../../../shared/validation/rut';
import { normalizeChileanPhone } from '../../../shared/validation/phone';
import type { TicketSummary } from '../../../shared/tickets/ticketHistory';
import { leafById, leafPath } from '../../../shared/requirements/typology';
import { cutText } from '../../../shared/text/storable';

export interface MailAgent {
  username: string;
  displayName: string;
}

export interface ComposedMail {
  subject: string;
  body: string;
}

export interface ComposeInput {
  submission: FormSubmission;
  areaId: string;
  agent: MailAgent;
  /** The directory record, when the back office has it. */
  customer: Customer | null;
  ticket?: TicketSummary | null;
  timeZone: string;
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/**
 * Header-safe: no line breaks or control characters. Every value the agent or the directory
 * supplies goes through this before it lands on a "Label: value" line, so a value cannot start a
 * line of its own that looks like one of ours ("RUT: …", "Agente: …").
 */
function oneLine(text: string): string {
  return text.replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
}

/** A multi-line text (observations) as an indented block: its lines never start at a label's column. */
function block(text: string): string[] {
  return text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((line) => oneLine(line))
    .filter((line) => line !== '')
    .map((line) => `    ${line}`);
}

// Building an Intl formatter costs far more than using one: one per zone, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatDate(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('es-CL', { timeZone, dateStyle: 'short', timeStyle: 'short' });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(date);
}

function areaName(areaId: string): string {
  return areaId in AREAS ? AREAS[areaId as AreaId].name : areaId;
}

function phonesOf(submission: FormSubmission, customer: Customer | null): string[] {
  const phones: string[] = [];
  for (const raw of [
    submission.values.contactPhone,
    submission.values.altPhone,
    ...(customer?.telefonos ?? []),
  ]) {
    if (!raw) continue;
    const phone = normalizeChileanPhone(raw) ?? raw.trim();
    if (phone && !phones.includes(phone)) phones.push(phone);
  }
  return phones;
}

/** Spanish mail for the responsible area: who the customer is, what was asked, who took it. */
export function composeFormMail(input: ComposeInput): ComposedMail {
  const { submission, customer, agent } = input;
  const form = FORMS[submission.formId];
  const codes = submission.blockCodes.join(', ') || '—';
  const name = customer?.nombre || submission.customerName || submission.values.contactName || '';
  const rutSource = submission.values.rut || customer?.rut || '';
  const rut = rutSource ? displayRut(canonicalRut(rutSource) ?? rutSource) : '—';
  const phones = phonesOf(submission, customer);
  const leaf = submission.requirement ? leafById(submission.requirement.typeId) : undefined;
  const what = leaf ? `${form.title} «${leaf.label}»` : form.title;

  // Cut by code point: a name ending in an emoji at the limit must not leave half of it behind.
  const subject = cutText(
    oneLine(`[Companion] ${what} — Cliente ${submission.customerCode} ${name} — Bloqueo ${codes}`),
    250,
  );
  const line = (label: string, value: string) => `${label}: ${oneLine(value)}`;

  const lines: string[] = [];
  lines.push(line('Área responsable', areaName(input.areaId)));
  lines.push(line('Formulario', form.title));
  if (leaf) lines.push(line('Requerimiento', leafPath(leaf)));
  lines.push(line('Bloqueo', codes));
  if (submission.supervisorReason)
    lines.push(line('Motivo', SUPERVISOR_REASONS[submission.supervisorReason]));
  lines.push('');
  lines.push('CLIENTE');
  lines.push(line('  Código', submission.customerCode));
  lines.push(line('  Nombre', name || '—'));
  lines.push(line('  RUT', rut));
  lines.push(line('  Teléfonos', phones.join(' / ') || '—'));
  if (customer) {
    const address = [`${customer.calle} ${customer.numero}`.trim(), customer.comuna, customer.region]
      .filter(Boolean)
      .join(', ');
    if (address) lines.push(line('  Dirección', address));
    if (customer.email) lines.push(line('  Correo', customer.email));
  }
  lines.push('');
  lines.push('DATOS DEL FORMULARIO');
  for (const field of form.fields) {
    const value = submission.values[field.name]?.trim() ?? '';
    if (field.kind === 'textarea' && /[\r\n\u2028\u2029]/.test(value)) {
      lines.push(`  ${field.label}:`, ...block(value));
    } else lines.push(line(`  ${field.label}`, value || '—'));
  }
  const walkthrough = submission.requirement?.walkthrough;
  if (walkthrough) {
    lines.push(line('  Pasos realizados', walkthrough.steps.join(', ')));
    lines.push(line('  Correo indicado al cliente', walkthrough.mailboxGiven));
  }
  const context = submission.context;
  const earlier = submission.requirement?.relatedTicketId;
  if (
    earlier ||
    (context && (context.ticketId || context.orderId || context.callId || context.relatedFormId))
  ) {
    lines.push('');
    lines.push('RELACIONADO');
    if (earlier) lines.push(line('  Ticket anterior', earlier));
    if (context?.relatedFormId) lines.push(line('  Nota al formulario', context.relatedFormId));
    if (context?.ticketId) lines.push(line('  Ticket', context.ticketId));
    if (context?.orderId) lines.push(line('  Pedido', context.orderId));
    if (context?.callId) lines.push(line('  Llamada', context.callId));
  }
  if (input.ticket) {
    lines.push('');
    lines.push(oneLine(`TICKET POSTVENTA ${input.ticket.id}`));
    lines.push(line('  Tipificación', leafPath(input.ticket.typology)));
    lines.push(line('  Fecha de resolución', input.ticket.dueDate));
  }
  lines.push('');
  lines.push(
    line(
      'Agente',
      `${agent.displayName} (${agent.username})${submission.agent !== agent.username ? ` — registrado en la app como «${submission.agent}»` : ''}`,
    ),
  );
  lines.push(line('Registrado', `${formatDate(submission.createdAt, input.timeZone)} (hora de Chile)`));
  lines.push(line('Id del formulario', submission.id));
  lines.push('');
  lines.push('Correo automático de Companion. Responda a esta área, no a esta dirección.');
  return { subject, body: lines.join('\n') };
}

/** The same id for every attempt of one mail: a mailbox that receives it twice can tell. */
export function messageIdFor(formId: string, routeKey: string, domain: string): string {
  return `<form-${formId}.${routeKey.toLowerCase()}@${domain}>`;
}
