import { describe, expect, it } from 'vitest';
import { isWorking } from '../../functions/sla/calendar.ts';
import { dueAt } from '../../functions/sla/clock.ts';
import {
  calendarFor,
  defaultSlaSettings,
  policyFor,
  resolveSlaSettings,
  slaSettingsOverrides,
  slaSettingsSchema,
  startTargetClock,
} from '../../functions/sla/policies.ts';

const property = {
  timeZone: 'Asia/Shanghai',
  serviceHours: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '09:00', to: '21:00' }],
};
const sh = (local: string) => new Date(`${local}:00+08:00`);

describe('default SLA policies', () => {
  it('are valid settings', () => {
    expect(slaSettingsSchema.parse(defaultSlaSettings)).toEqual(defaultSlaSettings);
  });

  it('a complaint gets a reply within 72 hours of calendar time', () => {
    const p = policyFor(defaultSlaSettings, 'complaint', 'normal');
    expect(p.targets).toEqual({ reply: { measure: 'calendar', minutes: 72 * 60, warnAt: 0.8 } });
  });

  it('an urgent complaint reaches the responsible person at once, the manager at 5 min, head office at 30', () => {
    const p = policyFor(defaultSlaSettings, 'complaint', 'urgent');
    expect(p.targets.notify).toEqual({
      measure: 'calendar',
      minutes: 5,
      warnAt: 0.8,
    });
    expect(p.escalation).toEqual([
      { afterMinutes: 0, notify: 'responsible_person' },
      { afterMinutes: 5, notify: 'property_manager' },
      { afterMinutes: 30, notify: 'head_office' },
    ]);
  });

  it('every completed repair gets a follow-up call within 24 working hours', () => {
    for (const severity of ['normal', 'urgent'] as const) {
      const p = policyFor(defaultSlaSettings, 'repair', severity);
      expect(p.targets.followUp).toEqual({
        measure: 'working',
        calendar: 'service',
        minutes: 24 * 60,
        warnAt: 0.8,
      });
    }
  });

  it('a repair completed at 20:00 is followed up within two service days', () => {
    const p = policyFor(defaultSlaSettings, 'repair', 'normal');
    const { clock, calendar } = startTargetClock(p.targets.followUp, sh('2026-03-16T20:00'));
    expect(calendar).toBe('service');
    expect(dueAt(calendarFor(property, defaultSlaSettings, 'service'), clock)).toEqual(
      sh('2026-03-18T20:00'),
    );
  });

  it('an inquiry is due at the time agreed with the household', () => {
    const p = policyFor(defaultSlaSettings, 'inquiry', 'normal');
    const { clock } = startTargetClock(p.targets.answer, sh('2026-03-16T10:00'), sh('2026-03-17T16:00'));
    expect(dueAt(calendarFor(property, defaultSlaSettings, 'service'), clock)).toEqual(
      sh('2026-03-17T16:00'),
    );
    expect(() => startTargetClock(p.targets.answer, sh('2026-03-16T10:00'))).toThrow(RangeError);
  });

  it('the office calendar keeps office hours and observes National Day', () => {
    const office = calendarFor(property, defaultSlaSettings, 'office');
    expect(isWorking(office, sh('2026-09-30T10:00'))).toBe(true);
    expect(isWorking(office, sh('2026-10-02T10:00'))).toBe(false);
    expect(isWorking(office, sh('2026-09-30T12:30'))).toBe(false);
  });
});

describe('a property’s overrides', () => {
  it('replace only what they name', () => {
    const overrides = slaSettingsOverrides.parse({
      policies: {
        complaint: {
          normal: { targets: { reply: { measure: 'calendar', minutes: 48 * 60, warnAt: 0.75 } } },
        },
      },
    });
    const settings = resolveSlaSettings(overrides);
    expect(policyFor(settings, 'complaint', 'normal').targets).toEqual({
      reply: { measure: 'calendar', minutes: 48 * 60, warnAt: 0.75 },
    });
    expect(settings.policies.complaint.urgent).toEqual(defaultSlaSettings.policies.complaint.urgent);
    expect(defaultSlaSettings.policies.complaint.normal.targets.reply).toMatchObject({ minutes: 72 * 60 });
  });

  it('can change the office hours and the escalation ladder', () => {
    const settings = resolveSlaSettings({
      officeHours: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }],
      policies: { complaint: { urgent: { escalation: [{ afterMinutes: 10, notify: 'property_manager' }] } } },
    });
    expect(settings.officeHours).toHaveLength(1);
    expect(settings.policies.complaint.urgent.escalation).toEqual([
      { afterMinutes: 10, notify: 'property_manager' },
    ]);
  });

  it('reject unknown targets, bad numbers and ladders out of order', () => {
    const bad = [
      {
        policies: {
          repair: { normal: { targets: { bogus: { measure: 'calendar', minutes: 5, warnAt: 0.8 } } } },
        },
      },
      {
        policies: {
          repair: { normal: { targets: { dispatch: { measure: 'calendar', minutes: 0, warnAt: 0.8 } } } },
        },
      },
      {
        policies: {
          repair: { normal: { targets: { dispatch: { measure: 'working', minutes: 5, warnAt: 0.8 } } } },
        },
      },
      {
        policies: {
          repair: { normal: { targets: { dispatch: { measure: 'calendar', minutes: 5, warnAt: 1.2 } } } },
        },
      },
      {
        policies: {
          complaint: {
            urgent: {
              escalation: [
                { afterMinutes: 30, notify: 'head_office' },
                { afterMinutes: 5, notify: 'property_manager' },
              ],
            },
          },
        },
      },
      { officeHours: [{ days: [1], from: '18:00', to: '09:00' }] },
    ];
    for (const value of bad)
      expect(slaSettingsOverrides.safeParse(value).success, JSON.stringify(value)).toBe(false);
  });
});
