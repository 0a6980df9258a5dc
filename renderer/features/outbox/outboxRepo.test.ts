// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../db/db';
import { loadDraft, queueSubmission, recentEntries, saveDraft } from './outboxRepo';

const goodValues = {
  contactName: 'María Pérez',
  rut: '12.345.678-5',
  contactPhone: '+56 9 1234 5678',
  contactEmail: '',
  contactSchedule: '',
  observations: '',
};

describe('outbox repository', () => {
  beforeEach(async () => {
    await db.outbox.clear();
    await db.drafts.clear();
  });

  it('queues a form as "pendiente" and drops its draft in the same step', async () => {
    await saveDraft('100|telecobranzas|', goodValues);
    const entry = await queueSubmission(
      { formId: 'telecobranzas', customerCode: '100', customerName: 'María', blockCodes: ['Z1'], agent: 'ana', values: goodValues },
      '100|telecobranzas|',
    );
    expect(entry.status).toBe('pendiente');
    expect(entry.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await loadDraft('100|telecobranzas|')).toBeNull();
    const listed = await recentEntries();
    expect(listed.map((e) => e.id)).toEqual([entry.id]);
    expect(listed[0]?.submission.values.contactName).toBe('María Pérez');
  });

  it('refuses an invalid form and keeps the draft the agent typed', async () => {
    const bad = { ...goodValues, rut: '12.345.678-9' };
    await saveDraft('100|telecobranzas|', bad);
    await expect(
      queueSubmission(
        { formId: 'telecobranzas', customerCode: '100', customerName: 'María', blockCodes: ['Z1'], agent: 'ana', values: bad },
        '100|telecobranzas|',
      ),
    ).rejects.toThrow();
    expect(await loadDraft('100|telecobranzas|')).toEqual(bad);
    expect(await db.outbox.count()).toBe(0);
  });
});
