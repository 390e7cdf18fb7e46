/** The month close (月结) and the adjustments that correct a closed month from an open one. */

import type { IncomeByRow, MonthFigures } from '../reports/month-figures.ts';
import type { CollectionRates } from '../reports/rates.ts';

/**
 * A closed month: present once finance closed it, never changed. Its snapshot is what the figures and
 * rates were at the close; from then on every write to the month is refused (monthOpenCheck).
 */
export interface MonthClose {
  propertyId: string;
  month: string;
  closedAt: string;
  closedBy: string;
  closedByName: string;
  note: string;
  figures: MonthFigures;
  rates: CollectionRates;
  income: IncomeByRow[];
  priorArrearsCents: number;
  priorRecoveredCents: number;
}

/** What an adjustment corrects: a household's request of a period, or a payment by its receipt number. */
export type Corrected =
  | { kind: 'request'; period: string; householdId: string; requestId: string }
  | { kind: 'payment'; period: string; householdId: string; receiptNumber: number; paymentId: string };

/**
 * A correction entered in an open month (`month`), linked to what it corrects. `amountCents` > 0 lowers
 * what the household owes (an amount billed wrongly, a waiver); < 0 raises it (an amount billed short).
 * Counted as `adjustedCents` of the month it is entered in, in the same transaction.
 */
export interface Adjustment {
  id: string;
  propertyId: string;
  month: string;
  corrects: Corrected;
  householdId: string;
  householdName: string;
  buildingId: string;
  roomCode: string;
  amountCents: number;
  reason: string;
  enteredBy: string;
  enteredByName: string;
  enteredAt: string;
}
