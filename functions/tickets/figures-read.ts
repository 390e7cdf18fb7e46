/**
 * The figures head office and a property home read: the day counters and the gauge of tickets now
 * (written by ./figures.ts), with the rates derived here. Item reads only: a Query of a property's day
 * items, or one BatchGet across properties (a gauge and a day item per property and day).
 */
import * as z from 'zod/mini';
import { visiblePropertyIds } from '../directory/properties.ts';
import type { Property } from '../directory/records.ts';
import { date } from '../directory/schemas.ts';
import { unprocessable } from '../shared/errors.ts';
import { fn } from '../shared/fn.ts';
import { companyStore, propertyStore } from '../shared/store.ts';
import { figureKeys, keys, ticketKeys } from '../shared/table.ts';
import { localDay } from './local-day.ts';
import { id } from './schemas.ts';

const maxDays = 92;

/** `to` defaults to the property's today, `from` to six days before `to` (a week). */
export const figuresQuery = z.strictObject({ from: z.optional(date), to: z.optional(date) });

type Counters = Record<string, number | string | undefined>;

export interface Figures {
  opened: number;
  closed: number;
  cancelled: number;
  breached: number;
  completedRepairs: number;
  followUps: number;
  followUpsSatisfied: number;
  callBacks: number;
  callBacksSatisfied: number;
  /** Followed-up ÷ completed repairs; null when nothing was completed. */
  followUpRate: number | null;
  /** Satisfied ÷ (follow-ups + call-backs); null when nobody was asked. */
  satisfaction: number | null;
  complaintRepliesOnTime: number;
  complaintRepliesLate: number;
  /** Complaints replied to within their target ÷ those due that day (001 §5.4); null when none was due. */
  complaintReplyRate: number | null;
  inquiryAnswersOnTime: number;
  inquiryAnswersLate: number;
  /** Inquiries answered within the agreed time ÷ those due that day (001 篇3 §4.3.2); null when none. */
  inquiryOnTimeRate: number | null;
  contactsByCategory: Record<string, number>;
  openedByKind: Record<string, number>;
}

export interface TicketsNow {
  open: number;
  overdue: number;
  openByKind: Record<string, number>;
}

export interface PropertyFigures {
  propertyId: string;
  from: string;
  to: string;
  now: TicketsNow;
  days: (Figures & { day: string })[];
  totals: Figures;
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

const prefixed = (c: Counters, prefix: string) =>
  Object.fromEntries(
    Object.entries(c)
      .filter(([k, v]) => k.startsWith(prefix) && typeof v === 'number')
      .map(([k, v]) => [k.slice(prefix.length), v as number]),
  );

function figuresOf(c: Counters): Figures {
  const n = (name: string) => (typeof c[name] === 'number' ? (c[name] as number) : 0);
  return {
    opened: n('opened'),
    closed: n('closed'),
    cancelled: n('cancelled'),
    breached: n('breached'),
    completedRepairs: n('completedRepairs'),
    followUps: n('followUps'),
    followUpsSatisfied: n('followUpsSatisfied'),
    callBacks: n('callBacks'),
    callBacksSatisfied: n('callBacksSatisfied'),
    followUpRate: ratio(n('followUps'), n('completedRepairs')),
    satisfaction: ratio(n('followUpsSatisfied') + n('callBacksSatisfied'), n('followUps') + n('callBacks')),
    complaintRepliesOnTime: n('complaintRepliesOnTime'),
    complaintRepliesLate: n('complaintRepliesLate'),
    complaintReplyRate: ratio(
      n('complaintRepliesOnTime'),
      n('complaintRepliesOnTime') + n('complaintRepliesLate'),
    ),
    inquiryAnswersOnTime: n('inquiryAnswersOnTime'),
    inquiryAnswersLate: n('inquiryAnswersLate'),
    inquiryOnTimeRate: ratio(n('inquiryAnswersOnTime'), n('inquiryAnswersOnTime') + n('inquiryAnswersLate')),
    contactsByCategory: prefixed(c, 'contacts_'),
    openedByKind: prefixed(c, 'opened_'),
  };
}

function sum(items: Counters[]): Counters {
  const total: Record<string, number> = {};
  for (const item of items)
    for (const [k, v] of Object.entries(item)) if (typeof v === 'number') total[k] = (total[k] ?? 0) + v;
  return total;
}

const nowOf = (c: Counters | undefined): TicketsNow => ({
  open: typeof c?.open === 'number' ? c.open : 0,
  overdue: typeof c?.overdue === 'number' ? c.overdue : 0,
  openByKind: prefixed(c ?? {}, 'open_'),
});

const shiftDay = (day: string, by: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);

/** The days asked for, checked: real dates, in order, at most `maxDays`. */
function daysOf(query: z.output<typeof figuresQuery>, timeZone: string): string[] {
  const check = (d: string) => {
    if (Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || shiftDay(d, 0) !== d)
      throw unprocessable('invalid_date', `${d} is not a date`);
    return d;
  };
  // `to` is checked before the default `from` is counted back from it (an impossible date cannot shift).
  const to = check(query.to ?? localDay(new Date(), timeZone));
  const from = check(query.from ?? shiftDay(to, -6));
  if (from > to) throw unprocessable('invalid_range', 'from must not be after to', { from, to });
  const days: string[] = [];
  for (let d = from; d <= to && days.length <= maxDays; d = shiftDay(d, 1)) days.push(d);
  if (days.length > maxDays)
    throw unprocessable('range_too_long', `Ask for at most ${maxDays} days`, { from, to });
  return days;
}

function assemble(propertyId: string, days: string[], items: Counters[], now: Counters | undefined) {
  const byDay = new Map(items.map((i) => [String(i.day ?? ''), i]));
  const counters = days.map((day) => byDay.get(day) ?? {});
  return {
    propertyId,
    from: days[0]!,
    to: days.at(-1)!,
    now: nowOf(now),
    days: days.map((day, i) => ({ day, ...figuresOf(counters[i]!) })),
    totals: figuresOf(sum(counters)),
  } satisfies PropertyFigures;
}

export const propertyFigures = fn(
  z.object({ propertyId: id, query: figuresQuery }),
  async ({ propertyId, query }): Promise<PropertyFigures> => {
    const store = propertyStore(propertyId);
    const property = await store.mustGet<Property>(keys.property(propertyId), 'Property');
    const days = daysOf(query, property.timeZone);
    const [page, now] = await Promise.all([
      store.query<Counters>({
        partition: keys.property(propertyId).pk,
        between: [ticketKeys.day(propertyId, days[0]!).sk, ticketKeys.day(propertyId, days.at(-1)!).sk],
        limit: maxDays + 1,
      }),
      store.get<Counters>(figureKeys.now(propertyId)),
    ]);
    return assemble(propertyId, days, page.items, now);
  },
);

/** Head office (and anyone with several properties): every visible property's figures, side by side. */
export const companyFigures = fn(figuresQuery, async (query) => {
  const ids = await visiblePropertyIds();
  const store = companyStore(ids);
  const properties = (await store.batchGet<Property>(ids.map((p) => keys.property(p)))).sort((a, b) =>
    a.code.localeCompare(b.code),
  );
  const daysByProperty = new Map(properties.map((p) => [p.id, daysOf(query, p.timeZone)]));
  const dayKeys = properties.flatMap((p) => daysByProperty.get(p.id)!.map((d) => ticketKeys.day(p.id, d)));
  const [dayItems, nowItems] = await Promise.all([
    store.batchGet<Counters & { propertyId?: string }>(dayKeys),
    store.batchGet<Counters>(properties.map((p) => figureKeys.now(p.id))),
  ]);
  return {
    items: properties.map((p) => {
      const own = dayItems.filter((i) => i.propertyId === p.id);
      const now = nowItems.find((i) => i.propertyId === p.id);
      return {
        property: { id: p.id, code: p.code, name: p.name },
        ...assemble(p.id, daysByProperty.get(p.id)!, own, now),
      };
    }),
  };
});
