import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { enterAdjustment } from '../../functions/billing/close/adjustments.ts';
import { closeMonth } from '../../functions/billing/close/service.ts';
import { paymentRequestItem } from '../../functions/billing/items.ts';
import type { PaymentRequest } from '../../functions/billing/records.ts';
import { monthsReport } from '../../functions/billing/reports/reads.ts';
import { reconcileProperty } from '../../functions/billing/reports/reconcile.ts';
import { newId } from '../../functions/shared/ids.ts';
import { propertyStore } from '../../functions/shared/store.ts';
import { billingKeys } from '../../functions/shared/table.ts';
import { asSystem } from '../support/api.ts';
import { issueTestRequest } from '../support/billing.ts';
import { applyTestPaymentDelta } from '../support/billing-payment-deltas.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

/**
 * receivable = received + arrears + adjusted, to the fen, for every property and month — over random
 * requests, payments and voids (as deltas through the real builders), adjustments and closes — and
 * the figures kept on write equal the records recomputed (reconcile).
 */
const households = 3;

const ops = fc.array(
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant('issue' as const),
        h: fc.nat(households - 1),
        m: fc.nat(2),
        cents: fc.integer({ min: 1, max: 500_000 }),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant('pay' as const),
        h: fc.nat(households - 1),
        m: fc.nat(2),
        share: fc.double({ min: 0.01, max: 1, noNaN: true }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('void' as const),
        h: fc.nat(households - 1),
        m: fc.nat(2),
        share: fc.double({ min: 0.01, max: 1, noNaN: true }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('adjust' as const),
        m: fc.nat(2),
        corrects: fc.nat(2),
        cents: fc.integer({ min: -50_000, max: 50_000 }).filter((c) => c !== 0),
      }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('close' as const), m: fc.nat(2) }) },
  ),
  { minLength: 4, maxLength: 14 },
);

describe('billing figures', () => {
  it('finance: for every month receivable = received + arrears + adjusted, and the figures equal the records', async () => {
    const w = await makeProperty('PB');
    let run = 0;
    await fc.assert(
      fc.asyncProperty(ops, async (script) => {
        run += 1;
        // Each run bills months of a year of its own, in the same property.
        const months = ['01', '02', '03'].map((m) => `${2000 + run}-${m}`);
        const pid = w.property.id;
        const ids = [w.household.id, newId(), newId()];
        const model = months.map(() => ({ receivable: 0, received: 0, adjusted: 0 }));
        const closed = new Set<number>();
        const requests = new Map<string, { total: number; paid: number }>();
        await asSystem(async () => {
          for (const step of script) {
            const key = `${step.op === 'adjust' || step.op === 'close' ? '' : `${step.h}#`}${step.m}`;
            const month = months[step.m]!;
            if (step.op === 'issue') {
              if (requests.has(key) || closed.has(step.m)) continue;
              await issueTestRequest({ ...w, household: { ...w.household, id: ids[step.h]! } }, month, [
                { name: '物业管理费', amountCents: step.cents },
              ]);
              requests.set(key, { total: step.cents, paid: 0 });
              model[step.m]!.receivable += step.cents;
            } else if (step.op === 'pay' || step.op === 'void') {
              const r = requests.get(key);
              if (!r || closed.has(step.m)) continue;
              const room = step.op === 'pay' ? r.total - r.paid : r.paid;
              const cents = Math.ceil(room * step.share) * (step.op === 'pay' ? 1 : -1);
              if (cents === 0) continue;
              await applyTestPaymentDelta(pid, month, ids[step.h]!, cents);
              r.paid += cents;
              model[step.m]!.received += cents;
            } else if (step.op === 'adjust') {
              const period = months[Math.min(step.corrects, step.m)]!;
              const attempt = enterAdjustment({
                propertyId: pid,
                body: {
                  month,
                  corrects: { kind: 'request', period, householdId: w.household.id },
                  amountCents: step.cents,
                  reason: '随机调整',
                },
              });
              if (!requests.has(`0#${months.indexOf(period)}`))
                await expect(attempt).rejects.toMatchObject({ status: 404 });
              else if (closed.has(step.m)) await expect(attempt).rejects.toMatchObject({ status: 409 });
              else {
                await attempt;
                model[step.m]!.adjusted += step.cents;
              }
            } else {
              const attempt = closeMonth({ propertyId: pid, month, body: { note: '' } });
              if (closed.has(step.m)) await expect(attempt).rejects.toMatchObject({ status: 409 });
              else {
                await attempt;
                closed.add(step.m);
              }
            }
          }
          const report = await monthsReport({ propertyId: pid, query: { from: months[0], to: months[2] } });
          for (const [i, line] of report.months.entries()) {
            expect(line.receivableCents).toBe(line.receivedCents + line.arrearsCents + line.adjustedCents);
            expect([line.receivableCents, line.receivedCents, line.adjustedCents]).toEqual([
              model[i]!.receivable,
              model[i]!.received,
              model[i]!.adjusted,
            ]);
          }
          expect((await reconcileProperty(pid)).differences).toEqual([]);
        });
      }),
      { numRuns: 10 },
    );
  }, 240_000);
});

describe('reconcile', () => {
  let w: PropertyWorld;
  beforeAll(async () => {
    w = await makeProperty('RE');
    await issueTestRequest(w, '2026-04', [{ name: '物业管理费', amountCents: 21_033 }]);
    await applyTestPaymentDelta(w.property.id, '2026-04', w.household.id, 5_000);
  });

  it('finance: the reconcile command finds nothing when every write kept its figures', () => {
    const out = spawnSync('node', ['--import', 'tsx', 'scripts/reconcile.ts', w.property.id], {
      env: process.env,
      encoding: 'utf8',
    });
    expect(out.status, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({
      propertyId: w.property.id,
      months: ['2026-04'],
      differences: [],
    });
  });

  it('finance: a request written without its figures shows as a difference, and the command exits 1', async () => {
    await asSystem(async () => {
      const stray: PaymentRequest = {
        ...(await propertyStore(w.property.id).get<PaymentRequest>(
          billingKeys.paymentRequest(w.property.id, '2026-04', w.household.id),
        ))!,
        householdId: newId(),
        id: newId(),
      };
      await propertyStore(w.property.id).apply([{ put: paymentRequestItem(stray) }], {
        action: 'test.strayRequest',
        entity: 'paymentRequest',
        entityId: stray.id,
      });
    });
    const out = spawnSync('node', ['--import', 'tsx', 'scripts/reconcile.ts', w.property.id], {
      env: process.env,
      encoding: 'utf8',
    });
    expect(out.status).toBe(1);
    expect(JSON.parse(out.stdout).differences).toEqual([
      { month: '2026-04', counter: 'receivableCents', stored: 21_033, recomputed: 42_066 },
      { month: '2026-04', counter: 'receivedCents', stored: 5_000, recomputed: 10_000 },
      { month: '2026-04', counter: 'householdsBilled', stored: 1, recomputed: 2 },
    ]);
  });
});
