/** The month close's and adjustments' response schemas (zod/mini), named for the OpenAPI document. */
import * as z from 'zod/mini';
import { components } from '../../shared/openapi.ts';

export const monthFiguresRecord = z
  .object({
    month: z.string(),
    receivableCents: z.int(),
    receivedCents: z.int(),
    adjustedCents: z.int(),
    arrearsCents: z.int(),
    householdsBilled: z.int(),
    householdsPaid: z.int(),
  })
  .register(components, { id: 'BillingMonthFigures' });

const rate = z.object({ value: z.nullable(z.number()), numerator: z.int(), denominator: z.int() });
export const ratesRecord = z
  .object({ amount: rate, households: rate, recovery: rate })
  .register(components, { id: 'CollectionRates' });

export const incomeRecord = z
  .array(z.object({ row: z.string(), receivableCents: z.int(), receivedCents: z.int() }))
  .register(components, { id: 'IncomeByItem' });

const closeFields = {
  closedAt: z.string(),
  closedBy: z.string(),
  closedByName: z.string(),
  note: z.string(),
};

export const monthViewRecord = z
  .object({
    propertyId: z.string(),
    month: z.string(),
    state: z.enum(['open', 'closed']),
    over: z.boolean(),
    figures: monthFiguresRecord,
    rates: ratesRecord,
    income: incomeRecord,
    priorArrearsCents: z.int(),
    priorRecoveredCents: z.int(),
    close: z.nullable(z.object(closeFields)),
  })
  .register(components, { id: 'BillingMonth' });

export const monthCloseRecord = z
  .object({
    propertyId: z.string(),
    month: z.string(),
    ...closeFields,
    figures: monthFiguresRecord,
    rates: ratesRecord,
    income: incomeRecord,
    priorArrearsCents: z.int(),
    priorRecoveredCents: z.int(),
  })
  .register(components, { id: 'BillingMonthClose' });

export const adjustmentRecord = z
  .object({
    id: z.string(),
    propertyId: z.string(),
    month: z.string(),
    corrects: z.object({
      kind: z.enum(['request', 'payment']),
      period: z.string(),
      householdId: z.string(),
      requestId: z.optional(z.string()),
      receiptNumber: z.optional(z.int()),
      paymentId: z.optional(z.string()),
    }),
    householdId: z.string(),
    householdName: z.string(),
    buildingId: z.string(),
    roomCode: z.string(),
    amountCents: z.int(),
    reason: z.string(),
    enteredBy: z.string(),
    enteredByName: z.string(),
    enteredAt: z.string(),
  })
  .register(components, { id: 'BillingAdjustment' });
