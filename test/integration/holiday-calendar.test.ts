import { beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../../functions/notifications/records.ts';
import { holidayCalendarStore } from '../../functions/shared/store.ts';
import { companyPk } from '../../functions/shared/table.ts';
import { addWorkingTime } from '../../functions/sla/calendar.ts';
import { alertMissingHolidayData } from '../../functions/sla/holiday-alert.ts';
import { enteredHolidays } from '../../functions/sla/holiday-years.ts';
import { calendarFor, defaultSlaSettings } from '../../functions/sla/policies.ts';
import { asSystem, call } from '../support/api.ts';
import { makeHeadOffice, makeProperty, type PropertyWorld } from '../support/world.ts';

let world: PropertyWorld;
let hq: Awaited<ReturnType<typeof makeHeadOffice>>;
beforeAll(async () => {
  world = await makeProperty('HC');
  hq = await makeHeadOffice();
});

const path = '/api/tickets/holiday-calendar';
type View = { years: { year: number; source: string; entered?: { version: number; holidays: string[] } }[] };
const notice = '国务院办公厅关于2027年部分节假日安排的通知';
const year2027 = {
  year: 2027,
  holidays: [
    '2027-01-01',
    '2027-02-05',
    '2027-02-06',
    '2027-02-07',
    '2027-02-08',
    '2027-02-09',
    '2027-02-10',
    '2027-02-11',
  ],
  makeUpWorkdays: ['2027-02-13'],
  notice,
};
const sh = (local: string) => new Date(`${local}:00+08:00`);

const holidayAlerts = async () =>
  (
    await call<{ items: Notification[] }>(hq.token, 'GET', '/api/notifications/inbox?limit=100')
  ).body.items.filter((n) => n.kind === 'calendar.holidaysMissing');

describe('head office is told 60 days before a year without holiday data', () => {
  it('on 1 October 2026 (92 days before) nobody is told; on 1 November (61 days) head office is, once', async () => {
    expect((await alertMissingHolidayData(sh('2026-10-01T09:00'))).year).toBeNull();
    expect(await holidayAlerts()).toEqual([]);
    const first = await alertMissingHolidayData(sh('2026-11-01T09:00'));
    expect(first.year).toBe(2027);
    const told = await holidayAlerts();
    expect(told).toHaveLength(1);
    expect(told[0]!.title).toContain('2027');
    expect(told[0]!.link).toBe('/holidays');
    // The next day's run (and a retry) tells nobody again.
    expect((await alertMissingHolidayData(sh('2026-11-02T09:00'))).changed).toBe(0);
    expect(await alertMissingHolidayData(sh('2026-11-01T09:00'))).toMatchObject({ changed: 0 });
    expect(await holidayAlerts()).toHaveLength(1);
  });
});

describe('head office enters a year from the official notice', () => {
  it('a property manager may not (403); head office may, and the office calendar then skips those holidays', async () => {
    expect((await call(world.tokens.property_manager, 'PUT', path, year2027)).status).toBe(403);
    const before = await call<View>(world.tokens.front_desk, 'GET', path);
    expect(before.status).toBe(200);
    expect(before.body.years.find((y) => y.year === 2026)?.source).toBe('package');

    const saved = await call<View>(hq.token, 'PUT', path, year2027);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const y2027 = saved.body.years.find((y) => y.year === 2027)!;
    expect(y2027).toMatchObject({ source: 'entered', entered: { version: 1 } });

    const entered = await asSystem(() => enteredHolidays());
    const office = calendarFor(world.property, defaultSlaSettings, 'office', entered);
    // Thursday 31 December 17:00 + 1 working hour: New Year's Day (Friday) is off → Monday 09:00.
    expect(addWorkingTime(office, sh('2026-12-31T17:00'), 60)).toEqual(sh('2027-01-04T09:00'));
    // The make-up Saturday 13 February is worked.
    expect(addWorkingTime(office, sh('2027-02-12T17:00'), 60)).toEqual(sh('2027-02-13T09:00'));

    const audit = await asSystem(() =>
      holidayCalendarStore().query<{ action: string; entityId: string; actorId: string }>({
        partition: companyPk,
        beginsWith: 'AUDIT#',
        newestFirst: true,
        limit: 20,
      }),
    );
    expect(audit.items.find((a) => a.action === 'holidays.enter')).toMatchObject({
      entityId: '2027',
      actorId: hq.staff.id,
    });

    // A correction needs the version read; a stale one is a 409.
    const stale = await call(hq.token, 'PUT', path, year2027);
    expect(stale.status).toBe(409);
    const fixed = await call<View>(hq.token, 'PUT', path, { ...year2027, version: 1 });
    expect(fixed.status).toBe(200);
  });

  it('a year the package has, a date outside the year, twice, or a weekday as make-up workday → 422', async () => {
    const bad = async (year: number, body: object) => {
      const reply = await call<{ error: { code: string } }>(hq.token, 'PUT', path, {
        ...year2027,
        year,
        ...body,
      });
      expect(reply.status).toBe(422);
      return reply.body.error.code;
    };
    expect(await bad(2026, { holidays: ['2026-01-01'], makeUpWorkdays: [] })).toBe('year_published');
    expect(await bad(2028, { holidays: ['2027-01-01'], makeUpWorkdays: [] })).toBe('date_outside_year');
    expect(await bad(2028, { holidays: ['2028-01-01', '2028-01-01'], makeUpWorkdays: [] })).toBe(
      'date_twice',
    );
    expect(await bad(2028, { holidays: ['2028-01-01'], makeUpWorkdays: ['2028-01-05'] })).toBe(
      'makeup_not_weekend',
    );
    expect(await bad(2028, { holidays: ['2028-02-30'], makeUpWorkdays: [] })).toBe('invalid_date');
  });
});
