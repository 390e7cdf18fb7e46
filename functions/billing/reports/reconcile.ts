/**
 * Reconciliation: a property's month figures recomputed from its records — the requests and the
 * adjustments, read by the property's partition Query — and compared with the month-figures items the
 * writes maintained. Any difference is a write that moved a record without its figures (or the
 * reverse); `npm run reconcile -- <propertyId>` prints them (scripts/reconcile.ts).
 */
import { propertyStore } from '../../shared/store.ts';
import { billingSkPrefix } from '../../shared/table.ts';
import type { Adjustment } from '../close/records.ts';
import type { PaymentRequest } from '../records.ts';
import { everyInPartition, type MonthFiguresItem, receivedOf } from './month-figures.ts';

const counters = [
  'receivableCents',
  'receivedCents',
  'adjustedCents',
  'householdsBilled',
  'householdsPaid',
] as const;
type Counter = (typeof counters)[number];
type Counts = Record<Counter, number>;

export interface MonthDifference {
  month: string;
  counter: Counter;
  /** What the month-figures item holds. */
  stored: number;
  /** What the records add up to. */
  recomputed: number;
}

const zero = (): Counts => ({
  receivableCents: 0,
  receivedCents: 0,
  adjustedCents: 0,
  householdsBilled: 0,
  householdsPaid: 0,
});

export async function reconcileProperty(propertyId: string) {
  const store = propertyStore(propertyId);
  const [requests, adjustments, items] = await Promise.all([
    everyInPartition<PaymentRequest>(store, propertyId, billingSkPrefix.requests),
    everyInPartition<Adjustment>(store, propertyId, billingSkPrefix.adjustments),
    everyInPartition<MonthFiguresItem>(store, propertyId, billingSkPrefix.monthFigures),
  ]);
  const recomputed = new Map<string, Counts>();
  const of = (month: string) => recomputed.get(month) ?? recomputed.set(month, zero()).get(month)!;
  for (const r of requests) {
    const c = of(r.period);
    c.receivableCents += r.totalCents;
    c.receivedCents += receivedOf(r);
    c.householdsBilled += 1;
    c.householdsPaid += r.balanceCents === 0 ? 1 : 0;
  }
  for (const a of adjustments) of(a.month).adjustedCents += a.amountCents;
  const stored = new Map(items.map((i) => [i.month ?? '', i]));
  const months = [...new Set([...recomputed.keys(), ...stored.keys()])].sort();
  const differences: MonthDifference[] = [];
  for (const month of months) {
    const item = stored.get(month);
    const counts = recomputed.get(month) ?? zero();
    for (const counter of counters) {
      const value = item?.[counter] ?? 0;
      if (value !== counts[counter])
        differences.push({ month, counter, stored: value, recomputed: counts[counter] });
    }
  }
  return { propertyId, months, requests: requests.length, adjustments: adjustments.length, differences };
}
