/**
 * The fee report (收费报表, 001 §7.5): receivable, received and arrears per month, per household and per
 * building of a month, and across properties for head office. Months and head office read the
 * month-figures items only (one per property and month); households and buildings read the month's
 * requests and adjustments by the property's partition Query.
 */
import * as z from 'zod/mini';
import type { Building, Property } from '../../directory/records.ts';
import { visibleProperties } from '../../shared/actor.ts';
import { unprocessable } from '../../shared/errors.ts';
import { fn } from '../../shared/fn.ts';
import { companyListStore, companyStore, propertyStore, type Store } from '../../shared/store.ts';
import { billingKeys, billingSkPrefix, indexKeys, keys, skPrefix } from '../../shared/table.ts';
import { id } from '../../tickets/schemas.ts';
import { addMonths, localMonth, month, monthParam, realMonth } from '../close/months.ts';
import type { Adjustment } from '../close/records.ts';
import { propertyOf } from '../close/service.ts';
import type { PaymentRequest } from '../records.ts';
import {
  everyInPartition,
  type MonthFigures,
  type MonthFiguresItem,
  monthFiguresOf,
  receivedOf,
  requestsOfMonth,
} from './month-figures.ts';
import { type CollectionRates, collectionRates } from './rates.ts';

const maxMonths = 24;

export const monthsQuery = z.strictObject({ from: z.optional(month), to: z.optional(month) });

/** A month's line of the report: its figures and rates; `recovery` once the month is closed. */
export interface MonthLine extends MonthFigures {
  closed: boolean;
  rates: CollectionRates;
}

export function monthLineOf(month: string, item: MonthFiguresItem | undefined): MonthLine {
  const figures = monthFiguresOf(month, item);
  return {
    ...figures,
    closed: Boolean(item?.closedAt),
    rates: collectionRates({
      ...figures,
      priorArrearsCents: item?.priorArrearsCents ?? null,
      priorRecoveredCents: item?.priorRecoveredCents ?? null,
    }),
  };
}

function sumFigures(lines: MonthFigures[], label: string): MonthFigures {
  const total = monthFiguresOf(label, {});
  for (const l of lines) {
    total.receivableCents += l.receivableCents;
    total.receivedCents += l.receivedCents;
    total.adjustedCents += l.adjustedCents;
    total.arrearsCents += l.arrearsCents;
    total.householdsBilled += l.householdsBilled;
    total.householdsPaid += l.householdsPaid;
  }
  return total;
}

function monthRange(query: z.output<typeof monthsQuery>, timeZone: string): string[] {
  const to = query.to ?? localMonth(new Date(), timeZone);
  const from = query.from ?? addMonths(to, -11);
  if (from > to) throw unprocessable('invalid_range', 'from must not be after to', { from, to });
  const months: string[] = [];
  for (let m = from; m <= to && months.length <= maxMonths; m = addMonths(m, 1)) months.push(m);
  if (months.length > maxMonths)
    throw unprocessable('range_too_long', `Ask for at most ${maxMonths} months`, { from, to });
  return months;
}

/** A property's months from `from` to `to` (default: the last 12), one Query of its month-figures items. */
export const monthsReport = fn(
  z.object({ propertyId: id, query: monthsQuery }),
  async ({ propertyId, query }) => {
    const store = propertyStore(propertyId);
    const property = await propertyOf(store, propertyId);
    const months = monthRange(query, property.timeZone);
    const page = await store.query<MonthFiguresItem>({
      partition: keys.property(propertyId).pk,
      between: [
        billingKeys.monthFigures(propertyId, months[0]!).sk,
        billingKeys.monthFigures(propertyId, months.at(-1)!).sk,
      ],
      limit: maxMonths + 1,
    });
    const byMonth = new Map(page.items.map((i) => [i.month ?? '', i]));
    const lines = months.map((m) => monthLineOf(m, byMonth.get(m)));
    const totals = sumFigures(lines, `${months[0]}..${months.at(-1)}`);
    return {
      propertyId,
      propertyName: property.name,
      from: months[0]!,
      to: months.at(-1)!,
      months: lines,
      totals: {
        ...totals,
        rates: collectionRates({ ...totals, priorArrearsCents: null, priorRecoveredCents: null }),
      },
    };
  },
);

export const monthParams = z.object({ propertyId: id, month: monthParam });

/** What a household owes of a month: its request's figures less the adjustments entered for it in the month. */
export interface HouseholdLine {
  householdId: string;
  householdName: string;
  buildingId: string;
  roomCode: string;
  receivableCents: number;
  receivedCents: number;
  adjustedCents: number;
  arrearsCents: number;
  dueDate: string;
  paidInFull: boolean;
}

const adjustmentsOfMonth = (store: Store, propertyId: string, m: string) =>
  everyInPartition<Adjustment>(store, propertyId, billingSkPrefix.adjustmentsOfMonth(m));

/** Lines of the month's requests and adjustments; an adjustment for a household billed in another month is a line of its own. */
export function householdLines(requests: PaymentRequest[], adjustments: Adjustment[]): HouseholdLine[] {
  const lines = new Map<string, HouseholdLine>();
  for (const r of requests)
    lines.set(r.householdId, {
      householdId: r.householdId,
      householdName: r.householdName,
      buildingId: r.buildingId,
      roomCode: r.roomCode,
      receivableCents: r.totalCents,
      receivedCents: receivedOf(r),
      adjustedCents: 0,
      arrearsCents: r.balanceCents,
      dueDate: r.dueDate,
      paidInFull: r.balanceCents === 0,
    });
  for (const a of adjustments) {
    const line = lines.get(a.householdId) ?? {
      householdId: a.householdId,
      householdName: a.householdName,
      buildingId: a.buildingId,
      roomCode: a.roomCode,
      receivableCents: 0,
      receivedCents: 0,
      adjustedCents: 0,
      arrearsCents: 0,
      dueDate: '',
      paidInFull: false,
    };
    line.adjustedCents += a.amountCents;
    line.arrearsCents -= a.amountCents;
    lines.set(a.householdId, line);
  }
  return [...lines.values()].sort(
    (x, y) =>
      x.buildingId.localeCompare(y.buildingId) ||
      x.roomCode.localeCompare(y.roomCode, 'en', { numeric: true }),
  );
}

async function buildingNames(store: Store, propertyId: string) {
  const buildings = await everyInPartition<Building>(store, propertyId, skPrefix.building);
  return new Map(buildings.map((b) => [b.id, b.name]));
}

/** Every household of the month (rows for the screen and the workbook alike), and the month's totals. */
export const householdsReport = fn(monthParams, async ({ propertyId, month: m }) => {
  const store = propertyStore(propertyId);
  const property = await propertyOf(store, propertyId);
  const month = realMonth(m);
  const [requests, adjustments, names] = await Promise.all([
    requestsOfMonth(store, propertyId, month),
    adjustmentsOfMonth(store, propertyId, month),
    buildingNames(store, propertyId),
  ]);
  const households = householdLines(requests, adjustments).map((l) => ({
    ...l,
    buildingName: names.get(l.buildingId) ?? '',
  }));
  const buildings = new Map<
    string,
    { buildingId: string; buildingName: string } & Omit<MonthFigures, 'month'>
  >();
  for (const l of households) {
    const b = buildings.get(l.buildingId) ?? {
      buildingId: l.buildingId,
      buildingName: l.buildingName,
      receivableCents: 0,
      receivedCents: 0,
      adjustedCents: 0,
      arrearsCents: 0,
      householdsBilled: 0,
      householdsPaid: 0,
    };
    b.receivableCents += l.receivableCents;
    b.receivedCents += l.receivedCents;
    b.adjustedCents += l.adjustedCents;
    b.arrearsCents += l.arrearsCents;
    b.householdsBilled += l.dueDate ? 1 : 0;
    b.householdsPaid += l.paidInFull ? 1 : 0;
    buildings.set(l.buildingId, b);
  }
  return {
    propertyId,
    propertyName: property.name,
    month,
    households,
    buildings: [...buildings.values()].sort((x, y) => x.buildingName.localeCompare(y.buildingName, 'zh-CN')),
  };
});

export const overviewQuery = z.strictObject({ month: z.optional(month) });

/**
 * Head office (and anyone with several properties): each visible property's month, side by side, from
 * its one month-figures item (BatchGet), whatever the number of households or months.
 */
export const billingOverview = fn(overviewQuery, async (query) => {
  const visible = visibleProperties();
  let properties: Property[];
  if (visible === 'all') {
    properties = [];
    let cursor: string | undefined;
    do {
      const page = await companyListStore().query<Property>({
        index: 'listing',
        partition: indexKeys.allProperties('').listingPk,
        cursor,
        limit: 100,
      });
      properties.push(...page.items);
      cursor = page.cursor ?? undefined;
    } while (cursor);
  } else properties = await companyStore(visible).batchGet<Property>(visible.map((p) => keys.property(p)));
  properties.sort((a, b) => a.code.localeCompare(b.code));
  const ids = properties.map((p) => p.id);
  // The month asked for, or the month before the current one in each property's time zone.
  const monthOf = (p: Property) => query.month ?? addMonths(localMonth(new Date(), p.timeZone), -1);
  const items = await companyStore(ids).batchGet<MonthFiguresItem & { propertyId: string }>(
    properties.map((p) => billingKeys.monthFigures(p.id, monthOf(p))),
  );
  const byProperty = new Map(items.map((i) => [i.propertyId, i]));
  const rows = properties.map((p) => ({
    property: { id: p.id, code: p.code, name: p.name },
    ...monthLineOf(monthOf(p), byProperty.get(p.id)),
  }));
  const totals = sumFigures(rows, query.month ?? '');
  return {
    month: query.month ?? null,
    properties: rows,
    totals: {
      ...totals,
      rates: collectionRates({ ...totals, priorArrearsCents: null, priorRecoveredCents: null }),
    },
  };
});
