import { AREAS, type AreaId } from '../../../shared/blocks/areas';
import type { Customer } from '../../../shared/directory/customer';
import { FORMS } from '../../../shared/forms/fields';
import { SUPERVISOR_REASONS, type FormSubmission } from '../../../shared/forms/submission';
import { displayRut, canonicalRut } from '../../../shared/validation/rut';
import { normalizeChileanPhone } from '../../../shared/validation/phone';
import type { TicketSummary } from '../../../shared/tickets/ticketHistory';

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

/** Header-safe: no line breaks or control characters in a subject. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const controls = /[\u0000-\u001f\u007f]+/g;
  return text.replace(controls, ' ').replace(/\s+/g, ' ').trim();
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

  const subject = oneLine(
    `[Companion] ${form.title} — Cliente ${submission.customerCode} ${name} — Bloqueo ${codes}`,
  ).slice(0, 250);

  const lines: string[] = [];
  lines.push(`Área responsable: ${areaName(input.areaId)}`);
  lines.push(`Formulario: ${form.title}`);
  lines.push(`Bloqueo: ${codes}`);
  if (submission.supervisorReason) lines.push(`Motivo: ${SUPERVISOR_REASONS[submission.supervisorReason]}`);
  lines.push('');
  lines.push('CLIENTE');
  lines.push(`  Código: ${submission.customerCode}`);
  lines.push(`  Nombre: ${name || '—'}`);
  lines.push(`  RUT: ${rut}`);
  lines.push(`  Teléfonos: ${phones.join(' / ') || '—'}`);
  if (customer) {
    const address = [`${customer.calle} ${customer.numero}`.trim(), customer.comuna, customer.region]
      .filter(Boolean)
      .join(', ');
    if (address) lines.push(`  Dirección: ${address}`);
    if (customer.email) lines.push(`  Correo: ${customer.email}`);
  }
  lines.push('');
  lines.push('DATOS DEL FORMULARIO');
  for (const field of form.fields) {
    const value = submission.values[field.name]?.trim();
    lines.push(`  ${field.label}: ${value || '—'}`);
  }
  const context = submission.context;
  if (context && (context.ticketId || context.orderId || context.callId || context.relatedFormId)) {
    lines.push('');
    lines.push('RELACIONADO');
    if (context.relatedFormId) lines.push(`  Nota al formulario: ${context.relatedFormId}`);
    if (context.ticketId) lines.push(`  Ticket: ${context.ticketId}`);
    if (context.orderId) lines.push(`  Pedido: ${context.orderId}`);
    if (context.callId) lines.push(`  Llamada: ${context.callId}`);
  }
  if (input.ticket) {
    lines.push('');
    lines.push(`TICKET POSTVENTA ${input.ticket.id}`);
    const t = input.ticket.typology;
    lines.push(`  Tipificación: ${t.asunto} / ${t.item} / ${t.subitem}`);
    lines.push(`  Fecha de resolución: ${input.ticket.dueDate}`);
  }
  lines.push('');
  lines.push(
    `Agente: ${agent.displayName} (${agent.username})${submission.agent !== agent.username ? ` — registrado en la app como «${submission.agent}»` : ''}`,
  );
  lines.push(`Registrado: ${formatDate(submission.createdAt, input.timeZone)} (hora de Chile)`);
  lines.push(`Id del formulario: ${submission.id}`);
  lines.push('');
  lines.push('Correo automático de Companion. Responda a esta área, no a esta dirección.');
  return { subject, body: lines.join('\n') };
}

/** The same id for every attempt of one mail: a mailbox that receives it twice can tell. */
export function messageIdFor(formId: string, routeKey: string, domain: string): string {
  return `<form-${formId}.${routeKey.toLowerCase()}@${domain}>`;
}
