/**
 * Late fees (滞纳金): none unless the property turned them on (settings.lateFee.enabled). Where on, a
 * request's overdue principal — what is left of its lines other than late fees — accrues the daily
 * rate from the day after the grace days that follow the due day, rounded down to the fen, never more
 * than the cap. Billing one onto the next request is the bill run's: it calls `lateFeeLine`.
 */
import type { RequestLine } from '../records.ts';
import type { LateFeeTerms } from './settings.ts';

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** Whole days from the due day to `asOf` (property-local days): 1 on the day after the due day. */
export const daysOverdue = (dueDate: string, asOf: string) =>
  Math.max(0, dayNumber(asOf) - dayNumber(dueDate));

export interface LateFee {
  /** Days that accrued (overdue days less the grace days). */
  days: number;
  principalCents: number;
  cents: number;
  /** The cap held it down. */
  capped: boolean;
}

/** The late fee on `principalCents` due on `dueDate`, as of the property-local day `asOf`. */
export function lateFeeOf(
  terms: LateFeeTerms,
  principalCents: number,
  dueDate: string,
  asOf: string,
): LateFee {
  const days = Math.max(0, daysOverdue(dueDate, asOf) - terms.graceDays);
  if (!terms.enabled || days === 0 || principalCents <= 0)
    return { days, principalCents, cents: 0, capped: false };
  // Integers throughout: fen × (1/10 000 per day) × days, rounded down once at the end.
  const accrued = Math.floor((principalCents * terms.dailyRatePerTenThousand * days) / 10_000);
  const cap = Math.floor((principalCents * terms.capPercent) / 100);
  return { days, principalCents, cents: Math.min(accrued, cap), capped: accrued > cap };
}

/** What is left to pay of a request's lines other than late fees: the base of a late fee. */
export const overduePrincipal = (lines: RequestLine[]) =>
  lines.filter((l) => l.kind !== 'late_fee').reduce((sum, l) => sum + l.amountCents - l.paidCents, 0);
