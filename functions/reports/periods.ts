/**
 * Local times of a property, as the report schedule needs them: the instant a wall-clock time of a
 * property-local day happens (DST-aware), the day and the weekday an instant falls on, ISO weeks.
 * Pure, no clock of its own: every caller passes the instant.
 */
import { addDays, isoWeekOf, mondayOf } from '../tickets/ledger-review.ts';
import { localDay } from '../tickets/local-day.ts';

export { addDays, isoWeekOf, localDay, mondayOf };

/** Minutes the zone is ahead of UTC at `at` (Asia/Shanghai: 480; New York in winter: -300). */
function offsetMinutes(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(at / 1000) * 1000) / 60_000);
}

/**
 * The instant the property's clocks show `time` (HH:MM) on `day`. A time that a spring-forward skips
 * is read with the offset from before the jump (02:30 → 03:30), a time that a fall-back repeats is
 * its first occurrence.
 */
export function zonedInstant(day: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${day}T${time}:00Z`);
  // The zone's offset a day before and a day after: no zone changes its offset twice in two days.
  const candidates = [wall - 86_400_000, wall + 86_400_000].map(
    (probe) => wall - offsetMinutes(probe, timeZone) * 60_000,
  );
  const valid = candidates.filter((at) => wall - offsetMinutes(at, timeZone) * 60_000 === at);
  return new Date(valid.length ? Math.min(...valid) : candidates[0]!);
}

/** ISO weekday of a calendar day: Monday 1 … Sunday 7. */
export function weekdayOf(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}
