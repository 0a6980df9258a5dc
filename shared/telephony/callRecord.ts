/**
 * A finished call as the desk uploads it to the back office (one contract: the desk's outbox builds
 * it, the server validates it with this very schema). The id is the desk's call id, and the
 * server keeps one row per (agent, id): a call uploaded twice is stored once.
 */
import { z } from 'zod';
import { normalizeBlockCode } from '../blocks/codes';
import { storableString } from '../text/storable';
import { plausibleTimestamp } from '../validation/dates';
import type { CallLogEntry, CallLogOutcome } from './callLog';

export const CALL_RECORD_OUTCOMES = [
  'answered',
  'missed',
  'rejected',
  'answered-elsewhere',
  'transferred',
  'transferred-telecobranzas',
  'failed',
  'interrupted',
] as const satisfies readonly CallLogOutcome[];

/** Storable text (no NUL, no lone surrogate: PostgreSQL refuses them, and no person typed them). */
const cleanText = (max: number) => storableString().max(max);

/** With its offset, and a date a call could really have (2000–2099, on the calendar). */
const instant = plausibleTimestamp();

export const callRecordSchema = z
  .strictObject({
    id: cleanText(256).min(1),
    direction: z.enum(['incoming', 'outgoing']),
    number: cleanText(32).nullable(),
    displayName: cleanText(120).nullable(),
    customerCode: cleanText(20).nullable(),
    /** Block codes of the customer popped during the call (sorted, each once). */
    blockCodes: z
      .array(cleanText(4).min(1))
      .max(20)
      .transform((codes) => [...new Set(codes.map(normalizeBlockCode))].sort()),
    startedAt: instant,
    answeredAt: instant.nullable(),
    endedAt: instant,
    outcome: z.enum(CALL_RECORD_OUTCOMES),
    transferTarget: cleanText(64).nullable(),
    companion: z.boolean(),
    /** "Devolver llamada": the missed call this outgoing call returned. */
    callBackOf: cleanText(256).nullable(),
  })
  .superRefine((call, ctx) => {
    const start = Date.parse(call.startedAt);
    if (Date.parse(call.endedAt) < start)
      ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'La llamada termina antes de empezar.' });
    if (call.answeredAt !== null && Date.parse(call.answeredAt) < start)
      ctx.addIssue({ code: 'custom', path: ['answeredAt'], message: 'Contestada antes de empezar.' });
  })
  .meta({ id: 'CallRecord' });

export type CallRecord = z.output<typeof callRecordSchema>;

/** The upload of a logged call; null while it has no outcome (in progress, or the app closed in it). */
export function callRecordOf(entry: CallLogEntry): CallRecord | null {
  if (entry.outcome === null) return null;
  const iso = (at: number) => new Date(at).toISOString();
  return {
    id: entry.id,
    direction: entry.direction,
    number: entry.number ?? (entry.direction === 'outgoing' ? entry.label : null),
    displayName: entry.displayName,
    customerCode: entry.customerCode,
    blockCodes: [...new Set(entry.blockCodes.map(normalizeBlockCode))].sort(),
    startedAt: iso(entry.startedAt),
    answeredAt: entry.answeredAt === null ? null : iso(entry.answeredAt),
    // A call without an end time ended when the app last saw it: its start.
    endedAt: iso(entry.endedAt ?? entry.startedAt),
    outcome: entry.outcome,
    transferTarget: entry.transferTarget,
    companion: entry.companion,
    callBackOf: entry.callBackOf ?? null,
  };
}
