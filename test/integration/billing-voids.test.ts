import { beforeAll, describe, expect, it } from 'vitest';
import type { PaymentApproval } from '../../functions/billing/payments/records.ts';
import type { PaymentRequest } from '../../functions/billing/records.ts';
import { createStaff } from '../../functions/directory/staff.ts';
import { propertyStore } from '../../functions/shared/store.ts';
import { billingKeys } from '../../functions/shared/table.ts';
import { asSystem, call, tokenFor } from '../support/api.ts';
import { issueTestRequest } from '../support/billing.ts';
import { anotherHousehold, billingBase, partitionOf, pay } from '../support/billing-payments.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

/** Voids and refunds: a second finance person approves; the number stays, the allocation is reversed. */
let w: PropertyWorld;
/** A second finance person of the property (the world has one of each role). */
let lead: { id: string; token: string };

beforeAll(async () => {
  w = await makeProperty('VD');
  lead = await asSystem(async () => {
    const staff = await createStaff({
      email: `finance.lead.${w.property.id}@test.propdesk.cn`,
      name: '财务主管',
      phone: '13900000001',
      department: 'finance',
      roles: ['finance'],
      propertyIds: [w.property.id],
    });
    return { id: staff.id, token: await tokenFor(staff) };
  });
});

const requestNow = (p: PropertyWorld, period: string) =>
  asSystem(() =>
    propertyStore(p.property.id).get<PaymentRequest>(
      billingKeys.paymentRequest(p.property.id, period, p.household.id),
      { consistent: true },
    ),
  );
const figuresNow = (month: string) =>
  asSystem(() =>
    propertyStore(w.property.id).get<Record<string, number>>(billingKeys.monthFigures(w.property.id, month), {
      consistent: true,
    }),
  );
const decide = (approvalId: string, token: string, approve = true) =>
  call<PaymentApproval>(token, 'POST', `${billingBase(w)}/approvals/${approvalId}/decision`, {
    approve,
    note: '已核对',
  });
const receipt = (n: number) =>
  call<{ receipt: { state: string; receiptNumber: number; reversal: unknown } }>(
    w.tokens.front_desk,
    'GET',
    `${billingBase(w)}/receipts/${n}`,
  );

describe('voiding a receipt', () => {
  it('finance: a void asked by one finance person is refused to that same person (403) and nothing moves', async () => {
    const h = await anotherHousehold(w, '吴昊');
    await issueTestRequest(h, '2026-10', [{ name: '物业管理费', amountCents: 12_000 }]);
    const paid = await pay(h, { amountCents: 12_000 }, w.tokens.finance);
    const asked = await call<PaymentApproval>(
      w.tokens.finance,
      'POST',
      `${billingBase(w)}/receipts/${paid.body.receiptNumber}/void`,
      { reason: '金额录错' },
    );
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const before = await partitionOf(w);
    const self = await decide(asked.body.id, w.tokens.finance);
    expect(self.status).toBe(403);
    expect(self.body).toMatchObject({ error: { code: 'second_person_required' } });
    expect(await partitionOf(w)).toEqual(before);
    const desk = await decide(asked.body.id, w.tokens.front_desk);
    expect(desk.status).toBe(403);
  });

  it('finance lead: approving a void keeps the receipt number, restores the request’s balance and takes back the month’s figures', async () => {
    const h = await anotherHousehold(w, '郑爽');
    await issueTestRequest(h, '2026-09', [{ name: '物业管理费', amountCents: 5_000 }]);
    await issueTestRequest(h, '2026-10', [{ name: '物业管理费', amountCents: 5_000 }]);
    const sepBefore = await figuresNow('2026-09');
    const paid = await pay(h, { amountCents: 12_000 });
    expect(paid.body.creditCents).toBe(2_000);
    const n = paid.body.receiptNumber;
    const asked = await call<PaymentApproval>(
      w.tokens.front_desk,
      'POST',
      `${billingBase(w)}/receipts/${n}/void`,
      {
        reason: '收错住户',
      },
    );
    const queue = await call<{ items: PaymentApproval[] }>(
      w.tokens.finance,
      'GET',
      `${billingBase(w)}/approvals`,
    );
    expect(queue.body.items.map((a) => a.id)).toContain(asked.body.id);
    const again = await call(w.tokens.front_desk, 'POST', `${billingBase(w)}/receipts/${n}/void`, {
      reason: '再次',
    });
    expect(again.status).toBe(409);

    const approved = await decide(asked.body.id, lead.token);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.state).toBe('approved');
    const view = await receipt(n);
    expect(view.body.receipt).toMatchObject({
      receiptNumber: n,
      state: 'voided',
      reversal: { kind: 'void' },
    });
    for (const period of ['2026-09', '2026-10']) {
      const r = await requestNow(h, period);
      expect([r?.state, r?.paidCents, r?.balanceCents, r?.lines[0]?.paidCents]).toEqual([
        'issued',
        0,
        5_000,
        0,
      ]);
    }
    const sepAfter = await figuresNow('2026-09');
    expect(sepAfter?.receivedCents ?? 0).toBe(sepBefore?.receivedCents ?? 0);
    expect(sepAfter?.householdsPaid ?? 0).toBe(sepBefore?.householdsPaid ?? 0);
    const credit = await call<{ balanceCents: number; history: { kind: string; cents: number }[] }>(
      w.tokens.finance,
      'GET',
      `${billingBase(w)}/households/${h.household.id}/credit`,
    );
    expect(credit.body.balanceCents).toBe(0);
    expect(credit.body.history.map((e) => [e.kind, e.cents])).toEqual([
      ['overpayment', 2_000],
      ['void', -2_000],
    ]);
    const queueAfter = await call<{ items: PaymentApproval[] }>(
      w.tokens.finance,
      'GET',
      `${billingBase(w)}/approvals`,
    );
    expect(queueAfter.body.items.map((a) => a.id)).not.toContain(asked.body.id);
    expect((await decide(asked.body.id, lead.token)).status).toBe(409);
  });

  it('finance lead: a refused void leaves the payment as it was, and it can be asked again', async () => {
    const h = await anotherHousehold(w, '钱多');
    await issueTestRequest(h, '2026-10', [{ name: '物业管理费', amountCents: 3_000 }]);
    const paid = await pay(h, { amountCents: 3_000 });
    const path = `${billingBase(w)}/receipts/${paid.body.receiptNumber}/void`;
    const asked = await call<PaymentApproval>(w.tokens.front_desk, 'POST', path, { reason: '误操作' });
    expect((await decide(asked.body.id, lead.token, false)).body.state).toBe('rejected');
    expect((await receipt(paid.body.receiptNumber)).body.receipt.state).toBe('valid');
    expect((await requestNow(h, '2026-10'))?.state).toBe('paid');
    expect((await call(w.tokens.front_desk, 'POST', path, { reason: '确认作废' })).status).toBe(201);
  });

  it('front desk: a void of a payment in a closed month is refused with 409 and nothing is written', async () => {
    const h = await anotherHousehold(w, '冯宁');
    await issueTestRequest(h, '2026-04', [{ name: '物业管理费', amountCents: 4_000 }]);
    const paid = await pay(h, { amountCents: 4_000 });
    await asSystem(() =>
      propertyStore(w.property.id).apply(
        [
          {
            put: {
              ...billingKeys.monthClose(w.property.id, '2026-04'),
              recordType: 'billingMonthClose',
              propertyId: w.property.id,
              month: '2026-04',
            },
          },
        ],
        { action: 'test.monthClose', entity: 'billingMonth', entityId: '2026-04' },
      ),
    );
    const before = await partitionOf(w);
    const asked = await call(
      w.tokens.front_desk,
      'POST',
      `${billingBase(w)}/receipts/${paid.body.receiptNumber}/void`,
      {
        reason: '月结后发现错误',
      },
    );
    expect(asked.status).toBe(409);
    expect(asked.body).toMatchObject({ error: { code: 'month_closed' } });
    expect(await partitionOf(w)).toEqual(before);
  });
});

describe('refunds', () => {
  it('finance lead: a refund of a payment, once approved, reverses it and the receipt shows it refunded', async () => {
    const h = await anotherHousehold(w, '褚青');
    await issueTestRequest(h, '2026-10', [{ name: '物业管理费', amountCents: 6_000 }]);
    const paid = await pay(h, { amountCents: 6_000, channel: 'wechat', reference: '4200009999' });
    const asked = await call<PaymentApproval>(
      w.tokens.front_desk,
      'POST',
      `${billingBase(w)}/receipts/${paid.body.receiptNumber}/refund`,
      { reason: '重复缴费', channel: 'wechat' },
    );
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect((await decide(asked.body.id, lead.token)).status).toBe(200);
    expect((await receipt(paid.body.receiptNumber)).body.receipt).toMatchObject({
      state: 'refunded',
      reversal: { kind: 'refund', channel: 'wechat' },
    });
    expect((await requestNow(h, '2026-10'))?.balanceCents).toBe(6_000);
  });

  it('finance lead: a refund of credit takes it out once approved; more than the credit is refused', async () => {
    const h = await anotherHousehold(w, '卫东');
    await pay(h, { amountCents: 5_000 });
    const path = `${billingBase(w)}/households/${h.household.id}/credit/refunds`;
    const tooMuch = await call(w.tokens.front_desk, 'POST', path, {
      amountCents: 5_001,
      channel: 'cash',
      reason: '搬离退款',
    });
    expect(tooMuch.status).toBe(422);
    const asked = await call<PaymentApproval>(w.tokens.front_desk, 'POST', path, {
      amountCents: 3_000,
      channel: 'cash',
      reason: '搬离退款',
    });
    expect(asked.status).toBe(201);
    const credit = () =>
      call<{ balanceCents: number; history: { kind: string; cents: number }[] }>(
        w.tokens.finance,
        'GET',
        `${billingBase(w)}/households/${h.household.id}/credit`,
      );
    expect((await credit()).body.balanceCents).toBe(5_000);
    expect((await decide(asked.body.id, lead.token)).status).toBe(200);
    const after = await credit();
    expect(after.body.balanceCents).toBe(2_000);
    expect(after.body.history.map((e) => [e.kind, e.cents])).toEqual([
      ['overpayment', 5_000],
      ['refund', -3_000],
    ]);
  });
});
