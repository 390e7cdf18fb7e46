/**
 * Closing a property's billing month (月结): the figures and rates are snapshotted into CLOSE#<month>,
 * and from then on every transaction that writes the month fails its monthOpenCheck (409). The close
 * itself is conditional on the figures it read: a payment that lands between the read and the close
 * makes the close a 409 (try again), never a snapshot that misses it (docs/decisions/022).
 */
import * as z from 'zod/mini';
import type { Property } from '../../directory/records.ts';
import { useActor } from '../../shared/actor.ts';
import { conflict, unprocessable } from '../../shared/errors.ts';
import { fn } from '../../shared/fn.ts';
import { propertyStore, type Store } from '../../shared/store.ts';
import { billingKeys, keys } from '../../shared/table.ts';
import { id } from '../../tickets/schemas.ts';
import {
  breakdownOf,
  type MonthFigures,
  type MonthFiguresItem,
  monthFiguresOf,
  priorArrearsOfMonth,
  ratesOf,
  readMonthFigures,
  requestsOfMonth,
} from '../reports/month-figures.ts';
import { monthCloseItem } from './items.ts';
import { localMonth, monthParam, realMonth } from './months.ts';
import type { MonthClose } from './records.ts';

export const monthParams = z.object({ propertyId: id, month: monthParam });
export const closeBody = z.strictObject({
  note: z._default(z.string().check(z.maxLength(500)), ''),
});

export interface MonthView {
  propertyId: string;
  month: string;
  /** `open`: still being billed and paid; `closed`: frozen, the snapshot below. */
  state: 'open' | 'closed';
  /** The month has ended in the property's time zone, so finance may close it. */
  over: boolean;
  figures: MonthFigures;
  rates: MonthClose['rates'];
  income: MonthClose['income'];
  priorArrearsCents: number;
  priorRecoveredCents: number;
  close: Pick<MonthClose, 'closedAt' | 'closedBy' | 'closedByName' | 'note'> | null;
}

export async function propertyOf(store: Store, propertyId: string) {
  return store.mustGet<Property>(keys.property(propertyId), 'Property');
}

/** The month as it stands now, from its figures item and its requests (what a close would snapshot). */
async function liveMonth(store: Store, propertyId: string, month: string, consistent = false) {
  const item = await readMonthFigures(store, propertyId, month, consistent);
  const figures = monthFiguresOf(month, item);
  const requests = await requestsOfMonth(store, propertyId, month);
  const breakdown = breakdownOf(requests);
  const prior = await priorArrearsOfMonth(store, propertyId, month, requests);
  return { item, figures, breakdown, prior, rates: ratesOf(figures, prior) };
}

export const readMonth = fn(monthParams, async ({ propertyId, month: m }): Promise<MonthView> => {
  const store = propertyStore(propertyId);
  const property = await propertyOf(store, propertyId);
  const month = realMonth(m);
  const over = localMonth(new Date(), property.timeZone) > month;
  const closed = await store.get<MonthClose>(billingKeys.monthClose(propertyId, month));
  if (closed) {
    const { figures, rates, income, priorArrearsCents, priorRecoveredCents } = closed;
    const { closedAt, closedBy, closedByName, note } = closed;
    return {
      propertyId,
      month,
      state: 'closed',
      over,
      figures,
      rates,
      income,
      priorArrearsCents,
      priorRecoveredCents,
      close: { closedAt, closedBy, closedByName, note },
    };
  }
  const live = await liveMonth(store, propertyId, month);
  return {
    propertyId,
    month,
    state: 'open',
    over,
    figures: live.figures,
    rates: live.rates,
    income: live.breakdown.income,
    ...live.prior,
    close: null,
  };
});

const counters = [
  'receivableCents',
  'receivedCents',
  'adjustedCents',
  'householdsBilled',
  'householdsPaid',
] as const;

/** "The figures are still what the close read": each counter equal, or still absent. */
function unchangedCondition(item: MonthFiguresItem | undefined) {
  if (!item) return { condition: 'attribute_not_exists(#pk)', values: {} };
  const values: Record<string, number> = {};
  const parts = counters.map((name, i) => {
    const value = item[name];
    if (value === undefined) return `attribute_not_exists(#${name})`;
    values[`:c${i}`] = value;
    return `#${name} = :c${i}`;
  });
  return { condition: parts.join(' AND '), values };
}

export const closeMonth = fn(
  z.object({ propertyId: id, month: monthParam, body: closeBody }),
  async ({ propertyId, month: m, body }): Promise<MonthClose> => {
    const store = propertyStore(propertyId);
    const property = await propertyOf(store, propertyId);
    const month = realMonth(m);
    if (localMonth(new Date(), property.timeZone) <= month)
      throw unprocessable('month_not_over', `${month} has not ended yet in the property’s time zone`, {
        month,
        timeZone: property.timeZone,
      });
    if (await store.get(billingKeys.monthClose(propertyId, month), { consistent: true }))
      throw conflict('already_closed', `${month} is already closed`);
    const live = await liveMonth(store, propertyId, month, true);
    const actor = useActor();
    const close: MonthClose = {
      propertyId,
      month,
      closedAt: new Date().toISOString(),
      closedBy: actor.staffId,
      closedByName: actor.name,
      note: body.note,
      figures: live.figures,
      rates: live.rates,
      income: live.breakdown.income,
      ...live.prior,
    };
    const unchanged = unchangedCondition(live.item);
    await store.apply(
      [
        {
          put: monthCloseItem(close),
          condition: 'attribute_not_exists(#pk)',
          onFail: conflict('already_closed', `${month} is already closed`),
        },
        {
          // The figures item carries the close too, so head office reads one item per property and month.
          update: billingKeys.monthFigures(propertyId, month),
          set: {
            recordType: 'billingMonthFigures',
            propertyId,
            month,
            closedAt: close.closedAt,
            ...live.prior,
          },
          ...unchanged,
          onFail: conflict(
            'figures_moved',
            `${month}’s figures changed while it was being closed; try again`,
          ),
        },
      ],
      {
        action: 'billing.monthClose',
        entity: 'billingMonth',
        entityId: month,
        after: { month, figures: close.figures, rates: close.rates, note: close.note },
      },
    );
    return close;
  },
);
