/** A household's statement (对账单): every request with what it received, and every adjustment, oldest first. */
import * as z from 'zod/mini';
import type { Household, Unit } from '../../directory/records.ts';
import { fn } from '../../shared/fn.ts';
import { propertyStore } from '../../shared/store.ts';
import { billingIndexKeys, keys } from '../../shared/table.ts';
import { id } from '../../tickets/schemas.ts';
import type { Adjustment } from '../close/records.ts';
import type { PaymentRequest } from '../records.ts';
import { receivedOf } from './month-figures.ts';

export const statementParams = z.object({ propertyId: id, householdId: id });

export const householdStatement = fn(statementParams, async ({ propertyId, householdId }) => {
  const store = propertyStore(propertyId);
  const household = await store.mustGet<Household>(keys.household(propertyId, householdId), 'Household');
  const unit = await store.get<Unit>(keys.unit(propertyId, household.unitId));
  const every = async <T>(partition: string) => {
    const found: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.query<T>({ index: 'listing', partition, cursor, limit: 200 });
      found.push(...page.items);
      cursor = page.cursor ?? undefined;
    } while (cursor);
    return found;
  };
  const [requests, adjustments] = await Promise.all([
    every<PaymentRequest>(billingIndexKeys.requestsOfHousehold(propertyId, householdId, '').listingPk),
    every<Adjustment>(billingIndexKeys.adjustmentsOfHousehold(propertyId, householdId, '', '').listingPk),
  ]);
  const requestLines = requests.map((r) => ({
    period: r.period,
    requestId: r.id,
    issuedAt: r.issuedAt,
    dueDate: r.dueDate,
    billedCents: r.totalCents,
    receivedCents: receivedOf(r),
    balanceCents: r.balanceCents,
    lines: r.lines.map((l) => ({
      name: l.name,
      basisText: l.basisText,
      amountCents: l.amountCents,
      paidCents: l.paidCents,
    })),
  }));
  const adjustmentLines = adjustments.map((a) => ({
    id: a.id,
    month: a.month,
    correctsPeriod: a.corrects.period,
    amountCents: a.amountCents,
    reason: a.reason,
    enteredAt: a.enteredAt,
  }));
  const billedCents = requestLines.reduce((s, r) => s + r.billedCents, 0);
  const receivedCents = requestLines.reduce((s, r) => s + r.receivedCents, 0);
  const adjustedCents = adjustmentLines.reduce((s, a) => s + a.amountCents, 0);
  return {
    propertyId,
    householdId,
    householdName: household.name,
    roomCode: unit?.roomCode ?? '',
    requests: requestLines,
    adjustments: adjustmentLines,
    totals: {
      billedCents,
      receivedCents,
      adjustedCents,
      owingCents: billedCents - receivedCents - adjustedCents,
    },
  };
});
