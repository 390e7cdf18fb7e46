/**
 * The monthly bill run of one property and period (docs/billing.md, "The monthly bill run";
 * docs/decisions/NNN-bill-run.md). Idempotent: the run record BILLRUN#<period> keeps the last household
 * done (`cursor`), and each batch's transaction puts its households' requests (each conditional on not
 * existing), moves the cursor on condition it is still where the batch started, checks the month is
 * open and ADDs the month's figures — so a retry, a second run at the same time or a re-run after a
 * crash finds the households already done and bills each exactly once.
 */
import type { Household, Property } from '../../directory/records.ts';
import { type Actor, useActor } from '../../shared/actor.ts';
import { AppError, conflict } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { logger } from '../../shared/log.ts';
import type { Store, WriteOp } from '../../shared/store.ts';
import { billingKeys } from '../../shared/table.ts';
import type { ChargeableItem } from '../../tickets/chargeable-items.ts';
import { chargeItem } from '../../tickets/items.ts';
import { monthFiguresOp, monthOpenCheck, paymentRequestItem } from '../items.ts';
import { creditOps } from '../payments/take.ts';
import type { PaymentRequest, RequestLine } from '../records.ts';
import { linesFor, makePlan, type Plan, requestFor } from './plan.ts';
import type { BillRun, BillRunTotals } from './records.ts';

/**
 * DynamoDB's 100 items a transaction, less the audit entry the store adds and the run record, the
 * month-open check and the month's figures every batch writes: a batch fills the rest with households.
 */
const batchItems = 100 - 1 - 3;

export const billRunItem = (run: BillRun) => ({
  ...billingKeys.billRun(run.propertyId, run.period),
  recordType: 'billRun',
  ...run,
});

interface Built {
  request: PaymentRequest;
  charges: ChargeableItem[];
}

/** The items one household's request adds to its batch: the request, its charges, the credit spent and its entry. */
const itemsOf = ({ request, charges }: Built) =>
  1 + charges.length + (request.creditAppliedCents > 0 ? 2 : 0);

/**
 * The next batch from payer `from` on: as many households as their items fit in one transaction
 * (households with nothing to bill take none, up to `batchItems` of them), with their requests.
 */
function nextBatch(plan: Plan, from: number, runId: string, at: string) {
  const batch: Household[] = [];
  const built: Built[] = [];
  const problems: string[] = [];
  let items = 0;
  for (const h of plan.payers.slice(from, from + batchItems)) {
    const { lines, problems: p } = linesFor(plan, h);
    const one = lines.length
      ? {
          request: requestFor(plan, h, lines, plan.credits.get(h.id) ?? 0, runId, at),
          charges: plan.charges.get(h.id) ?? [],
        }
      : undefined;
    const cost = one ? itemsOf(one) : 0;
    if (batch.length && items + cost > batchItems) break;
    items += cost;
    batch.push(h);
    problems.push(...p);
    if (one) built.push(one);
  }
  return { batch, built, problems };
}

function batchOps(
  plan: Plan,
  run: BillRun,
  batch: Household[],
  built: Built[],
  problems: string[],
  at: string,
  actor: Actor,
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
    // The credit spent, with its history entry, so the household's credit explains every change.
    if (request.creditAppliedCents > 0)
      ops.push(
        ...creditOps(
          pid,
          { householdId: request.householdId, receiptNumber: null, period: plan.period },
          -request.creditAppliedCents,
          'spent',
          actor,
        ),
      );
  }
  return ops;
}

const retryable = new Set(['run_moved', 'busy', 'charge_moved', 'credit_spent', 'request_exists']);

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
  const actor = useActor();
  let run = await startRun(store, plan, options.by, new Date().toISOString());
  const key = billingKeys.billRun(property.id, period);
  let attempts = 0;
  while (run.state === 'running' && Date.now() < options.deadline) {
    const start = plan.payers.findIndex((h) => h.id > run.cursor);
    if (start < 0) break;
    const at = new Date().toISOString();
    const { batch, built, problems } = nextBatch(plan, start, run.id, at);
    try {
      await store.apply(batchOps(plan, run, batch, built, problems, at, actor), {
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
      if (code === 'charge_moved' || code === 'credit_spent' || code === 'request_exists') {
        // Read again what moved: the charges of the period, the credits.
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
  for (let i = 0; i < plan.payers.length; ) {
    const { batch, built, problems } = nextBatch(plan, i, 'dry-run', new Date().toISOString());
    i += batch.length;
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
