import { z } from 'zod';
import type { MainApiMethod } from './contract';

const secretKey = z.string().regex(/^[a-z][a-z0-9.-]{0,63}$/);
const shortText = (max: number) => z.string().max(max);
const count = z.number().int().min(0).max(10_000_000);
const isoDate = z.string().max(40).nullable();

const callPhase = z.enum(['ringing', 'connecting', 'active', 'held', 'ended']);
const lineStatus = z.enum(['idle', 'connecting', 'online', 'offline', 'rejected']);
const callId = z.string().min(1).max(200);

export const SHELL_STATE_SCHEMA = z.strictObject({
  line: lineStatus,
  lineLabel: shortText(120),
  queuedForms: count,
  inCall: z.boolean(),
});

export const POP_CARD_SCHEMA = z.strictObject({
  callId,
  phase: callPhase,
  callerLabel: shortText(80),
  customerName: shortText(200).nullable(),
  customerCode: shortText(40).nullable(),
  blocks: z.array(shortText(120)).max(20),
  candidates: count,
  identified: z.boolean(),
  canAnswer: z.boolean(),
  canTransfer: z.boolean(),
  transferQueuesForm: z.boolean(),
  notice: shortText(300).nullable(),
});

export const POP_ACTION_SCHEMA = z.strictObject({
  callId,
  action: z.enum(['answer', 'reject', 'transfer']),
});

export const DESKTOP_SETTINGS_PATCH_SCHEMA = z.strictObject({
  popShortcut: shortText(100).optional(),
  startAtLogin: z.boolean().optional(),
});

export const DIAGNOSTIC_FACTS_SCHEMA = z.strictObject({
  line: z.strictObject({
    status: shortText(40),
    label: shortText(200),
    server: shortText(500).nullable(),
    extension: shortText(200).nullable(),
  }),
  liveCalls: count,
  queue: z.strictObject({ pending: count, rejected: count, oldestPendingAt: isoDate }),
  directory: z.strictObject({
    customers: count.nullable(),
    syncedAt: isoDate,
    updatedAt: isoDate,
    source: shortText(40).nullable(),
  }),
  backOffice: z.strictObject({
    url: shortText(500).nullable(),
    reachability: shortText(40),
    signedIn: z.boolean(),
  }),
  userAgent: shortText(500),
});

/** Argument tuples main validates before any handler runs: a compromised renderer gets nothing else. */
export const MAIN_ARG_SCHEMAS = {
  getAppInfo: z.tuple([]),
  secretSet: z.tuple([secretKey, z.string().max(8192)]),
  secretGet: z.tuple([secretKey]),
  secretDelete: z.tuple([secretKey]),
  log: z.tuple([
    z.enum(['debug', 'info', 'warn', 'error']),
    z.string().max(2000),
    z
      .record(z.string().max(64), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
      .refine((fields) => Object.keys(fields).length <= 50, 'too many log fields'),
  ]),
  reportShellState: z.tuple([SHELL_STATE_SCHEMA]),
  popShow: z.tuple([POP_CARD_SCHEMA]),
  popHide: z.tuple([callId]),
  popCurrent: z.tuple([]),
  popAct: z.tuple([POP_ACTION_SCHEMA]),
  popOpenMain: z.tuple([]),
  popDismiss: z.tuple([callId]),
  desktopSettingsGet: z.tuple([]),
  desktopSettingsSet: z.tuple([DESKTOP_SETTINGS_PATCH_SCHEMA]),
  updateStatus: z.tuple([]),
  updateInstall: z.tuple([]),
  diagnosticCopy: z.tuple([DIAGNOSTIC_FACTS_SCHEMA]),
} as const satisfies Record<MainApiMethod, z.ZodType>;
