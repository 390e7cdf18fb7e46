/** The fee reports' response schemas (zod/mini), named for the OpenAPI document. */
import * as z from 'zod/mini';
import { components } from '../../shared/openapi.ts';
import { incomeRecord, monthFiguresRecord, ratesRecord } from '../close/schemas.ts';

const counts = {
  receivableCents: z.int(),
  receivedCents: z.int(),
  adjustedCents: z.int(),
  arrearsCents: z.int(),
  householdsBilled: z.int(),
  householdsPaid: z.int(),
};
const monthLine = z.extend(monthFiguresRecord, { closed: z.boolean(), rates: ratesRecord });

export const reportFormatQuery = {
  /** `xlsx`: the same report as an Excel workbook. */
  format: z.optional(z.enum(['json', 'xlsx'])),
  lang: z.optional(z.enum(['zh-CN', 'en'])),
};

export const monthsReportRecord = z
  .object({
    propertyId: z.string(),
    propertyName: z.string(),
    from: z.string(),
    to: z.string(),
    months: z.array(monthLine),
    totals: z.extend(monthFiguresRecord, { rates: ratesRecord }),
  })
  .register(components, { id: 'BillingMonthsReport' });

export const householdsReportRecord = z
  .object({
    propertyId: z.string(),
    propertyName: z.string(),
    month: z.string(),
    households: z.array(
      z.object({
        householdId: z.string(),
        householdName: z.string(),
        buildingId: z.string(),
        buildingName: z.string(),
        roomCode: z.string(),
        receivableCents: z.int(),
        receivedCents: z.int(),
        adjustedCents: z.int(),
        arrearsCents: z.int(),
        dueDate: z.string(),
        paidInFull: z.boolean(),
      }),
    ),
    buildings: z.array(z.object({ buildingId: z.string(), buildingName: z.string(), ...counts })),
  })
  .register(components, { id: 'BillingHouseholdsReport' });

export const agingReportRecord = z
  .object({
    propertyId: z.string(),
    propertyName: z.string(),
    asOf: z.string(),
    buckets: z.array(z.object({ bucket: z.string(), requests: z.int(), owingCents: z.int() })),
    totalOwingCents: z.int(),
    rows: z.array(
      z.object({
        period: z.string(),
        householdId: z.string(),
        householdName: z.string(),
        buildingId: z.string(),
        roomCode: z.string(),
        dueDate: z.string(),
        daysPastDue: z.int(),
        bucket: z.string(),
        owingCents: z.int(),
      }),
    ),
  })
  .register(components, { id: 'ArrearsAging' });

export const statementRecord = z
  .object({
    propertyId: z.string(),
    householdId: z.string(),
    householdName: z.string(),
    roomCode: z.string(),
    requests: z.array(
      z.object({
        period: z.string(),
        requestId: z.string(),
        issuedAt: z.string(),
        dueDate: z.string(),
        billedCents: z.int(),
        receivedCents: z.int(),
        balanceCents: z.int(),
        lines: z.array(
          z.object({ name: z.string(), basisText: z.string(), amountCents: z.int(), paidCents: z.int() }),
        ),
      }),
    ),
    adjustments: z.array(
      z.object({
        id: z.string(),
        month: z.string(),
        correctsPeriod: z.string(),
        amountCents: z.int(),
        reason: z.string(),
        enteredAt: z.string(),
      }),
    ),
    totals: z.object({
      billedCents: z.int(),
      receivedCents: z.int(),
      adjustedCents: z.int(),
      owingCents: z.int(),
    }),
  })
  .register(components, { id: 'HouseholdStatement' });

export const overviewRecord = z
  .object({
    month: z.nullable(z.string()),
    properties: z.array(
      z.extend(monthLine, { property: z.object({ id: z.string(), code: z.string(), name: z.string() }) }),
    ),
    totals: z.extend(monthFiguresRecord, { rates: ratesRecord }),
  })
  .register(components, { id: 'BillingOverview' });

export const feeSpendingRecord = z
  .object({
    id: z.string(),
    propertyId: z.string(),
    month: z.string(),
    category: z.string(),
    amountCents: z.int(),
    note: z.string(),
    enteredBy: z.string(),
    enteredByName: z.string(),
    enteredAt: z.string(),
  })
  .register(components, { id: 'FeeSpending' });

export const feeAccountsRecord = z
  .object({
    propertyId: z.string(),
    propertyName: z.string(),
    half: z.string(),
    months: z.array(z.object({ month: z.string(), closed: z.boolean(), receivedCents: z.int() })),
    income: incomeRecord,
    spending: z.array(z.object({ category: z.string(), amountCents: z.int() })),
    entries: z.array(feeSpendingRecord),
    incomeCents: z.int(),
    spendingCents: z.int(),
    balanceCents: z.int(),
  })
  .register(components, { id: 'FeeAccounts' });
