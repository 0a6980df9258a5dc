import { expect, it } from 'vitest';
import { splitRange } from './sql';
it('splits', () => {
  expect(splitRange('2025-07-03', '2026-07-02')).toEqual({
    months: ['2025-08-01', '2026-06-01'],
    days: [
      ['2025-07-03', '2025-07-31'],
      ['2026-07-01', '2026-07-02'],
    ],
  });
  expect(splitRange('2026-01-01', '2026-01-31')).toEqual({ months: ['2026-01-01', '2026-01-01'], days: [] });
  expect(splitRange('2026-01-05', '2026-01-20')).toEqual({
    months: null,
    days: [['2026-01-05', '2026-01-20']],
  });
  expect(splitRange('2026-01-31', '2026-03-01')).toEqual({
    months: ['2026-02-01', '2026-02-01'],
    days: [
      ['2026-01-31', '2026-01-31'],
      ['2026-03-01', '2026-03-01'],
    ],
  });
  expect(splitRange('2025-12-15', '2026-01-31')).toEqual({
    months: ['2026-01-01', '2026-01-01'],
    days: [['2025-12-15', '2025-12-31']],
  });
});
