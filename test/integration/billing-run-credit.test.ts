import { beforeAll, describe, expect, it } from 'vitest';
import type { CreditEntry } from '../../functions/billing/payments/records.ts';
import type { PaymentRequest } from '../../functions/billing/records.ts';
import { billPeriod } from '../../functions/billing/run/run.ts';
import { asSystemOf } from '../../functions/shared/actor.ts';
import { propertyStore } from '../../functions/shared/store.ts';
import { billingKeys } from '../../functions/shared/table.ts';
import { asSystem, call } from '../support/api.ts';
import { issueTestRequest } from '../support/billing.ts';
import { billingBase, pay } from '../support/billing-payments.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

/** The bill run spends a household's prepayment credit, and its credit history says so. */
let w: PropertyWorld;
let request: PaymentRequest | undefined;
let credit: { balanceCents: number; history: CreditEntry[] };
/** The household's credit after the overpayment, before the run: the world's own, and ¥20.00 more. */
let creditBefore: number;

beforeAll(async () => {
  w = await makeProperty('RC');
  await issueTestRequest(w, '2026-10', [{ name: '物业管理费', amountCents: 8_000 }]);
  const paid = await pay(w, { amountCents: 10_000 });
  expect(paid.body.creditCents).toBe(2_000);
  creditBefore = (await readCredit()).balanceCents;
  await asSystemOf(w.property.id, () =>
    billPeriod(propertyStore(w.property.id), w.property, '2026-11', {
      by: '测试',
      deadline: Date.now() + 60_000,
    }),
  );
  request = await asSystem(() =>
    propertyStore(w.property.id).get<PaymentRequest>(
      billingKeys.paymentRequest(w.property.id, '2026-11', w.household.id),
      { consistent: true },
    ),
  );
  credit = await readCredit();
});

const readCredit = async () =>
  (
    await call<typeof credit>(
      w.tokens.finance,
      'GET',
      `${billingBase(w)}/households/${w.household.id}/credit`,
    )
  ).body;

describe('prepayment credit spent by the bill run', () => {
  it('finance: the request of the month spends the credit, and what is left to pay is the rest', () => {
    expect(request!.totalCents).toBeGreaterThan(creditBefore);
    expect(request!.creditAppliedCents).toBe(creditBefore);
    expect(request!.balanceCents).toBe(request!.totalCents - creditBefore);
  });

  it('finance: the household’s credit history explains the balance: kept from the overpayment, spent on the month’s request', () => {
    expect(credit.balanceCents).toBe(0);
    expect(credit.history.at(-2)).toMatchObject({ kind: 'overpayment', cents: 2_000 });
    expect(credit.history.at(-1)).toMatchObject({
      kind: 'spent',
      cents: -creditBefore,
      receiptNumber: null,
      period: '2026-11',
    });
    expect(credit.history.reduce((a, e) => a + e.cents, 0)).toBe(credit.balanceCents);
  });
});
