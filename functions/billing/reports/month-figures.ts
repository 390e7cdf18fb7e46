/**
 * A property's billing figures of a month as the reports read them: the month-figures item (ADDed on
 * every write that moves them, functions/billing/items.ts), and — for what the item does not count —
 * the month's own requests and adjustments, read by the property's partition Query.
 */
import type { Store } from '../../shared/store.ts';
import { billingIndexKeys, billingKeys, billingSkPrefix, keys } from '../../shared/table.ts';
import { addMonths } from '../close/months.ts';
import { queryAll } from '../query-all.ts';
import type { FeeItem, PaymentRequest } from '../records.ts';
import { type CollectionRates, collectionRates, priorArrearsOf } from './rates.ts';

/** The stored month-figures item: counters, and what the close SET on it (its rates' last inputs). */
export interface MonthFiguresItem {
  month?: string;
  receivableCents?: number;
  receivedCents?: number;
  adjustedCents?: number;
  householdsBilled?: number;
  householdsPaid?: number;
  closedAt?: string;
  priorArrearsCents?: number;
  priorRecoveredCents?: number;
}

export interface MonthFigures {
  month: string;
  receivableCents: number;
  receivedCents: number;
  adjustedCents: number;
  /** receivable − received − adjusted: what is still owed on the month's requests after its adjustments. */
  arrearsCents: number;
  householdsBilled: number;
  householdsPaid: number;
}

export function monthFiguresOf(month: string, item: MonthFiguresItem | undefined): MonthFigures {
  const n = (v: number | undefined) => v ?? 0;
  const receivableCents = n(item?.receivableCents);
  const receivedCents = n(item?.receivedCents);
  const adjustedCents = n(item?.adjustedCents);
  return {
    month,
    receivableCents,
    receivedCents,
    adjustedCents,
    arrearsCents: receivableCents - receivedCents - adjustedCents,
    householdsBilled: n(item?.householdsBilled),
    householdsPaid: n(item?.householdsPaid),
  };
}

/** Every page of a Query of the property's partition under `prefix`. */
export const everyInPartition = <T>(store: Store, propertyId: string, prefix: string) =>
  queryAll<T>(store, { partition: keys.property(propertyId).pk, beginsWith: prefix, limit: 500 });

export const requestsOfMonth = (store: Store, propertyId: string, month: string) =>
  everyInPartition<PaymentRequest>(store, propertyId, billingSkPrefix.requestsOfPeriod(month));

/** What a request has received: its total less what is left (payments and prepayment credit alike). */
export const receivedOf = (r: Pick<PaymentRequest, 'totalCents' | 'balanceCents'>) =>
  r.totalCents - r.balanceCents;

/** Income rows: each fee item, the prior arrears carried onto the requests, and credit not on a line. */
export type IncomeRow = FeeItem | 'arrears' | 'credit';
export interface IncomeByRow {
  row: IncomeRow;
  receivableCents: number;
  receivedCents: number;
}

/** What the month's requests say beyond the counters: income by item. */
export interface MonthBreakdown {
  income: IncomeByRow[];
}

export function breakdownOf(requests: PaymentRequest[]): MonthBreakdown {
  const rows = new Map<IncomeRow, IncomeByRow>();
  const add = (row: IncomeRow, receivableCents: number, receivedCents: number) => {
    const r = rows.get(row) ?? { row, receivableCents: 0, receivedCents: 0 };
    r.receivableCents += receivableCents;
    r.receivedCents += receivedCents;
    rows.set(row, r);
  };
  for (const request of requests) {
    let onLines = 0;
    for (const line of request.lines) {
      const row: IncomeRow = line.kind === 'arrears' ? 'arrears' : line.item;
      add(row, line.amountCents, line.paidCents);
      onLines += line.paidCents;
    }
    // Received but on no line (prepayment credit spent when issued, where the run does not allocate it).
    const offLines = receivedOf(request) - onLines;
    if (offLines !== 0) add('credit', 0, offLines);
  }
  return { income: [...rows.values()] };
}

/**
 * The requests of months before `month` still unpaid now (the sparse UNPAID index, by period): the
 * arrears a bill run shows, and what of a month's prior arrears is not yet recovered.
 */
export const unpaidBefore = (store: Store, propertyId: string, month: string) =>
  queryAll<PaymentRequest>(store, {
    index: 'lookup',
    partition: billingIndexKeys.unpaidRequests(propertyId, month, '', '', '').lookupPk,
    between: ['0000', `${addMonths(month, -1)}#~`],
    limit: 1000,
  });

/** The prior arrears `requests` (of `month`) brought in and what of them is recovered now (rates.ts). */
export async function priorArrearsOfMonth(
  store: Store,
  propertyId: string,
  month: string,
  requests: PaymentRequest[],
) {
  const open = new Map(
    (await unpaidBefore(store, propertyId, month)).map((r) => [
      `${r.householdId}#${r.period}`,
      r.balanceCents,
    ]),
  );
  return priorArrearsOf(requests, (householdId, period) => open.get(`${householdId}#${period}`) ?? 0);
}

export function ratesOf(
  figures: MonthFigures,
  prior: { priorArrearsCents: number; priorRecoveredCents: number } | null,
): CollectionRates {
  return collectionRates({
    ...figures,
    priorArrearsCents: prior?.priorArrearsCents ?? null,
    priorRecoveredCents: prior?.priorRecoveredCents ?? null,
  });
}

export const readMonthFigures = async (store: Store, propertyId: string, month: string, consistent = false) =>
  store.get<MonthFiguresItem>(billingKeys.monthFigures(propertyId, month), { consistent });
