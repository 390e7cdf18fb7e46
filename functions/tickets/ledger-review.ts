/**
 * Ledger review marks (issue 3 part 1; seed 001 篇3 §4.2.4–4.2.5): the team lead reads the front-desk
 * ledger daily, the property head at least weekly, and marks it read. A mark is a record of its own
 * (`LEDGERREVIEW#<day>` or `LEDGERREVIEW#<yyyy-Www>`), put once: marking twice is a 409. A day or a week
 * is marked once it is over in the property's time zone (docs/decisions/006-…).
 */
import * as z from 'zod/mini';
import type { Property } from '../directory/records.ts';
import { date } from '../directory/schemas.ts';
import { useActor } from '../shared/actor.ts';
import { conflict, unprocessable } from '../shared/errors.ts';
import { fn } from '../shared/fn.ts';
import type { Domain } from '../shared/http.ts';
import { components, jsonBody, ok } from '../shared/openapi.ts';
import { propertyStore, type Store } from '../shared/store.ts';
import { keys, ticketKeys } from '../shared/table.ts';
import { ledgerReviewItem } from './items.ts';
import { localDay } from './local-day.ts';
import { id } from './schemas.ts';

const DAY_MS = 86_400_000;
const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const fromDate = (d: Date) => d.toISOString().slice(0, 10);
export const addDays = (day: string, n: number) => fromDate(new Date(toDate(day).getTime() + n * DAY_MS));

/** ISO 8601 week of a calendar day, e.g. 2026-11-23 → 2026-W48. */
export function isoWeekOf(day: string): string {
  const d = toDate(day);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday of an ISO week. */
export function mondayOf(week: string): string {
  const [year, w] = week.split('-W').map(Number) as [number, number];
  const jan4 = Date.UTC(year, 0, 4);
  const monday1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  return fromDate(new Date(monday1 + (w - 1) * 7 * DAY_MS));
}

const realDay = date.check(
  z.refine((d) => !Number.isNaN(toDate(d).getTime()) && fromDate(toDate(d)) === d, {
    message: 'Not a calendar day',
  }),
);
const weekPattern = /^\d{4}-W\d{2}$/;
// zod runs the refinement even when the pattern failed: it must not count weeks from a malformed value.
const isoWeek = z.string().check(
  z.regex(weekPattern, 'Use YYYY-Www'),
  z.refine((w) => weekPattern.test(w) && Number(w.slice(6)) >= 1 && isoWeekOf(mondayOf(w)) === w, {
    message: 'Not an ISO week',
  }),
);

export const dayReviewBody = z
  .strictObject({ day: realDay })
  .register(components, { id: 'LedgerDayReview', example: { day: '2026-11-22' } });
export const weekReviewBody = z
  .strictObject({ week: isoWeek })
  .register(components, { id: 'LedgerWeekReview', example: { week: '2026-W47' } });
const params = z.object({ propertyId: id });

export const ledgerReviewRecord = z
  .object({
    period: z.string(),
    scope: z.enum(['day', 'week']),
    reviewedBy: z.string(),
    reviewedByName: z.string(),
    reviewedAt: z.string(),
    /** Contacts in the ledger when it was marked (more may come in later for a day taken late). */
    contacts: z.int(),
  })
  .register(components, { id: 'LedgerReview' });
export type LedgerReview = z.infer<typeof ledgerReviewRecord>;

export const ledgerReviewStatus = z
  .object({
    today: z.string(),
    currentWeek: z.string(),
    days: z.array(
      z.object({
        day: z.string(),
        contacts: z.int(),
        over: z.boolean(),
        review: z.nullable(ledgerReviewRecord),
      }),
    ),
    weeks: z.array(
      z.object({
        week: z.string(),
        from: z.string(),
        to: z.string(),
        contacts: z.int(),
        over: z.boolean(),
        review: z.nullable(ledgerReviewRecord),
      }),
    ),
  })
  .register(components, { id: 'LedgerReviewStatus' });

/** Today in the property's time zone (the property must exist). */
async function today(store: Store, propertyId: string) {
  const property = await store.mustGet<Property>(keys.property(propertyId), 'Property');
  return localDay(new Date(), property.timeZone);
}

/** Contacts per day from the day counters; a counter item carries no day of its own, so one Get each. */
async function contactsOn(store: Store, propertyId: string, days: string[]): Promise<Map<string, number>> {
  const counters = await Promise.all(
    days.map((d) => store.get<{ contacts?: number }>(ticketKeys.day(propertyId, d))),
  );
  return new Map(days.map((d, i) => [d, counters[i]?.contacts ?? 0]));
}

async function mark(
  propertyId: string,
  scope: 'day' | 'week',
  period: string,
  days: string[],
  isOver: (today: string) => boolean,
) {
  const actor = useActor();
  const store = propertyStore(propertyId);
  if (!isOver(await today(store, propertyId))) {
    throw unprocessable(
      `${scope}_not_over`,
      `A ${scope} of the ledger is marked reviewed once it is over (property time)`,
      { [scope]: period },
    );
  }
  const key = ticketKeys.ledgerReview(propertyId, period);
  const already = (existing: LedgerReview) =>
    conflict('already_reviewed', `This ${scope} is already marked reviewed`, {
      reviewedByName: existing.reviewedByName,
      reviewedAt: existing.reviewedAt,
    });
  const existing = await store.get<LedgerReview>(key);
  if (existing) throw already(existing);
  const counts = await contactsOn(store, propertyId, days);
  const review: LedgerReview = {
    period,
    scope,
    reviewedBy: actor.staffId,
    reviewedByName: actor.name,
    reviewedAt: new Date().toISOString(),
    contacts: [...counts.values()].reduce((a, b) => a + b, 0),
  };
  await store.apply(
    [
      {
        put: ledgerReviewItem({ ...review, propertyId }),
        condition: 'attribute_not_exists(#pk)',
        onFail: conflict('already_reviewed', `This ${scope} is already marked reviewed`),
      },
    ],
    { action: `ledger.review.${scope}`, entity: 'ledgerReview', entityId: period, after: { ...review } },
  );
  return review;
}

export const reviewDay = fn(z.extend(params, { day: realDay }), ({ propertyId, day }) =>
  mark(propertyId, 'day', day, [day], (now) => day < now),
);

export const reviewWeek = fn(z.extend(params, { week: isoWeek }), ({ propertyId, week }) => {
  const monday = mondayOf(week);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  return mark(propertyId, 'week', week, days, (now) => addDays(monday, 7) <= now);
});

/** The last `dayCount` days and `weekCount` ISO weeks (today's and this week's first), with their marks. */
export const reviewStatus = fn(params, async ({ propertyId }) => {
  const dayCount = 14;
  const weekCount = 4;
  const store = propertyStore(propertyId);
  const now = await today(store, propertyId);
  const days = Array.from({ length: dayCount }, (_, i) => addDays(now, -i));
  const thisMonday = mondayOf(isoWeekOf(now));
  const weeks = Array.from({ length: weekCount }, (_, i) => isoWeekOf(addDays(thisMonday, -7 * i)));
  const weekDays = weeks.flatMap((w) => Array.from({ length: 7 }, (_, i) => addDays(mondayOf(w), i)));
  const allDays = [...new Set([...days, ...weekDays])];
  const [counts, reviews] = await Promise.all([
    contactsOn(store, propertyId, allDays),
    store.batchGet<LedgerReview>([...days, ...weeks].map((p) => ticketKeys.ledgerReview(propertyId, p))),
  ]);
  const reviewOf = (period: string) => reviews.find((r) => r.period === period) ?? null;
  return {
    today: now,
    currentWeek: weeks[0],
    days: days.map((day) => ({
      day,
      contacts: counts.get(day) ?? 0,
      over: day < now,
      review: reviewOf(day),
    })),
    weeks: weeks.map((week) => {
      const from = mondayOf(week);
      const to = addDays(from, 6);
      const contacts = Array.from({ length: 7 }, (_, i) => counts.get(addDays(from, i)) ?? 0).reduce(
        (a, b) => a + b,
        0,
      );
      return { week, from, to, contacts, over: to < now, review: reviewOf(week) };
    }),
  };
});

export function ledgerReviewRoutes(domain: Domain) {
  const base = '/properties/{propertyId}/ledger-reviews';
  domain.route(
    {
      method: 'get',
      path: base,
      operationId: 'getLedgerReviews',
      summary: 'Read which of the last days and weeks of the ledger are marked reviewed',
      permission: 'ledger.read',
      request: { params },
      responses: ok(
        ledgerReviewStatus,
        'The last 14 days and 4 weeks: contacts and who marked them reviewed',
      ),
    },
    async (c) => c.json(await reviewStatus(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'post',
      path: `${base}/days`,
      operationId: 'reviewLedgerDay',
      summary: 'Mark a day of the ledger reviewed (team lead)',
      errors: {
        409: 'The day is already marked reviewed',
        422: 'The day is not over yet (property time)',
      },
      permission: 'ledger.reviewDay',
      request: { params, ...jsonBody(dayReviewBody) },
      responses: ok(ledgerReviewRecord, 'The day is marked reviewed', 201),
    },
    async (c) => c.json(await reviewDay({ ...c.req.valid('param'), ...c.req.valid('json') }), 201),
  );
  domain.route(
    {
      method: 'post',
      path: `${base}/weeks`,
      operationId: 'reviewLedgerWeek',
      summary: 'Mark a week of the ledger reviewed (property head)',
      errors: {
        409: 'The week is already marked reviewed',
        422: 'The week is not over yet (property time)',
      },
      permission: 'ledger.reviewWeek',
      request: { params, ...jsonBody(weekReviewBody) },
      responses: ok(ledgerReviewRecord, 'The week is marked reviewed', 201),
    },
    async (c) => c.json(await reviewWeek({ ...c.req.valid('param'), ...c.req.valid('json') }), 201),
  );
}
