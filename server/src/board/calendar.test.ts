import { afterAll, beforeAll, expect, it } from 'vitest';
import { chileanCalendar } from '../../../shared/calendar/chile';
import { describeEachBackend } from '../../test/db';
import type { Db } from '../db/types';
import { ensureBusinessDays } from './calendar';

describeEachBackend('business days in SQL', (backend) => {
  let db: Db;
  beforeAll(async () => {
    db = await backend.open();
    await ensureBusinessDays(db, chileanCalendar(), '2026-01-01', '2027-12-31');
  });
  afterAll(() => db.close());

  const between = async (a: string, b: string) =>
    (await db.query<{ n: number | null }>('SELECT board_business_days($1::date, $2::date) AS n', [a, b]))
      .rows[0]!.n;

  it('counts as shared/calendar does: holidays and weekends are not business days', async () => {
    // Friday 4 → Wednesday 9 December 2026: Monday 7 and Wednesday 9 (Tuesday 8 is a holiday).
    expect(await between('2026-12-04', '2026-12-09')).toBe(
      chileanCalendar().businessDaysBetween('2026-12-04', '2026-12-09'),
    );
    expect(await between('2026-12-04', '2026-12-09')).toBe(2);
    expect(await between('2026-12-09', '2026-12-09')).toBe(0);
    expect(await between('2026-12-09', '2026-12-04')).toBe(0);
    expect(await between('2026-12-04', '2030-01-01')).toBeNull();
  });

  it('rewrites only what changed when the holidays change (an operator’s extra holiday)', async () => {
    await ensureBusinessDays(
      db,
      chileanCalendar({ extraHolidays: { '2026-12-07': 'Cierre' } }),
      '2026-01-01',
      '2027-12-31',
    );
    expect(await between('2026-12-04', '2026-12-09')).toBe(1);
  });
});
