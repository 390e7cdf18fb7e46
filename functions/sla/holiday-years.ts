/**
 * The company's holiday calendar for years `chinese-days` does not publish yet. The State Council
 * announces each year's arrangement (国务院办公厅关于…部分节假日安排的通知) around November; until a
 * package release carries it, head office enters that year's holidays and make-up workdays from the
 * notice, once for the whole company. The office calendar reads them (./calendar.ts `enteredHolidays`)
 * only for years the package lacks: the package's data wins as soon as it has the year.
 */
import * as z from 'zod/mini';
import { date } from '../directory/schemas.ts';
import { useActor } from '../shared/actor.ts';
import { conflict, unprocessable } from '../shared/errors.ts';
import { fn } from '../shared/fn.ts';
import { components } from '../shared/openapi.ts';
import { holidayCalendarStore } from '../shared/store.ts';
import { holidayCalendarPk, holidayKeys } from '../shared/table.ts';
import { type EnteredHolidays, holidayDataCovers, packageCovers } from './calendar.ts';

export interface HolidayYear {
  year: number;
  holidays: string[];
  makeUpWorkdays: string[];
  /** The notice it was taken from, as head office names it (e.g. 国办发明电〔2026〕7号). */
  notice: string;
  enteredBy: string;
  enteredByName: string;
  enteredAt: string;
  version: number;
}

/** A year as the office calendar may ask about it: the current year and a few ahead. */
export const calendarYear = z.int().check(z.gte(2000), z.lte(2100));

export const holidayYearInput = z
  .strictObject({
    year: calendarYear,
    holidays: z.array(date).check(z.minLength(1), z.maxLength(60)),
    makeUpWorkdays: z.array(date).check(z.maxLength(30)),
    notice: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    /** The version read, when changing a year already entered. */
    version: z.optional(z.int().check(z.gte(1))),
  })
  .register(components, {
    id: 'HolidayYearInput',
    example: {
      year: 2027,
      holidays: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07'],
      makeUpWorkdays: ['2027-02-13'],
      notice: '国务院办公厅关于2027年部分节假日安排的通知',
    },
  });

const yearRecord = z.object({
  year: z.int(),
  holidays: z.array(z.string()),
  makeUpWorkdays: z.array(z.string()),
  notice: z.string(),
  enteredBy: z.string(),
  enteredByName: z.string(),
  enteredAt: z.string(),
  version: z.int(),
});

export const holidayCalendarView = z
  .object({
    /** Years whose arrangement the calendar knows, and from where. */
    years: z.array(
      z.object({
        year: z.int(),
        source: z.enum(['package', 'entered', 'none']),
        entered: z.optional(yearRecord),
      }),
    ),
  })
  .register(components, { id: 'HolidayCalendar' });
export type HolidayCalendarView = z.infer<typeof holidayCalendarView>;

const DAY = 86_400_000;
/** Entered years change a few times a year; a process keeps them this long (a write here refreshes at once). */
const cacheMs = 60_000;
let cached: { at: number; years: Promise<HolidayYear[]> } | undefined;

async function readYears(): Promise<HolidayYear[]> {
  const store = holidayCalendarStore();
  const years: HolidayYear[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<HolidayYear>({
      partition: holidayCalendarPk,
      beginsWith: 'YEAR#',
      cursor,
    });
    years.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return years;
}

/** Every year head office entered (one Query of a small partition, cached briefly). */
export function enteredYears(now = Date.now()): Promise<HolidayYear[]> {
  if (!cached || now - cached.at > cacheMs) {
    const years = readYears();
    cached = { at: now, years };
    years.catch(() => {
      if (cached?.years === years) cached = undefined;
    });
  }
  return cached.years;
}

/** The entered years as the calendar takes them. */
export async function enteredHolidays(): Promise<EnteredHolidays> {
  return Object.fromEntries(
    (await enteredYears()).map((y) => [
      String(y.year),
      { holidays: y.holidays, makeUpWorkdays: y.makeUpWorkdays },
    ]),
  );
}

/** The years around now: last year, this year and the next two. */
const yearsAround = (now: Date) => {
  const y = now.getUTCFullYear();
  return [y - 1, y, y + 1, y + 2];
};

export const readHolidayCalendar = fn(z.object({}), async (): Promise<HolidayCalendarView> => {
  cached = undefined;
  const entered = new Map((await enteredYears()).map((y) => [y.year, y]));
  const years = [...new Set([...yearsAround(new Date()), ...entered.keys()])].sort((a, b) => a - b);
  return {
    years: years.map((year) => {
      const own = entered.get(year);
      const source = packageCovers(year) ? 'package' : own ? 'entered' : 'none';
      return { year, source, ...(own ? { entered: own } : {}) };
    }),
  };
});

function checkYear(year: number, input: z.output<typeof holidayYearInput>) {
  if (packageCovers(year)) {
    throw unprocessable('year_published', `The calendar data already has ${year}'s official arrangement`, {
      year,
    });
  }
  const all = [...input.holidays, ...input.makeUpWorkdays];
  for (const d of all) {
    const t = Date.parse(`${d}T00:00:00Z`);
    if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== d)
      throw unprocessable('invalid_date', `${d} is not a date`, { date: d });
    if (!d.startsWith(`${year}-`))
      throw unprocessable('date_outside_year', `${d} is not in ${year}`, { date: d, year });
  }
  const twice = all.find((d, i) => all.indexOf(d) !== i);
  if (twice) throw unprocessable('date_twice', `${twice} is listed twice`, { date: twice });
  // A make-up workday (调休上班) is a Saturday or Sunday worked; a weekday is a workday anyway.
  const weekday = input.makeUpWorkdays.find((d) => {
    const w = new Date(Date.parse(`${d}T00:00:00Z`)).getUTCDay();
    return w !== 0 && w !== 6;
  });
  if (weekday)
    throw unprocessable(
      'makeup_not_weekend',
      `${weekday} is a weekday: a make-up workday is a Saturday or Sunday`,
      {
        date: weekday,
      },
    );
}

/** Head office enters (or corrects) one year's arrangement from the official notice. */
export const enterHolidayYear = fn(holidayYearInput, async (input): Promise<HolidayYear> => {
  const { year } = input;
  checkYear(year, input);
  const actor = useActor();
  const store = holidayCalendarStore();
  const key = holidayKeys.year(year);
  const current = await store.get<HolidayYear>(key, { consistent: true });
  if (current && input.version !== current.version)
    throw conflict('stale_version', `${year} was changed by someone else; reload and try again`, {
      currentVersion: current.version,
    });
  const record: HolidayYear = {
    year,
    holidays: [...input.holidays].sort(),
    makeUpWorkdays: [...input.makeUpWorkdays].sort(),
    notice: input.notice,
    enteredBy: actor.staffId,
    enteredByName: actor.name,
    enteredAt: new Date().toISOString(),
    version: (current?.version ?? 0) + 1,
  };
  await store.apply(
    [
      {
        put: { ...key, recordType: 'holidayYear', ...record },
        condition: current ? '#version = :expected' : 'attribute_not_exists(#pk)',
        ...(current ? { values: { ':expected': current.version } } : {}),
        onFail: conflict('stale_version', `${year} was changed by someone else; reload and try again`),
      },
    ],
    {
      action: 'holidays.enter',
      entity: 'holidayYear',
      entityId: String(year),
      before: current
        ? { holidays: current.holidays, makeUpWorkdays: current.makeUpWorkdays, notice: current.notice }
        : null,
      after: { holidays: record.holidays, makeUpWorkdays: record.makeUpWorkdays, notice: record.notice },
    },
  );
  cached = undefined;
  return record;
});

/** The first day of a year with no arrangement known, within `days` of `now`; null when none. */
export function yearMissingWithin(now: Date, days: number, entered: readonly HolidayYear[]): number | null {
  const known: EnteredHolidays = Object.fromEntries(entered.map((y) => [String(y.year), y]));
  const horizon = new Date(now.getTime() + days * DAY);
  for (let y = now.getUTCFullYear(); y <= horizon.getUTCFullYear(); y++)
    if (!holidayDataCovers(y, known)) return y;
  return null;
}
