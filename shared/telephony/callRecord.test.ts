import { describe, expect, it } from 'vitest';
import type { CallLogEntry } from './callLog';
import { callRecordOf, callRecordSchema } from './callRecord';

const entry = (overrides: Partial<CallLogEntry> = {}): CallLogEntry => ({
  id: 'abc123',
  direction: 'incoming',
  number: '+56944556677',
  label: '+56944556677',
  displayName: 'María',
  customerCode: '90000003',
  blockCodes: ['z1', '2M', 'Z1'],
  startedAt: Date.parse('2026-03-02T12:30:00Z'),
  answeredAt: Date.parse('2026-03-02T12:30:05Z'),
  endedAt: Date.parse('2026-03-02T12:35:05Z'),
  outcome: 'transferred-telecobranzas',
  transferTarget: '26939901',
  companion: false,
  consultFor: null,
  note: null,
  calledBackAt: null,
  callBackId: null,
  ...overrides,
});

describe('call upload record', () => {
  it('carries outcome, block codes popped, customer, times and transfer target', () => {
    const record = callRecordOf(entry())!;
    expect(record).toEqual({
      id: 'abc123',
      direction: 'incoming',
      number: '+56944556677',
      displayName: 'María',
      customerCode: '90000003',
      blockCodes: ['2M', 'Z1'],
      startedAt: '2026-03-02T12:30:00.000Z',
      answeredAt: '2026-03-02T12:30:05.000Z',
      endedAt: '2026-03-02T12:35:05.000Z',
      outcome: 'transferred-telecobranzas',
      transferTarget: '26939901',
      companion: false,
      callBackOf: null,
    });
    expect(callRecordSchema.parse(record)).toEqual(record);
  });

  it('is not uploaded while the call has no outcome', () => {
    expect(callRecordOf(entry({ outcome: null, endedAt: null }))).toBeNull();
  });

  it('refuses impossible times and poison text with a Spanish reason', () => {
    const record = callRecordOf(entry())!;
    const backwards = callRecordSchema.safeParse({ ...record, endedAt: '2026-03-02T12:00:00Z' });
    expect(backwards.success).toBe(false);
    expect(backwards.error?.issues[0]?.message).toBe('La llamada termina antes de empezar.');
    expect(callRecordSchema.safeParse({ ...record, displayName: 'a\u0000b' }).success).toBe(false);
    expect(callRecordSchema.safeParse({ ...record, displayName: 'a\uD800b' }).success).toBe(false);
    expect(callRecordSchema.safeParse({ ...record, displayName: 'Ana 😀' }).success).toBe(true);
  });
});
