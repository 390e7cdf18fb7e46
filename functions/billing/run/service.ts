/**
 * When a property is billed, and the bill run's reads and "run now" (docs/billing.md, "The monthly
 * bill run"). A property is billed once its own local time reaches its billing day and time.
 */
import * as z from 'zod/mini';
import type { Property } from '../../directory/records.ts';
import { id } from '../../directory/schemas.ts';
import type { JobPayload, JobResult } from '../../jobs/index.ts';
import { zonedInstant } from '../../reports/periods.ts';
import { useActor } from '../../shared/actor.ts';
import { AppError, unprocessable } from '../../shared/errors.ts';
import { fn } from '../../shared/fn.ts';
import { logger } from '../../shared/log.ts';
import { forEachProperty, propertyStore } from '../../shared/store.ts';
import { billingKeys, billingSkPrefix, keys } from '../../shared/table.ts';
import { addMonths, localMonth, monthParam, realMonth } from '../close/months.ts';
import type { PaymentRequest } from '../records.ts';
import type { BillRun } from './records.ts';
import { billPeriod, dryRun } from './run.ts';

export const defaultBillingTime = '09:00';

/** The instant the bill run of `period` starts: the billing day and time on the property's clock. */
export const billingInstant = (
  property: Pick<Property, 'billingDay' | 'billingTime' | 'timeZone'>,
  period: string,
) =>
  zonedInstant(
    `${period}-${String(property.billingDay).padStart(2, '0')}`,
    property.billingTime ?? defaultBillingTime,
    property.timeZone,
  );

/**
 * How long one invocation bills before it leaves the rest to the next (the jobs Lambda stops at 5
 * minutes; the schedule comes back every 15, and "run now" answers within the API's 29 seconds).
 */
const jobBudgetMs = () => Number(process.env.BILL_RUN_BUDGET_MS ?? 240_000);
const requestBudgetMs = 20_000;

/**
 * The bill-run job: for each property, a run of last month left unfinished is continued, and this
 * month's is run (or continued) once the property's billing instant has passed. `scheduledAt` is the
 * instant it acts for, so tests drive it with explicit instants.
 */
export async function runBillRuns(payload: JobPayload): Promise<JobResult> {
  const now = new Date(payload.scheduledAt ?? Date.now());
  const deadline = Date.now() + jobBudgetMs();
  const results = await forEachProperty(async (propertyId) => {
    try {
      return await billProperty(propertyId, now, deadline);
    } catch (error) {
      // A closed month or a run lost to a conflict stops this property, not the others.
      if (!(error instanceof AppError)) throw error;
      logger.warn('bill run stopped for a property', { propertyId, code: error.code });
      return { read: 1, changed: 0 };
    }
  });
  return {
    read: results.reduce((a, r) => a + r.read, 0),
    changed: results.reduce((a, r) => a + r.changed, 0),
  };
}

async function billProperty(propertyId: string, now: Date, deadline: number): Promise<JobResult> {
  const store = propertyStore(propertyId);
  const property = await store.get<Property>(keys.property(propertyId));
  if (!property) return { read: 0, changed: 0 };
  const period = localMonth(now, property.timeZone);
  const previous = await store.get<BillRun>(billingKeys.billRun(propertyId, addMonths(period, -1)));
  let changed = 0;
  if (previous?.state === 'running') {
    const after = await billPeriod(store, property, previous.period, { by: '系统', deadline });
    changed += after.issued - previous.issued;
  }
  if (now >= billingInstant(property, period)) {
    const before = await store.get<BillRun>(billingKeys.billRun(propertyId, period));
    if (before?.state !== 'finished') {
      const after = await billPeriod(store, property, period, { by: '系统', deadline });
      changed += after.issued - (before?.issued ?? 0);
    }
  }
  return { read: 1, changed };
}

export const monthParams = z.object({ propertyId: id, month: monthParam });

/** A month that has begun on the property's clock: a later one cannot be billed yet. */
async function billable(propertyId: string, month: string) {
  const store = propertyStore(propertyId);
  const property = await store.mustGet<Property>(keys.property(propertyId), 'Property');
  if (realMonth(month) > localMonth(new Date(), property.timeZone))
    throw unprocessable('month_not_begun', `${month} has not begun yet`, { month });
  return { store, property };
}

export const getBillRun = fn(monthParams, async ({ propertyId, month }) => {
  const store = propertyStore(propertyId);
  const property = await store.mustGet<Property>(keys.property(propertyId), 'Property');
  realMonth(month);
  const run = await store.get<BillRun>(billingKeys.billRun(propertyId, month));
  return {
    period: month,
    billingAt: billingInstant(property, month).toISOString(),
    dueDate: `${month}-${String(property.dueDay).padStart(2, '0')}`,
    run: run ?? null,
  };
});

export const runBillNow = fn(monthParams, async ({ propertyId, month }) => {
  const { store, property } = await billable(propertyId, month);
  return billPeriod(store, property, month, { by: useActor().name, deadline: Date.now() + requestBudgetMs });
});

export const dryRunBill = fn(monthParams, async ({ propertyId, month }) => {
  const { store, property } = await billable(propertyId, month);
  return dryRun(store, property, month);
});

export const requestsQuery = z.object({
  householdId: z.optional(id),
  cursor: z.optional(z.string().check(z.maxLength(2048))),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100))),
});

/** The period's requests in household order, a page at a time; or one household's. */
export const listRequests = fn(
  z.extend(monthParams, { query: requestsQuery }),
  async ({ propertyId, month, query }) => {
    const store = propertyStore(propertyId);
    await store.mustGet(keys.property(propertyId), 'Property');
    realMonth(month);
    if (query.householdId) {
      const one = await store.get<PaymentRequest>(
        billingKeys.paymentRequest(propertyId, month, query.householdId),
      );
      return { items: one ? [one] : [], cursor: null };
    }
    return store.query<PaymentRequest>({
      partition: keys.property(propertyId).pk,
      beginsWith: billingSkPrefix.requestsOfPeriod(month),
      limit: query.limit ?? 50,
      cursor: query.cursor,
    });
  },
);
