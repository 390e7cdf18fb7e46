import { describe, expect, it } from 'vitest';
import { addDays, isoWeekOf, mondayOf } from '../../functions/tickets/ledger-review.ts';

describe('ISO weeks of the weekly ledger review', () => {
  it.each([
    ['2026-11-23', '2026-W48'],
    ['2026-11-22', '2026-W47'],
    ['2026-01-01', '2026-W01'],
    ['2024-12-30', '2025-W01'],
    ['2021-01-03', '2020-W53'],
    ['2027-01-03', '2026-W53'],
  ])('%s is in %s', (day, week) => {
    expect(isoWeekOf(day)).toBe(week);
  });

  it('every day of a week maps back to the week its Monday starts', () => {
    for (let i = 0; i < 800; i++) {
      const day = addDays('2024-12-01', i);
      const monday = mondayOf(isoWeekOf(day));
      expect(monday <= day && day < addDays(monday, 7), day).toBe(true);
      expect(new Date(`${monday}T00:00:00Z`).getUTCDay()).toBe(1);
    }
  });
});
