import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../functions/sla/calendar.ts';
import {
  clockUntil,
  dueAt,
  elapsedFraction,
  elapsedMinutes,
  isBreached,
  isWarning,
  pause,
  remainingMinutes,
  resume,
  slaClockSchema,
  startClock,
  warningAt,
} from '../../functions/sla/clock.ts';

const frontDesk = createWorkCalendar({
  timeZone: 'Asia/Shanghai',
  periods: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '09:00', to: '21:00' }],
  observeHolidays: false,
});
const sh = (local: string) => new Date(`${local}:00+08:00`);

describe('a complaint reply clock (72 h calendar time)', () => {
  const clock = startClock('calendar', 72 * 60, sh('2026-03-16T10:00'));

  it('is due 72 hours after it was logged, nights included', () => {
    expect(dueAt(frontDesk, clock)).toEqual(sh('2026-03-19T10:00'));
  });

  it('warns at 80 %: 57 h 36 min after logging', () => {
    expect(warningAt(frontDesk, clock)).toEqual(sh('2026-03-18T19:36'));
    expect(isWarning(frontDesk, clock, sh('2026-03-18T19:35'))).toBe(false);
    expect(isWarning(frontDesk, clock, sh('2026-03-18T19:36'))).toBe(true);
    expect(warningAt(frontDesk, clock, 0.5)).toEqual(sh('2026-03-17T22:00'));
  });

  it('is on time at the due minute and breached just after it', () => {
    expect(isBreached(frontDesk, clock, sh('2026-03-19T10:00'))).toBe(false);
    expect(isBreached(frontDesk, clock, new Date(sh('2026-03-19T10:00').getTime() + 1))).toBe(true);
    expect(isWarning(frontDesk, clock, sh('2026-03-19T11:00'))).toBe(false); // breached, no longer a warning
  });

  it('reports how much of the target is used', () => {
    expect(elapsedFraction(frontDesk, clock, sh('2026-03-16T09:00'))).toBe(0);
    expect(elapsedFraction(frontDesk, clock, sh('2026-03-17T22:00'))).toBe(0.5);
    expect(elapsedFraction(frontDesk, clock, sh('2026-03-20T10:00'))).toBeCloseTo(96 / 72);
    expect(remainingMinutes(frontDesk, clock, sh('2026-03-19T09:00'))).toBe(60);
  });

  it('waiting two hours for the household pushes the due time out by two hours', () => {
    const paused = pause(clock, sh('2026-03-16T12:00'));
    const resumed = resume(frontDesk, paused, sh('2026-03-16T14:00'));
    expect(resumed.pausedMinutes).toBe(120);
    expect(resumed.pausedAt).toBeUndefined();
    expect(dueAt(frontDesk, resumed)).toEqual(sh('2026-03-19T12:00'));
  });
});

describe('a repair dispatch clock (2 working hours, front desk 09:00–21:00)', () => {
  const clock = startClock('working', 120, sh('2026-03-16T20:30'));

  it('a repair logged at 20:30 is due at 10:30 next morning', () => {
    expect(dueAt(frontDesk, clock)).toEqual(sh('2026-03-17T10:30'));
    expect(warningAt(frontDesk, clock)).toEqual(sh('2026-03-17T10:06'));
  });

  it('the night does not count against the target', () => {
    expect(elapsedMinutes(frontDesk, clock, sh('2026-03-17T08:00'))).toBe(30);
    expect(elapsedFraction(frontDesk, clock, sh('2026-03-17T09:30'))).toBe(0.5);
  });

  it('waiting for the household from 10:00 to 15:00 next day pushes the due time by 5 working hours', () => {
    const paused = pause(clock, sh('2026-03-17T10:00'));
    expect(dueAt(frontDesk, paused)).toBeNull();
    expect(warningAt(frontDesk, paused)).toBeNull();
    // frozen while paused: 90 minutes used, whatever the time
    expect(elapsedMinutes(frontDesk, paused, sh('2026-03-17T14:00'))).toBe(90);
    expect(isBreached(frontDesk, paused, sh('2026-03-17T14:00'))).toBe(false);

    const resumed = resume(frontDesk, paused, sh('2026-03-17T15:00'));
    expect(resumed.pausedMinutes).toBe(300);
    expect(dueAt(frontDesk, resumed)).toEqual(sh('2026-03-17T15:30'));
    expect(elapsedMinutes(frontDesk, resumed, sh('2026-03-17T15:15'))).toBe(105);
  });

  it('a pause over the night only adds the working minutes inside it', () => {
    // paused 20:45 (15 min used), resumed 09:15 next day: 15 min of working time paused
    const resumed = resume(frontDesk, pause(clock, sh('2026-03-16T20:45')), sh('2026-03-17T09:15'));
    expect(resumed.pausedMinutes).toBe(30);
    expect(dueAt(frontDesk, resumed)).toEqual(sh('2026-03-17T11:00'));
  });

  it('several pauses add up', () => {
    let c = pause(clock, sh('2026-03-17T09:00'));
    c = resume(frontDesk, c, sh('2026-03-17T09:20'));
    c = pause(c, sh('2026-03-17T09:40'));
    c = resume(frontDesk, c, sh('2026-03-17T10:00'));
    expect(c.pausedMinutes).toBe(40);
    expect(dueAt(frontDesk, c)).toEqual(sh('2026-03-17T11:10'));
  });

  it('pausing twice keeps the first pause; resuming a running clock changes nothing', () => {
    const once = pause(clock, sh('2026-03-17T10:00'));
    expect(pause(once, sh('2026-03-17T11:00'))).toBe(once);
    expect(resume(frontDesk, clock, sh('2026-03-17T11:00'))).toBe(clock);
  });

  it('refuses to resume before the pause or pause before the start', () => {
    const paused = pause(clock, sh('2026-03-17T10:00'));
    expect(() => resume(frontDesk, paused, sh('2026-03-17T09:00'))).toThrow(RangeError);
    expect(() => pause(clock, sh('2026-03-16T20:00'))).toThrow(RangeError);
  });
});

describe('stored on the ticket', () => {
  it('survives a JSON round trip and validates', () => {
    const clock = pause(startClock('working', 120, sh('2026-03-16T20:30')), sh('2026-03-17T10:00'));
    const stored = slaClockSchema.parse(JSON.parse(JSON.stringify(clock)));
    expect(stored).toEqual(clock);
    const resumed = resume(frontDesk, stored, sh('2026-03-17T15:00'));
    expect(dueAt(frontDesk, resumed)).toEqual(sh('2026-03-17T15:30'));
  });

  it('rejects a malformed clock', () => {
    expect(
      slaClockSchema.safeParse({ mode: 'working', targetMinutes: -1, startedAt: 'x', pausedMinutes: 0 })
        .success,
    ).toBe(false);
  });
});

describe('an inquiry answered by the agreed time', () => {
  it('is due at the agreed time and warns at 80 % of the way there', () => {
    const clock = clockUntil(sh('2026-03-16T10:00'), sh('2026-03-16T15:00'));
    expect(dueAt(frontDesk, clock)).toEqual(sh('2026-03-16T15:00'));
    expect(warningAt(frontDesk, clock)).toEqual(sh('2026-03-16T14:00'));
    expect(isBreached(frontDesk, clock, sh('2026-03-16T15:01'))).toBe(true);
  });

  it('an agreed time already past is due at once', () => {
    const clock = clockUntil(sh('2026-03-16T10:00'), sh('2026-03-16T09:00'));
    expect(dueAt(frontDesk, clock)).toEqual(sh('2026-03-16T10:00'));
    expect(elapsedFraction(frontDesk, clock, sh('2026-03-16T10:00'))).toBe(1);
    expect(isBreached(frontDesk, clock, sh('2026-03-16T10:01'))).toBe(true);
  });
});
