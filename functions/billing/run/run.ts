/**
 * The monthly bill run of one property and period (docs/billing.md, "The monthly bill run";
 * docs/decisions/NNN-bill-run.md). Idempotent: the run record BILLRUN#<period> keeps the last household
 * done (`cursor`), and each batch's transaction puts its households' requests (each conditional on not
 * existing), moves the cursor on condition it is still where the batch started, checks the month is
 * open and ADDs the month's figures — so a retry, a second run at the same time or a re-run after a
 * crash finds the households already done and bills each exactly once.
 */
import type { Household, Property } from '../../directory/records.ts';
import { AppError, conflict } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { logger } from '../../shared/log.ts';
import type { Store, WriteOp } from '../../shared/store.ts';
import { billingKeys } from '../../shared/table.ts';
import type { ChargeableItem } from '../../tickets/chargeable-items.ts';
import { chargeItem } from '../../tickets/items.ts';
import { monthFiguresOp, monthOpenCheck, paymentRequestItem } from '../items.ts';
import type { PaymentRequest, RequestLine } from '../records.ts';
import { linesFor, makePlan, type Plan, requestFor } from './plan.ts';
import type { BillRun, BillRunTotals } from './records.ts';

/** Households per transaction: 25 requests + their charges and credits + 4 stay under 100 items. */
const batchSize = 25;
const maxItems = 96;

export const billRunItem = (run: BillRun) => ({
  ...billingKeys.billRun(run.propertyId, run.period),
  recordType: 'billRun',
  ...run,
});

/** Each household's prepayment credit (CREDIT#<hid>, kept by payments), read by its key. */
async function creditsOf(store: Store, propertyId: string, households: Household[]) {
  const found = await Promise.all(
    households.map((h) => store.get<{ balanceCents?: number }>(billingKeys.credit(propertyId, h.id))),
  );
  return new Map(households.map((h, i) => [h.id, { balanceCents: found[i]?.balanceCents ?? 0 }]));
}

interface Built {
  request: PaymentRequest;
  charges: ChargeableItem[];
}

/** The requests of a batch of households, with the credit each spends (none: nothing to bill). */
async function build(store: Store, plan: Plan, batch: Household[], runId: string, at: string) {
  const credits = await creditsOf(store, plan.property.id, batch);
  const built: Built[] = [];
  const problems: string[] = [];
  for (const h of batch) {
    const { lines, problems: p } = linesFor(plan, h);
    problems.push(...p);
    if (!lines.length) continue;
    const request = requestFor(plan, h, lines, credits.get(h.id)?.balanceCents ?? 0, runId, at);
    built.push({ request, charges: plan.charges.get(h.id) ?? [] });
  }
  return { built, problems, credits };
}

function batchOps(
  plan: Plan,
  run: BillRun,
  batch: Household[],
  built: Built[],
  problems: string[],
  at: string,
) {
  const pid = plan.property.id;
  const last = batch.at(-1)!.id;
  const finished = last === plan.payers.at(-1)!.id;
  const billed = built.reduce((a, b) => a + b.request.totalCents, 0);
  const credit = built.reduce((a, b) => a + b.request.creditAppliedCents, 0);
  const ops: WriteOp[] = [
    {
      update: billingKeys.billRun(pid, plan.period),
      set: {
        cursor: last,
        updatedAt: at,
        ...(finished ? { state: 'finished', finishedAt: at } : {}),
        ...(problems.length ? { problems: [...run.problems, ...problems].slice(0, 50) } : {}),
      },
      add: { done: batch.length, issued: built.length, billedCents: billed, creditCents: credit },
      condition: '#cursor = :from AND #state = :running',
      values: { ':from': run.cursor, ':running': 'running' },
      onFail: conflict('run_moved', 'Another run billed these households first'),
    },
    monthOpenCheck(pid, plan.period),
  ];
  if (built.length)
    ops.push(
      monthFiguresOp(pid, plan.period, {
        receivableCents: billed,
        receivedCents: credit,
        householdsBilled: built.length,
        householdsPaid: built.filter((b) => b.request.balanceCents === 0).length,
      }),
    );
  for (const { request, charges } of built) {
    ops.push({
      put: paymentRequestItem(request),
      condition: 'attribute_not_exists(#pk)',
      onFail: conflict('request_exists', 'This household already has its request of the period'),
    });
    for (const c of charges)
      ops.push({
        put: chargeItem({ ...c, state: 'billed' }),
        condition: '#state = :unbilled AND #amountCents = :amount',
        values: { ':unbilled': 'unbilled', ':amount': c.amountCents },
        onFail: conflict('charge_moved', 'A paid-service fee changed while it was being billed'),
      });
    if (request.creditAppliedCents > 0)
      ops.push({
        update: billingKeys.credit(plan.property.id, request.householdId),
        add: { balanceCents: -request.creditAppliedCents },
        condition: '#balanceCents >= :spent',
        values: { ':spent': request.creditAppliedCents },
        onFail: conflict('credit_moved', 'A prepayment credit changed while it was being spent'),
      });
  }
  return ops;
}

const retryable = new Set(['run_moved', 'busy', 'charge_moved', 'credit_moved', 'request_exists']);

/** The run record of the period, put once; a second start finds the first. */
async function startRun(store: Store, plan: Plan, by: string, at: string): Promise<BillRun> {
  const key = billingKeys.billRun(plan.property.id, plan.period);
  const existing = await store.get<BillRun>(key, { consistent: true });
  if (existing) return existing;
  const run: BillRun = {
    id: newId(),
    propertyId: plan.property.id,
    period: plan.period,
    state: plan.payers.length ? 'running' : 'finished',
    total: plan.payers.length,
    done: 0,
    issued: 0,
    billedCents: 0,
    creditCents: 0,
    cursor: '',
    problems: plan.problems.slice(0, 50),
    startedAt: at,
    startedBy: by,
    updatedAt: at,
    ...(plan.payers.length ? {} : { finishedAt: at }),
  };
  try {
    await store.apply(
      [
        {
          put: billRunItem(run),
          condition: 'attribute_not_exists(#pk)',
          onFail: conflict('run_exists', 'Started'),
        },
        monthOpenCheck(plan.property.id, plan.period),
      ],
      { action: 'billRun.start', entity: 'billRun', entityId: plan.period, after: { total: run.total } },
    );
    return run;
  } catch (error) {
    if ((error as AppError).code !== 'run_exists') throw error;
    return (await store.get<BillRun>(key, { consistent: true }))!;
  }
}

export interface RunOptions {
  /** Who started it: a staff name, or the schedule. */
  by: string;
  /** Stop after the batch that ends past this instant (ms since epoch); the run continues next time. */
  deadline: number;
}

/**
 * Bills the period from where the run stands until it is finished or the deadline passes. Returns
 * the run as it stands. A batch another run committed first is skipped, never billed again.
 */
export async function billPeriod(store: Store, property: Property, period: string, options: RunOptions) {
  const plan = await makePlan(store, property, period);
  let run = await startRun(store, plan, options.by, new Date().toISOString());
  const key = billingKeys.billRun(property.id, period);
  let attempts = 0;
  while (run.state === 'running' && Date.now() < options.deadline) {
    const start = plan.payers.findIndex((h) => h.id > run.cursor);
    if (start < 0) break;
    const at = new Date().toISOString();
    let batch = plan.payers.slice(start, start + batchSize);
    let { built, problems } = await build(store, plan, batch, run.id, at);
    // Keep a transaction within DynamoDB's 100 items: fewer households when charges and credits add up.
    while (batch.length > 1 && batchOps(plan, run, batch, built, problems, at).length > maxItems) {
      batch = batch.slice(0, -1);
      ({ built, problems } = await build(store, plan, batch, run.id, at));
    }
    try {
      await store.apply(batchOps(plan, run, batch, built, problems, at), {
        action: 'billRun.batch',
        entity: 'billRun',
        entityId: period,
        after: { households: batch.length, requests: built.map((b) => b.request.householdId) },
      });
      run = {
        ...run,
        cursor: batch.at(-1)!.id,
        done: run.done + batch.length,
        issued: run.issued + built.length,
        billedCents: run.billedCents + built.reduce((a, b) => a + b.request.totalCents, 0),
        creditCents: run.creditCents + built.reduce((a, b) => a + b.request.creditAppliedCents, 0),
        problems: [...run.problems, ...problems].slice(0, 50),
        ...(batch.at(-1)!.id === plan.payers.at(-1)!.id
          ? { state: 'finished' as const, finishedAt: at }
          : {}),
      };
      attempts = 0;
    } catch (error) {
      const code = (error as AppError).code;
      if (!(error instanceof AppError) || !retryable.has(code) || ++attempts > 20) throw error;
      logger.info('bill run batch lost a race; reading where the run stands', { period, code });
      if (code === 'charge_moved' || code === 'credit_moved' || code === 'request_exists') {
        // Read again what moved: the charges of the period, the credits (read per batch anyway).
        Object.assign(plan, await makePlan(store, property, period));
      }
      if (code === 'request_exists') await skipBilled(store, plan, batch);
      run = (await store.get<BillRun>(key, { consistent: true }))!;
    }
  }
  return run;
}

/**
 * A request put outside this run's order (never by the run itself): the households of the batch
 * that already have one keep it and are not billed again.
 */
async function skipBilled(store: Store, plan: Plan, batch: Household[]) {
  const existing = await Promise.all(
    batch.map((h) =>
      store.get(billingKeys.paymentRequest(plan.property.id, plan.period, h.id), { consistent: true }),
    ),
  );
  const billed = new Set(batch.filter((_, i) => existing[i]).map((h) => h.id));
  plan.payers = plan.payers.filter((h) => !billed.has(h.id));
}

/** The totals a run would bill now, without writing anything. */
export async function dryRun(store: Store, property: Property, period: string): Promise<BillRunTotals> {
  const plan = await makePlan(store, property, period);
  const byItem = new Map<string, BillRunTotals['byItem'][number]>();
  const totals: BillRunTotals = {
    period,
    households: plan.payers.length,
    requests: 0,
    totalCents: 0,
    creditCents: 0,
    priorArrearsCents: 0,
    byItem: [],
    problems: [...plan.problems],
  };
  for (let i = 0; i < plan.payers.length; i += 100) {
    const batch = plan.payers.slice(i, i + 100);
    const { built, problems } = await build(store, plan, batch, 'dry-run', new Date().toISOString());
    totals.problems.push(...problems);
    for (const { request } of built) {
      totals.requests += 1;
      totals.totalCents += request.totalCents;
      totals.creditCents += request.creditAppliedCents;
      totals.priorArrearsCents += request.priorArrears?.cents ?? 0;
      for (const line of request.lines as RequestLine[]) {
        const key = `${line.item}:${line.name}`;
        const row = byItem.get(key) ?? { item: line.item, name: line.name, cents: 0, lines: 0 };
        row.cents += line.amountCents;
        row.lines += 1;
        byItem.set(key, row);
      }
    }
  }
  totals.byItem = [...byItem.values()];
  totals.problems = totals.problems.slice(0, 50);
  return totals;
}
