import type { FormId } from './fields';
import type { SupervisorReason } from './submission';

/** A case taken for this customer in the last hours counts as the same case (seed 000: "ya le tomaron los datos"). */
export const DUPLICATE_WINDOW_HOURS = 12;

/** Where the app knows a case from. */
export type CaseSource = 'este-equipo' | 'central';

/** A form already taken for a customer: enough to recognise it and say where it stands. */
export interface RecentCase {
  id: string;
  formId: FormId;
  customerCode: string;
  blockCodes: string[];
  supervisorReason: SupervisorReason | null;
  /** When the agent wrote it (ISO). */
  createdAt: string;
  /**
   * pendiente: queued on this workstation; rechazado: refused by the back office; recibido: the
   * back office has it (its mail may still be on the way); enviado: the area's mail went out.
   */
  status: 'pendiente' | 'rechazado' | 'recibido' | 'enviado';
  source: CaseSource;
  /** Who took it, when the back office says (display name). */
  agentName: string | null;
  ticket: { id: string; dueDate: string } | null;
}

/** What a new form would be: its kind, its block codes, and why it goes to the supervisor. */
export interface CaseKey {
  formId: FormId;
  blockCodes: readonly string[];
  supervisorReason?: SupervisorReason | null;
}

function sameBlocks(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return a.length === 0 && b.length === 0;
  return a.some((code) => b.includes(code));
}

/**
 * The recent cases a new form of `key` would repeat: same form, same block (any shared code:
 * several collections codes are one case), same supervisor reason, written within the window.
 * A rejected form never reached anyone and a note is not a case, so neither counts. Newest first,
 * each case once (the back office's word wins over this workstation's copy of the same form).
 */
export function duplicatesOf(
  key: CaseKey,
  cases: readonly RecentCase[],
  now: number,
  windowHours = DUPLICATE_WINDOW_HOURS,
): RecentCase[] {
  const since = now - windowHours * 3_600_000;
  const byId = new Map<string, RecentCase>();
  for (const c of cases) {
    if (c.formId !== key.formId || c.formId === 'nota' || c.status === 'rechazado') continue;
    if ((c.supervisorReason ?? null) !== (key.supervisorReason ?? null)) continue;
    if (!sameBlocks(c.blockCodes, key.blockCodes) || Date.parse(c.createdAt) < since) continue;
    const known = byId.get(c.id);
    if (!known || (known.source === 'este-equipo' && c.source === 'central')) byId.set(c.id, c);
  }
  return [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
