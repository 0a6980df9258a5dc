/**
 * The prepared mails of a procedure, filled in from a case. Pure: the server queues what this
 * renders, and the screens show the same text before the user sends it.
 */
import type { MailboxKey, MailTemplate } from './types';

export interface RenderedMail {
  to: string[];
  cc: string[];
  subject: string;
  body: string;
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
const EMPTY = '—';

/** Header-safe and single-line: no line breaks or control characters. */
function oneLine(text: string): string {
  return text
    .replace(CONTROLS, ' ')
    .replace(/[\r\n]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cuts by code point (never inside a surrogate pair). */
export function cutText(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

/**
 * One line of a template. A value inside a line is put on that line (its line breaks become
 * spaces, so a value cannot forge a "Para:" line); a line that is only one placeholder keeps the
 * value's lines, and disappears when the value is empty.
 */
function renderLine(line: string, vars: Readonly<Record<string, string>>): string | null {
  const only = /^\{\{(\w+)\}\}$/.exec(line.trim());
  if (only) {
    const value = (vars[only[1]!] ?? '').replace(CONTROLS, '').trim();
    return value === '' ? null : value;
  }
  return line.replace(PLACEHOLDER, (_match, name: string) => oneLine(vars[name] ?? '') || EMPTY);
}

export function renderText(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (_match, name: string) => oneLine(vars[name] ?? '') || EMPTY);
}

export type Mailboxes = Readonly<Partial<Record<MailboxKey, readonly string[]>>>;

function recipients(
  list: MailTemplate['to'],
  mailboxes: Mailboxes,
  data: Readonly<Record<string, string>>,
): string[] {
  const out: string[] = [];
  for (const recipient of list) {
    const addresses =
      'mailbox' in recipient ? (mailboxes[recipient.mailbox] ?? []) : [data[recipient.caseField] ?? ''];
    for (const address of addresses) {
      const clean = address.trim().toLowerCase();
      if (clean && !out.includes(clean)) out.push(clean);
    }
  }
  return out;
}

/** The mail `template` says, for this case: recipients from the configured mailboxes and the case. */
export function renderMail(
  template: MailTemplate,
  vars: Readonly<Record<string, string>>,
  mailboxes: Mailboxes,
): RenderedMail {
  const to = recipients(template.to, mailboxes, vars);
  const cc = recipients(template.cc, mailboxes, vars).filter((address) => !to.includes(address));
  const body = template.body
    .map((line) => renderLine(line, vars))
    .filter((line): line is string => line !== null)
    .join('\n');
  return {
    to,
    cc,
    subject: cutText(oneLine(renderText(template.subject, vars)), 250),
    body: `${body}\n\nCorreo automático de Companion.`,
  };
}
