/**
 * A back-office procedure as data: its steps, the case roles acting at each, the data each step
 * records, the branches out of it, its deadline, the mails it prepares and its end states. The
 * server's case engine runs cases of it (`machine.ts` turns it into a statechart), the screens
 * render its step forms, `bpmn.ts` draws it. Nothing here runs on its own.
 */
import type { FieldKind } from '../forms/fields';
import type { CaseRole } from './roles';

export type ProcedureId = 'zb' | 'anulacion';

/** Kinds of input a step records: the form field kinds, plus a choice from a list. */
export type CaseFieldKind = FieldKind | 'select';

export interface CaseField {
  name: string;
  label: string;
  kind: CaseFieldKind;
  required: boolean;
  maxLength: number;
  hint?: string;
  /** `select` only. */
  options?: ReadonlyArray<{ value: string; label: string }>;
  /** Case data key whose value pre-fills the field (what the agent's form or an earlier step recorded). */
  prefill?: string;
  /** `date` only: not before today where the contact center is. */
  notInPast?: boolean;
}

/** A check across fields of one action, with its Spanish message. */
export type FieldCheck = { kind: 'distinct'; fields: readonly [string, string]; message: string };

/**
 * Named conditions on a case (statechart guards): the server evaluates them on the case's facts.
 * - regionalCustomer: the customer's region (directory) is outside the Región Metropolitana.
 * - customerHasEmail / customerWithoutEmail: an e-mail for the customer is on the case.
 */
export type ConditionId = 'regionalCustomer' | 'customerHasEmail' | 'customerWithoutEmail';

/** How long a step may take, in the contact center's business calendar (Chilean holidays). */
export type Deadline =
  | { kind: 'businessHours'; hours: number }
  | { kind: 'businessDays'; days: number }
  /** "en el día": the end of working hours of the business day it arrived (next one after hours). */
  | { kind: 'endOfBusinessDay' }
  /** "antes de finalizar el mes": end of the month's last business day. */
  | { kind: 'endOfMonth' };

export type ActionTarget = { step: string } | { end: string } | { stay: true };

export interface MailRule {
  template: string;
  /** Sent only when this condition holds when the action is taken. */
  when?: ConditionId;
  /** Recorded in the case's history when `when` does not hold (why no mail went). */
  otherwiseNote?: string;
}

export interface ActionDefinition {
  id: string;
  /** Button text (Spanish, imperative or outcome). */
  label: string;
  description?: string;
  /** Who may take it; the step's roles when absent. */
  roles?: readonly CaseRole[];
  fields: readonly CaseField[];
  checks?: readonly FieldCheck[];
  target: ActionTarget;
  mails?: readonly MailRule[];
  /** Staying actions (an update) restart the step's deadline unless this is false. */
  restartsDeadline?: boolean;
}

export interface StepDefinition {
  id: string;
  /** Reference in the seed procedure ("Paso 1", "3.1"). */
  ref: string;
  title: string;
  roles: readonly CaseRole[];
  /** What to do, as the seed says it (Spanish). */
  instructions: readonly string[];
  deadline?: Deadline;
  /** Shown when the deadline passes (e.g. the prepared mail to send). */
  overdueHint?: string;
  actions: readonly ActionDefinition[];
}

/** Where the indicator of seed 003 counts an ended case. */
export type IndicatorOutcome = 'no_anulada' | 'anulada';

export interface EndStateDefinition {
  id: string;
  label: string;
  /** For the screens' colour: solved, not solved, neither. */
  tone: 'positive' | 'negative' | 'neutral';
  indicator?: IndicatorOutcome;
  /** Exported to Facturación (zonificación). */
  billingExport?: boolean;
}

/** Who a mail goes to: a configurable mailbox, or an address recorded on the case. */
export type MailRecipient = { mailbox: MailboxKey } | { caseField: string };

export interface MailTemplate {
  id: string;
  title: string;
  to: readonly MailRecipient[];
  cc: readonly MailRecipient[];
  /** `{{name}}` placeholders: case data, customer, case number, actor (see `mail.ts`). */
  subject: string;
  body: readonly string[];
}

/** How a case comes into being. */
export interface OpeningDefinition {
  id: string;
  label: string;
  /** `form`: an agent's pop-up form of these ids opens it. `manual`: a back-office user does. */
  source: 'form' | 'manual';
  formIds?: readonly string[];
  roles?: readonly CaseRole[];
  fields: readonly CaseField[];
  target: { step: string };
}

export interface ProcedureDefinition {
  id: ProcedureId;
  /** Code of the procedure as the company knows it. */
  code: string;
  title: string;
  summary: string;
  /** Which case datum identifies the case: one open case per procedure and subject. */
  subject: { field: string; label: string };
  openings: readonly OpeningDefinition[];
  steps: Readonly<Record<string, StepDefinition>>;
  endStates: Readonly<Record<string, EndStateDefinition>>;
  mails: Readonly<Record<string, MailTemplate>>;
}

/** Mailboxes a procedure writes to; the addresses are the server's configuration. */
export const MAILBOXES = {
  supervisor_rrss: 'Supervisor de RRSS',
  jefe_servicio: 'Jefe de Servicio',
  mesa_clientes: 'Mesa de Clientes',
  contact_center: 'Contact Center',
  supervisores_abastible: 'Supervisores Abastible',
  cc_emergencia: 'C.C. Emergencia',
  despacho_emergencia: 'Despacho Emergencia',
  facturacion: 'Div. Facturación',
} as const;

export type MailboxKey = keyof typeof MAILBOXES;
export const MAILBOX_KEYS = Object.keys(MAILBOXES) as MailboxKey[];
