/**
 * An SLA clock for one target (e.g. "reply within 72 h"), with pauses while the ticket waits for the
 * household. The state is plain JSON (ISO strings, numbers) and is stored on the ticket.
 *
 * - `mode: 'calendar'`: every minute counts; `mode: 'working'`: only minutes inside the calendar's
 *   working periods count (see calendar.ts).
 * - `pausedMinutes` is the time already spent paused, in the clock's own unit (working minutes for a
 *   working clock). The due time is the instant at which `targetMinutes + pausedMinutes` have passed
 *   since `startedAt`, so resuming pushes the due time out by exactly the paused (working) time.
 * - While paused (`pausedAt` set) the clock is frozen: elapsed time stays what it was at `pausedAt`, and
 *   the due and warning times are unknown (`null`) until it resumes.
 */
import * as z from 'zod/mini';
import { addCalendarTime, addWorkingTime, type WorkCalendar, workingMinutesBetween } from './calendar.ts';

export const clockModes = ['calendar', 'working'] as const;
export type ClockMode = (typeof clockModes)[number];

export const slaClockSchema = z.strictObject({
  mode: z.enum(clockModes),
  targetMinutes: z.number().check(z.gte(0)),
  /** ISO 8601 instant. */
  startedAt: z.iso.datetime({ offset: true }),
  pausedAt: z.optional(z.iso.datetime({ offset: true })),
  pausedMinutes: z.number().check(z.gte(0)),
});
export type SlaClock = z.infer<typeof slaClockSchema>;

const MINUTE = 60_000;

const toDate = (at: Date | string): Date => {
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) throw new RangeError(`Invalid date: ${String(at)}`);
  return d;
};

/** A running clock from `startedAt`. */
export function startClock(mode: ClockMode, targetMinutes: number, startedAt: Date | string): SlaClock {
  if (!Number.isFinite(targetMinutes) || targetMinutes < 0) {
    throw new RangeError(`Not a target: ${targetMinutes}`);
  }
  return { mode, targetMinutes, startedAt: toDate(startedAt).toISOString(), pausedMinutes: 0 };
}

/**
 * A calendar clock whose due time is an agreed instant (an inquiry answered "by Thursday 15:00"): the
 * target is the agreed time itself. An agreed time before the start gives a clock already due.
 */
export function clockUntil(startedAt: Date | string, agreedAt: Date | string): SlaClock {
  const start = toDate(startedAt);
  const minutes = Math.max(0, (toDate(agreedAt).getTime() - start.getTime()) / MINUTE);
  return startClock('calendar', minutes, start);
}

/** Minutes (in the clock's unit) in `[from, to)`. */
function measure(calendar: WorkCalendar, mode: ClockMode, from: Date, to: Date): number {
  return mode === 'working'
    ? workingMinutesBetween(calendar, from, to)
    : (to.getTime() - from.getTime()) / MINUTE;
}

function advance(calendar: WorkCalendar, mode: ClockMode, from: Date, minutes: number): Date {
  return mode === 'working' ? addWorkingTime(calendar, from, minutes) : addCalendarTime(from, minutes);
}

/** Pause at `at`. Pausing a paused clock changes nothing (the first pause stands). */
export function pause(clock: SlaClock, at: Date | string): SlaClock {
  if (clock.pausedAt) return clock;
  const when = toDate(at);
  if (when.getTime() < toDate(clock.startedAt).getTime()) {
    throw new RangeError('A clock cannot pause before it starts');
  }
  return { ...clock, pausedAt: when.toISOString() };
}

/** Resume at `at`, adding the paused time (working minutes for a working clock). No-op if running. */
export function resume(calendar: WorkCalendar, clock: SlaClock, at: Date | string): SlaClock {
  if (!clock.pausedAt) return clock;
  const from = toDate(clock.pausedAt);
  const when = toDate(at);
  if (when.getTime() < from.getTime()) throw new RangeError('A clock cannot resume before its pause');
  const { pausedAt: _, ...running } = clock;
  return { ...running, pausedMinutes: clock.pausedMinutes + measure(calendar, clock.mode, from, when) };
}

/** The due time; `null` while paused. */
export function dueAt(calendar: WorkCalendar, clock: SlaClock): Date | null {
  return warningAt(calendar, clock, 1);
}

/** When `fraction` of the target has elapsed (default 80 %); `null` while paused. */
export function warningAt(calendar: WorkCalendar, clock: SlaClock, fraction = 0.8): Date | null {
  if (clock.pausedAt) return null;
  if (!(fraction >= 0)) throw new RangeError(`Not a fraction: ${fraction}`);
  return advance(
    calendar,
    clock.mode,
    toDate(clock.startedAt),
    clock.targetMinutes * fraction + clock.pausedMinutes,
  );
}

/** Minutes (in the clock's unit) counted against the target at `now`: paused time excluded, ≥ 0. */
export function elapsedMinutes(calendar: WorkCalendar, clock: SlaClock, now: Date | string): number {
  const start = toDate(clock.startedAt);
  let until = toDate(now);
  if (clock.pausedAt && toDate(clock.pausedAt).getTime() < until.getTime()) until = toDate(clock.pausedAt);
  if (until.getTime() <= start.getTime()) return 0;
  return Math.max(0, measure(calendar, clock.mode, start, until) - clock.pausedMinutes);
}

/** Minutes left before the due time at `now` (negative once breached); frozen while paused. */
export function remainingMinutes(calendar: WorkCalendar, clock: SlaClock, now: Date | string): number {
  return clock.targetMinutes - elapsedMinutes(calendar, clock, now);
}

/** Share of the target used at `now`: 0 at the start, 1 at the due time, above 1 once breached. */
export function elapsedFraction(calendar: WorkCalendar, clock: SlaClock, now: Date | string): number {
  const elapsed = elapsedMinutes(calendar, clock, now);
  if (clock.targetMinutes === 0) return toDate(now) >= toDate(clock.startedAt) ? 1 : 0;
  return elapsed / clock.targetMinutes;
}

/** Past the due time at `now` (the due instant itself is still on time). */
export function isBreached(calendar: WorkCalendar, clock: SlaClock, now: Date | string): boolean {
  if (clock.targetMinutes === 0) return toDate(now) > toDate(clock.startedAt);
  return elapsedMinutes(calendar, clock, now) > clock.targetMinutes;
}

/** Whether the warning (default 80 %) is due at `now` and the target not yet breached. */
export function isWarning(
  calendar: WorkCalendar,
  clock: SlaClock,
  now: Date | string,
  fraction = 0.8,
): boolean {
  return elapsedFraction(calendar, clock, now) >= fraction && !isBreached(calendar, clock, now);
}
