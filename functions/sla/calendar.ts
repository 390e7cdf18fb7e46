/**
 * Working-time arithmetic for SLA targets: a property's calendar of working periods, in its own time
 * zone, optionally observing China's public holidays and make-up working days (调休).
 *
 * Rules (the contract the tests pin down):
 * - Periods are local wall-clock times in the calendar's IANA time zone, `[from, to)`, on the listed
 *   ISO weekdays (1 = Monday … 7 = Sunday). Several periods a day are allowed (08:30–12:00 and
 *   13:30–17:30); overlapping or touching ones are merged. `to` may be '24:00' (end of the day), so a
 *   24 h hotline is `{ days: [1..7], from: '00:00', to: '24:00' }`.
 * - Working time is real elapsed time inside the periods. On a DST change day a period that spans the
 *   change is an hour shorter or longer; a boundary that falls in the skipped hour moves forward by the
 *   gap (02:30 → 03:30), one in the repeated hour takes the earlier instant (Temporal's 'compatible').
 * - `observeHolidays: false` (front desk, 24 h hotline): the periods apply every listed weekday, holidays
 *   or not.
 * - `observeHolidays: true` (office-hours departments), per local date, using `chinese-days`:
 *   1. a statutory holiday (法定节假日, including the weekend days inside a holiday block) is off, whatever
 *      its weekday;
 *   2. a make-up working day (调休上班日, e.g. a Saturday) is worked with the *weekday periods*: the
 *      periods of the first of Monday…Friday that has any (normally Monday; office departments keep the
 *      same hours Monday to Friday); if none of Monday…Friday has periods, the day stays off;
 *   3. any other day uses the periods of its own weekday.
 *   Years the package has no data for (it ships 2004 to its latest published year) take the year head
 *   office entered from the State Council's notice (`enteredHolidays`, ./holiday-years.ts); the
 *   package's data wins once it has the year. A year neither knows has no holidays:
 *   `holidayDataCovers(year)` tells whether a year is known, and the holiday-data job warns head office
 *   60 days ahead (./holiday-alert.ts).
 * - The answer never depends on the process time zone: the package's own functions read a date as UTC
 *   midnight and then use local-time getters (west of UTC every Saturday became a make-up workday), so
 *   only its published data is read here, as plain 'YYYY-MM-DD' keys.
 */
import holidayData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

export interface ServicePeriod {
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  days: readonly number[];
  /** 'HH:MM', local time. */
  from: string;
  /** 'HH:MM' (or '24:00'), local time, after `from`. */
  to: string;
}

/** Holidays and make-up workdays of years the package does not have yet, by year ('2027'). */
export type EnteredHolidays = Readonly<
  Record<string, { holidays: readonly string[]; makeUpWorkdays: readonly string[] }>
>;

export interface WorkCalendarOptions {
  timeZone: string;
  periods: readonly ServicePeriod[];
  observeHolidays: boolean;
  /** Years head office entered from the official notice; ignored for years the package has. */
  enteredHolidays?: EnteredHolidays;
}

/** Minutes after local midnight, `[from, to)`. */
type Span = readonly [from: number, to: number];

export interface WorkCalendar {
  readonly timeZone: string;
  readonly observeHolidays: boolean;
  /** Index 1…7 (ISO weekday) → merged, sorted spans; index 0 unused. */
  readonly spansByWeekday: readonly (readonly Span[])[];
  /** Spans used on a make-up working day (调休) when observing holidays. */
  readonly makeUpSpans: readonly Span[];
  readonly enteredHolidays: EnteredHolidays;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Give up when this many consecutive days have no working time (e.g. a calendar with no periods). */
const MAX_IDLE_DAYS = 400;

const parseClock = (text: string): number => {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || min > 59 || h > 24 || (h === 24 && min !== 0)) {
    throw new RangeError(`Not a wall-clock time: ${text}`);
  }
  return h * 60 + min;
};

const merge = (spans: Span[]): Span[] => {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = out.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
};

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

export function createWorkCalendar(options: WorkCalendarOptions): WorkCalendar {
  formatter(options.timeZone); // throws RangeError on an unknown zone
  const byDay: Span[][] = Array.from({ length: 8 }, () => []);
  for (const p of options.periods) {
    const from = parseClock(p.from);
    const to = parseClock(p.to);
    if (from >= to) throw new RangeError(`A period must end after it starts: ${p.from}–${p.to}`);
    for (const d of p.days) {
      if (!Number.isInteger(d) || d < 1 || d > 7) throw new RangeError(`Not an ISO weekday: ${d}`);
      byDay[d]?.push([from, to]);
    }
  }
  const spansByWeekday = byDay.map(merge);
  const makeUpSpans = spansByWeekday.slice(1, 6).find((s) => s.length > 0) ?? [];
  return {
    timeZone: options.timeZone,
    observeHolidays: options.observeHolidays,
    spansByWeekday,
    makeUpSpans,
    enteredHolidays: options.enteredHolidays ?? {},
  };
}

/** A local calendar date; month 1–12. */
interface LocalDate {
  y: number;
  m: number;
  d: number;
}

/** The zone's offset from UTC at an instant, in ms (Shanghai: +8 h). */
function offsetAt(timeZone: string, instant: number): number {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

function localDateOf(timeZone: string, instant: number): LocalDate {
  const local = new Date(instant + offsetAt(timeZone, instant));
  return { y: local.getUTCFullYear(), m: local.getUTCMonth() + 1, d: local.getUTCDate() };
}

/** The instant of a local wall-clock time; skipped times move forward, repeated ones take the earlier. */
function instantOf(timeZone: string, date: LocalDate, minuteOfDay: number): number {
  const wall = Date.UTC(date.y, date.m - 1, date.d) + minuteOfDay * MINUTE;
  const before = offsetAt(timeZone, wall - DAY);
  const after = offsetAt(timeZone, wall + DAY);
  const candidates = [wall - before, wall - after].filter((t) => t + offsetAt(timeZone, t) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before; // in a gap: the offset before the change puts it after the gap
}

const nextDay = ({ y, m, d }: LocalDate): LocalDate => {
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
};

const isoWeekday = ({ y, m, d }: LocalDate): number => {
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
};

const dateKey = ({ y, m, d }: LocalDate): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export type ChinaDayKind = 'holiday' | 'makeUpWorkday' | 'ordinary';

const published = holidayData as { holidays: Record<string, string>; workdays: Record<string, string> };
const publishedYears = new Set(Object.keys(published.holidays).map((d) => d.slice(0, 4)));

/**
 * What China's official calendar says about a date ('YYYY-MM-DD'): the package's data for the years it
 * has, else the year head office entered, else an ordinary day.
 */
export function chinaDayKind(date: string, entered: EnteredHolidays = {}): ChinaDayKind {
  const year = date.slice(0, 4);
  if (publishedYears.has(year)) {
    if (Object.hasOwn(published.holidays, date)) return 'holiday';
    return Object.hasOwn(published.workdays, date) ? 'makeUpWorkday' : 'ordinary';
  }
  const own = entered[year];
  if (own?.holidays.includes(date)) return 'holiday';
  return own?.makeUpWorkdays.includes(date) ? 'makeUpWorkday' : 'ordinary';
}

/** Whether the package publishes a year's official holiday arrangement. */
export const packageCovers = (year: number): boolean => publishedYears.has(String(year));

/** Whether a year's holidays are known: published by the package, or entered by head office. */
export function holidayDataCovers(year: number, entered: EnteredHolidays = {}): boolean {
  return packageCovers(year) || Object.hasOwn(entered, String(year));
}

function spansOn(calendar: WorkCalendar, date: LocalDate): readonly Span[] {
  if (calendar.observeHolidays) {
    const kind = chinaDayKind(dateKey(date), calendar.enteredHolidays);
    if (kind === 'holiday') return [];
    if (kind === 'makeUpWorkday') return calendar.makeUpSpans;
  }
  return calendar.spansByWeekday[isoWeekday(date)] ?? [];
}

/** The working intervals of one local date, as instants `[from, to)`. */
function intervalsOn(calendar: WorkCalendar, date: LocalDate): [number, number][] {
  return spansOn(calendar, date).map(([from, to]) => [
    instantOf(calendar.timeZone, date, from),
    instantOf(calendar.timeZone, date, to),
  ]);
}

const ms = (date: Date): number => {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new RangeError('Invalid date');
  return t;
};

/** Whether the calendar is in a working period at an instant. */
export function isWorking(calendar: WorkCalendar, at: Date): boolean {
  const t = ms(at);
  const date = localDateOf(calendar.timeZone, t);
  return intervalsOn(calendar, date).some(([from, to]) => from <= t && t < to);
}

/**
 * The instant at which `minutes` of working time have passed since `start` (the due time). Zero
 * minutes → `start` itself; otherwise the result lies inside or at the end of a working period, so a
 * ticket raised after closing is due `minutes` after the next opening.
 */
export function addWorkingTime(calendar: WorkCalendar, start: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`Not a duration: ${minutes}`);
  const t0 = ms(start);
  let remaining = Math.round(minutes * MINUTE);
  if (remaining === 0) return new Date(t0);
  let date = localDateOf(calendar.timeZone, t0);
  let idle = 0;
  while (idle < MAX_IDLE_DAYS) {
    let worked = false;
    for (const [from, to] of intervalsOn(calendar, date)) {
      const s = Math.max(from, t0);
      if (s >= to) continue;
      worked = true;
      if (remaining <= to - s) return new Date(s + remaining);
      remaining -= to - s;
    }
    idle = worked ? 0 : idle + 1;
    date = nextDay(date);
  }
  throw new RangeError(`No working time in ${MAX_IDLE_DAYS} days: check the calendar's periods`);
}

/**
 * Working minutes in `[from, to)`; negative when `to` is before `from`. Exact to the millisecond, so
 * `workingMinutesBetween(c, s, addWorkingTime(c, s, m)) === m` for whole minutes.
 */
export function workingMinutesBetween(calendar: WorkCalendar, from: Date, to: Date): number {
  const a = ms(from);
  const b = ms(to);
  if (b < a) return -workingMinutesBetween(calendar, to, from);
  let total = 0;
  let date = localDateOf(calendar.timeZone, a);
  const last = dateKey(localDateOf(calendar.timeZone, b));
  for (;;) {
    for (const [s, e] of intervalsOn(calendar, date)) {
      const lo = Math.max(s, a);
      const hi = Math.min(e, b);
      if (hi > lo) total += hi - lo;
    }
    if (dateKey(date) >= last) break;
    date = nextDay(date);
  }
  return total / MINUTE;
}

/** Calendar time: `start + minutes`, no calendar involved. */
export function addCalendarTime(start: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`Not a duration: ${minutes}`);
  return new Date(ms(start) + Math.round(minutes * MINUTE));
}
