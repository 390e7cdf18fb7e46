import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingTime,
  chinaDayKind,
  createWorkCalendar,
  holidayDataCovers,
  isWorking,
  workingMinutesBetween,
} from '../../functions/sla/calendar.ts';

const weekdays = [1, 2, 3, 4, 5];
const everyDay = [1, 2, 3, 4, 5, 6, 7];
const frontDesk = createWorkCalendar({
  timeZone: 'Asia/Shanghai',
  periods: [{ days: everyDay, from: '09:00', to: '21:00' }],
  observeHolidays: false,
});
const officePeriods = [
  { days: weekdays, from: '08:30', to: '12:00' },
  { days: weekdays, from: '13:30', to: '17:30' },
];
const office = createWorkCalendar({
  timeZone: 'Asia/Shanghai',
  periods: officePeriods,
  observeHolidays: true,
});
const officeIgnoringHolidays = createWorkCalendar({
  timeZone: 'Asia/Shanghai',
  periods: officePeriods,
  observeHolidays: false,
});
const berlin = createWorkCalendar({
  timeZone: 'Europe/Berlin',
  periods: [{ days: everyDay, from: '09:00', to: '17:00' }],
  observeHolidays: false,
});

/** An instant from Shanghai wall-clock time. */
const sh = (local: string) => new Date(`${local}:00+08:00`);

describe('front desk (09:00–21:00 every day)', () => {
  it('a complaint logged at 20:50 with 30 working minutes is due at 09:20 next morning', () => {
    expect(addWorkingTime(frontDesk, sh('2026-03-16T20:50'), 30)).toEqual(sh('2026-03-17T09:20'));
  });

  it('a repair reported at 22:15, after closing, counts from the next opening at 09:00', () => {
    expect(addWorkingTime(frontDesk, sh('2026-03-16T22:15'), 60)).toEqual(sh('2026-03-17T10:00'));
    expect(addWorkingTime(frontDesk, sh('2026-03-17T06:00'), 60)).toEqual(sh('2026-03-17T10:00'));
  });

  it('a ticket raised during opening hours is due later the same day', () => {
    expect(addWorkingTime(frontDesk, sh('2026-03-16T10:00'), 120)).toEqual(sh('2026-03-16T12:00'));
  });

  it('ends the count at the closing time, not at the next opening', () => {
    expect(addWorkingTime(frontDesk, sh('2026-03-16T20:00'), 60)).toEqual(sh('2026-03-16T21:00'));
  });

  it('counts only the opening hours between two moments', () => {
    expect(workingMinutesBetween(frontDesk, sh('2026-03-16T20:00'), sh('2026-03-17T10:00'))).toBe(120);
    expect(workingMinutesBetween(frontDesk, sh('2026-03-17T10:00'), sh('2026-03-16T20:00'))).toBe(-120);
    expect(workingMinutesBetween(frontDesk, sh('2026-03-16T22:00'), sh('2026-03-17T08:00'))).toBe(0);
  });

  it('stays open on National Day: a complaint at 20:30 on 30 September is due 09:30 on 1 October', () => {
    expect(addWorkingTime(frontDesk, sh('2026-09-30T20:30'), 60)).toEqual(sh('2026-10-01T09:30'));
    expect(isWorking(frontDesk, sh('2026-10-02T10:00'))).toBe(true);
  });
});

describe('office hours with a lunch break (08:30–12:00, 13:30–17:30, Monday–Friday)', () => {
  it('an order at 11:30 with one working hour is due at 14:00, after lunch', () => {
    expect(addWorkingTime(office, sh('2026-03-16T11:30'), 60)).toEqual(sh('2026-03-16T14:00'));
  });

  it('an order raised during lunch counts from 13:30', () => {
    expect(addWorkingTime(office, sh('2026-03-16T12:45'), 30)).toEqual(sh('2026-03-16T14:00'));
    expect(isWorking(office, sh('2026-03-16T12:45'))).toBe(false);
    expect(isWorking(office, sh('2026-03-16T13:30'))).toBe(true);
    expect(isWorking(office, sh('2026-03-16T17:30'))).toBe(false);
  });

  it('a working day holds 7.5 working hours', () => {
    expect(workingMinutesBetween(office, sh('2026-03-16T00:00'), sh('2026-03-17T00:00'))).toBe(450);
  });

  it('an order on Friday 17:00 rolls over the weekend to Monday', () => {
    expect(addWorkingTime(office, sh('2026-03-20T17:00'), 60)).toEqual(sh('2026-03-23T09:00'));
  });

  it('merges overlapping periods instead of counting them twice', () => {
    const overlapping = createWorkCalendar({
      timeZone: 'Asia/Shanghai',
      periods: [
        { days: [1], from: '09:00', to: '12:00' },
        { days: [1, 2], from: '11:00', to: '13:00' },
      ],
      observeHolidays: false,
    });
    expect(workingMinutesBetween(overlapping, sh('2026-03-16T00:00'), sh('2026-03-17T00:00'))).toBe(240);
  });
});

describe('China public holidays and make-up working days (office departments)', () => {
  it('reads the 2026 arrangement from chinese-days', () => {
    expect(holidayDataCovers(2026)).toBe(true);
    expect(chinaDayKind('2026-10-01')).toBe('holiday');
    expect(chinaDayKind('2026-10-03')).toBe('holiday'); // a Saturday inside the holiday
    expect(chinaDayKind('2026-10-10')).toBe('makeUpWorkday'); // Saturday 调休
    expect(chinaDayKind('2026-09-20')).toBe('makeUpWorkday'); // Sunday 调休
    expect(chinaDayKind('2026-03-16')).toBe('ordinary');
  });

  it('a year the package lacks takes the holidays head office entered; the package wins for its own years', () => {
    const entered = {
      '2027': { holidays: ['2027-01-01'], makeUpWorkdays: ['2027-01-09'] },
      '2026': { holidays: ['2026-03-16'], makeUpWorkdays: [] },
    };
    expect(holidayDataCovers(2027)).toBe(false);
    expect(holidayDataCovers(2027, entered)).toBe(true);
    expect(chinaDayKind('2027-01-01')).toBe('ordinary');
    expect(chinaDayKind('2027-01-01', entered)).toBe('holiday');
    expect(chinaDayKind('2027-01-09', entered)).toBe('makeUpWorkday');
    expect(chinaDayKind('2026-03-16', entered)).toBe('ordinary'); // the package has 2026
    const withEntered = createWorkCalendar({
      timeZone: 'Asia/Shanghai',
      periods: officePeriods,
      observeHolidays: true,
      enteredHolidays: entered,
    });
    // Thursday 31 December 17:00 + 1 h: New Year's Day (a Friday) is off, so Monday 4 January 09:00
    expect(addWorkingTime(withEntered, sh('2026-12-31T17:00'), 60)).toEqual(sh('2027-01-04T09:00'));
    expect(addWorkingTime(office, sh('2026-12-31T17:00'), 60)).toEqual(sh('2027-01-01T09:00'));
  });

  it('an order on 30 September 16:30 with two working hours skips National Day and is due 8 October 09:30', () => {
    expect(addWorkingTime(office, sh('2026-09-30T16:30'), 120)).toEqual(sh('2026-10-08T09:30'));
    expect(isWorking(office, sh('2026-10-05T10:00'))).toBe(false); // a Monday, but a holiday
  });

  it('the same order without holidays is due on 1 October', () => {
    expect(addWorkingTime(officeIgnoringHolidays, sh('2026-09-30T16:30'), 120)).toEqual(
      sh('2026-10-01T09:30'),
    );
  });

  it('the make-up Saturday 10 October counts with weekday hours: Friday 17:00 + 1 h is due Saturday 09:00', () => {
    expect(addWorkingTime(office, sh('2026-10-09T17:00'), 60)).toEqual(sh('2026-10-10T09:00'));
    expect(isWorking(office, sh('2026-10-10T12:30'))).toBe(false); // the lunch break applies too
    expect(workingMinutesBetween(office, sh('2026-10-10T00:00'), sh('2026-10-11T00:00'))).toBe(450);
    // without holidays the Saturday is off and the order waits for Monday
    expect(addWorkingTime(officeIgnoringHolidays, sh('2026-10-09T17:00'), 60)).toEqual(
      sh('2026-10-12T09:00'),
    );
  });

  it('the make-up Sunday 20 September is a working day; an ordinary Sunday is not', () => {
    expect(isWorking(office, sh('2026-09-20T10:00'))).toBe(true);
    expect(isWorking(office, sh('2026-09-13T10:00'))).toBe(false);
  });

  it('a holiday listed on a weekday the department works is still off, even with weekend service', () => {
    const sevenDays = createWorkCalendar({
      timeZone: 'Asia/Shanghai',
      periods: [{ days: everyDay, from: '09:00', to: '17:00' }],
      observeHolidays: true,
    });
    expect(isWorking(sevenDays, sh('2026-10-03T10:00'))).toBe(false);
    expect(isWorking(sevenDays, sh('2026-10-17T10:00'))).toBe(true); // an ordinary Saturday
  });
});

describe('a property in another time zone (Europe/Berlin, 09:00–17:00 daily)', () => {
  it('counts local wall-clock hours: 16:00 + 2 h on Saturday is due 10:00 Sunday, across the DST change', () => {
    // 28 March 2026 is CET (+01:00); 29 March is CEST (+02:00)
    expect(addWorkingTime(berlin, new Date('2026-03-28T16:00:00+01:00'), 120)).toEqual(
      new Date('2026-03-29T10:00:00+02:00'),
    );
    expect(isWorking(berlin, new Date('2026-03-29T07:30:00Z'))).toBe(true); // 09:30 CEST
    expect(isWorking(berlin, new Date('2026-03-29T15:30:00Z'))).toBe(false); // 17:30 CEST
  });

  it('the same instant is outside hours in Berlin but inside in Shanghai', () => {
    const at = new Date('2026-03-16T06:00:00Z'); // 07:00 Berlin, 14:00 Shanghai
    expect(isWorking(berlin, at)).toBe(false);
    expect(isWorking(frontDesk, at)).toBe(true);
  });

  it('a 24 h hotline has 23 hours on the spring DST day and 25 on the autumn one', () => {
    const hotline = createWorkCalendar({
      timeZone: 'Europe/Berlin',
      periods: [{ days: everyDay, from: '00:00', to: '24:00' }],
      observeHolidays: false,
    });
    expect(
      workingMinutesBetween(
        hotline,
        new Date('2026-03-29T00:00:00+01:00'),
        new Date('2026-03-30T00:00:00+02:00'),
      ),
    ).toBe(23 * 60);
    expect(
      workingMinutesBetween(
        hotline,
        new Date('2026-10-25T00:00:00+02:00'),
        new Date('2026-10-26T00:00:00+01:00'),
      ),
    ).toBe(25 * 60);
  });

  it('a period starting in the skipped hour starts when the clocks resume', () => {
    const night = createWorkCalendar({
      timeZone: 'Europe/Berlin',
      periods: [{ days: [7], from: '02:30', to: '04:00' }],
      observeHolidays: false,
    });
    // 02:30 does not exist on 29 March 2026: it moves forward by the gap, so the period runs 03:30–04:00 CEST
    expect(
      workingMinutesBetween(night, new Date('2026-03-28T00:00:00Z'), new Date('2026-03-30T00:00:00Z')),
    ).toBe(30);
  });
});

describe('input checks', () => {
  it('rejects an unknown time zone, a backwards period and a negative duration', () => {
    expect(() =>
      createWorkCalendar({ timeZone: 'Mars/Olympus', periods: officePeriods, observeHolidays: false }),
    ).toThrow(RangeError);
    expect(() =>
      createWorkCalendar({
        timeZone: 'Asia/Shanghai',
        periods: [{ days: [1], from: '18:00', to: '09:00' }],
        observeHolidays: false,
      }),
    ).toThrow(RangeError);
    expect(() => addWorkingTime(frontDesk, sh('2026-03-16T10:00'), -1)).toThrow(RangeError);
  });

  it('a calendar with no working time at all fails instead of looping', () => {
    const never = createWorkCalendar({ timeZone: 'Asia/Shanghai', periods: [], observeHolidays: false });
    expect(() => addWorkingTime(never, sh('2026-03-16T10:00'), 1)).toThrow(/No working time/);
  });
});

describe('round trip: workingMinutesBetween(start, addWorkingTime(start, m)) === m', () => {
  const calendars = { frontDesk, office, berlin };
  const start = fc
    .integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-06-30T00:00:00Z') })
    .map((t) => new Date(t));

  for (const [name, calendar] of Object.entries(calendars)) {
    it(`${name}: any start, any whole number of minutes`, () => {
      fc.assert(
        fc.property(start, fc.integer({ min: 0, max: 20_000 }), (s, m) => {
          const due = addWorkingTime(calendar, s, m);
          expect(due.getTime()).toBeGreaterThanOrEqual(s.getTime());
          expect(workingMinutesBetween(calendar, s, due)).toBe(m);
          if (m > 0) {
            // the due time ends a working minute: the millisecond before it is working time
            expect(isWorking(calendar, new Date(due.getTime() - 1))).toBe(true);
          }
        }),
        { numRuns: 150 },
      );
    });
  }
});
