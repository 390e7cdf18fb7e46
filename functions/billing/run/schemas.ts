import * as z from 'zod/mini';
import { components, page } from '../../shared/openapi.ts';
import { feeItems } from '../records.ts';

export const billRunRecord = z
  .object({
    id: z.string(),
    propertyId: z.string(),
    period: z.string(),
    state: z.enum(['running', 'finished']),
    total: z.int(),
    done: z.int(),
    issued: z.int(),
    billedCents: z.int(),
    creditCents: z.int(),
    cursor: z.string(),
    problems: z.array(z.string()),
    startedAt: z.string(),
    startedBy: z.string(),
    updatedAt: z.string(),
    finishedAt: z.optional(z.string()),
  })
  .register(components, { id: 'BillRun' });

export const billRunView = z
  .object({
    period: z.string(),
    /** When the schedule bills the period: the billing day and time on the property's clock. */
    billingAt: z.string(),
    dueDate: z.string(),
    run: z.nullable(billRunRecord),
  })
  .register(components, { id: 'BillRunView' });

export const billRunTotals = z
  .object({
    period: z.string(),
    households: z.int(),
    requests: z.int(),
    totalCents: z.int(),
    creditCents: z.int(),
    priorArrearsCents: z.int(),
    byItem: z.array(z.object({ item: z.string(), name: z.string(), cents: z.int(), lines: z.int() })),
    problems: z.array(z.string()),
  })
  .register(components, { id: 'BillRunTotals' });

const requestLine = z.object({
  id: z.string(),
  kind: z.enum(['fee', 'service', 'arrears', 'late_fee', 'adjustment']),
  item: z.enum(feeItems),
  name: z.string(),
  standardId: z.optional(z.string()),
  effectiveFrom: z.optional(z.string()),
  basisText: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  amountCents: z.int(),
  paidCents: z.int(),
  ticketId: z.optional(z.string()),
});

export const paymentRequestRecord = z
  .object({
    id: z.string(),
    propertyId: z.string(),
    period: z.string(),
    householdId: z.string(),
    householdName: z.string(),
    unitId: z.string(),
    buildingId: z.string(),
    roomCode: z.string(),
    lines: z.array(requestLine),
    totalCents: z.int(),
    creditAppliedCents: z.int(),
    paidCents: z.int(),
    balanceCents: z.int(),
    state: z.enum(['issued', 'partially_paid', 'paid']),
    issuedAt: z.string(),
    dueDate: z.string(),
    runId: z.string(),
    version: z.int(),
    priorArrears: z.optional(z.object({ cents: z.int(), periods: z.array(z.string()) })),
  })
  .register(components, { id: 'PaymentRequest' });

export const paymentRequestPage = page(paymentRequestRecord).register(components, {
  id: 'PaymentRequestPage',
});

export type BillRunView = z.infer<typeof billRunView>;
