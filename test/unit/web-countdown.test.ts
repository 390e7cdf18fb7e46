import { describe, expect, it } from 'vitest';
import { countdown, headlineClock, type SlaView, splitMinutes } from '../../web/src/tickets/countdown.ts';

const at = Date.parse('2026-11-23T10:00:00.000Z');
const running = (dueAt: string, warningAt: string): SlaView => ({ status: 'running', dueAt, warningAt });

describe('SLA countdown badges', () => {
  it('front desk: sees the time left, in blue before the warning time', () => {
    const sla = running('2026-11-23T13:12:00.000Z', '2026-11-23T12:34:00.000Z');
    expect(countdown(sla, at)).toEqual({ tone: 'blue', kind: 'left', minutes: 192 });
    expect(splitMinutes(192)).toEqual({ days: 0, hours: 3, minutes: 12 });
  });

  it('front desk: sees amber once the warning time has passed', () => {
    const sla = running('2026-11-23T10:30:00.000Z', '2026-11-23T09:54:00.000Z');
    expect(countdown(sla, at)).toEqual({ tone: 'amber', kind: 'left', minutes: 30 });
  });

  it('front desk: sees red with the minutes overdue once the due time has passed', () => {
    const sla = running('2026-11-23T09:35:00.000Z', '2026-11-23T09:00:00.000Z');
    expect(countdown(sla, at)).toEqual({ tone: 'red', kind: 'overdue', minutes: 25 });
  });

  it('front desk: a clock paused while waiting for the household is grey, a late finish amber', () => {
    expect(countdown({ status: 'paused', dueAt: null, warningAt: null }, at)).toEqual({
      tone: 'gray',
      kind: 'paused',
    });
    expect(
      countdown({ status: 'done', dueAt: '2026-11-23T09:00:00.000Z', warningAt: null, met: false }, at),
    ).toEqual({ tone: 'amber', kind: 'done', late: true });
  });

  it('front desk: the list shows the clock due soonest, a paused one when none runs', () => {
    const later = running('2026-11-24T10:00:00.000Z', '2026-11-24T08:00:00.000Z');
    const sooner = running('2026-11-23T11:00:00.000Z', '2026-11-23T10:48:00.000Z');
    expect(headlineClock({ reply: later, notify: sooner })?.[0]).toBe('notify');
    const paused: SlaView = { status: 'paused', dueAt: null, warningAt: null };
    const done: SlaView = { status: 'done', dueAt: null, warningAt: null };
    expect(headlineClock({ a: done, b: paused })?.[0]).toBe('b');
    expect(headlineClock({ a: done })).toBeNull();
  });
});
