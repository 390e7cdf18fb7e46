import { describe, expect, it } from 'vitest';
import { latestPeriod, namedPeriod, defaultReportSettings as s } from '../../functions/reports/kinds.ts';
import { zonedInstant } from '../../functions/reports/periods.ts';

const latest = (kind: Parameters<typeof latestPeriod>[0], at: string, tz: string) =>
  latestPeriod(kind, new Date(at), tz, s).period;

describe('report periods in the property’s time zone', () => {
  it('New York: 17:10 is 21:10Z in summer time and 22:10Z after the clocks go back', () => {
    expect(zonedInstant('2026-10-31', '17:10', 'America/New_York').toISOString()).toBe(
      '2026-10-31T21:10:00.000Z',
    );
    expect(zonedInstant('2026-11-01', '17:10', 'America/New_York').toISOString()).toBe(
      '2026-11-01T22:10:00.000Z',
    );
    // The repeated hour is read as its first occurrence; a skipped time as the one after the jump.
    expect(zonedInstant('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    expect(zonedInstant('2027-03-14', '02:30', 'America/New_York').toISOString()).toBe(
      '2027-03-14T07:30:00.000Z',
    );
  });

  it('front desk in Shanghai: the 17:10 reconciliation of a day is the newest from 17:10 to 17:09 the next day', () => {
    expect(latest('repairs-daily', '2026-12-01T09:09:59Z', 'Asia/Shanghai')).toBe('2026-11-30');
    expect(latest('repairs-daily', '2026-12-01T09:10:00Z', 'Asia/Shanghai')).toBe('2026-12-01');
    expect(latest('repairs-daily', '2026-12-01T16:30:00Z', 'Asia/Shanghai')).toBe('2026-12-01');
  });

  it('property manager: a day’s complaint report is due from the property’s midnight, not UTC’s', () => {
    // 2026-12-01 16:00Z is midnight in Shanghai and still 11:00 on 1 December in New York.
    expect(latest('complaints-daily', '2026-12-01T15:59:00Z', 'Asia/Shanghai')).toBe('2026-11-30');
    expect(latest('complaints-daily', '2026-12-01T16:00:00Z', 'Asia/Shanghai')).toBe('2026-12-01');
    expect(latest('complaints-daily', '2026-12-01T16:00:00Z', 'America/New_York')).toBe('2026-11-30');
    expect(latest('complaints-daily', '2026-12-02T05:00:00Z', 'America/New_York')).toBe('2026-12-01');
  });

  it('property manager: the weekly summary of an ISO week comes on its Friday at 15:00', () => {
    // Friday 2026-12-04 15:00 in Shanghai is 07:00Z.
    expect(latest('repairs-weekly', '2026-12-04T06:59:00Z', 'Asia/Shanghai')).toBe('2026-W48');
    expect(latest('repairs-weekly', '2026-12-04T07:00:00Z', 'Asia/Shanghai')).toBe('2026-W49');
    expect(latest('repairs-weekly', '2026-12-06T15:00:00Z', 'Asia/Shanghai')).toBe('2026-W49');
    expect(namedPeriod('repairs-weekly', '2026-W49', 'Asia/Shanghai', s)).toMatchObject({
      from: '2026-11-30',
      to: '2026-12-04',
    });
    expect(namedPeriod('repairs-daily', '2026-02-30', 'Asia/Shanghai', s)).toBeUndefined();
  });
});
