import { beforeAll, describe, expect, it } from 'vitest';
import { nextReceiptNumberOp } from '../../functions/billing/payments/take.ts';
import type { PaymentRequest } from '../../functions/billing/records.ts';
import { addDays, localDay } from '../../functions/reports/periods.ts';
import { propertyStore } from '../../functions/shared/store.ts';
import { billingKeys } from '../../functions/shared/table.ts';
import { asSystem, call } from '../support/api.ts';
import { issueTestRequest } from '../support/billing.ts';
import { anotherHousehold, billingBase, partitionOf, pay } from '../support/billing-payments.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

/** Payments and receipts at the front desk: allocation, credit, gapless receipt numbers, closed months. */
let w: PropertyWorld;

beforeAll(async () => {
  w = await makeProperty('PY');
});

const requestNow = (p: PropertyWorld, period: string) =>
  asSystem(() =>
    propertyStore(p.property.id).get<PaymentRequest>(
      billingKeys.paymentRequest(p.property.id, period, p.household.id),
      { consistent: true },
    ),
  );
const figures = (p: PropertyWorld, month: string) =>
  asSystem(() =>
    propertyStore(p.property.id).get<Record<string, number>>(billingKeys.monthFigures(p.property.id, month), {
      consistent: true,
    }),
  );

describe('taking a payment', () => {
  it('front desk: typing the room number finds the household’s open requests and credit', async () => {
    const h = await anotherHousehold(w, '陈晨');
    await issueTestRequest(h, '2026-09', [{ name: '物业管理费', amountCents: 21_033 }]);
    const reply = await call<{
      units: {
        households: { householdId: string; requests: { period: string; balanceCents: number }[] }[];
      }[];
    }>(w.tokens.front_desk, 'GET', `${billingBase(w)}/rooms/${encodeURIComponent('3 1502')}/open-requests`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const found = reply.body.units[0]!.households.find((x) => x.householdId === h.household.id);
    expect(found?.requests).toMatchObject([{ period: '2026-09', balanceCents: 21_033 }]);
    const none = await call(w.tokens.front_desk, 'GET', `${billingBase(w)}/rooms/9-999/open-requests`);
    expect(none.status).toBe(404);
  });

  it('front desk: a partial payment pays the oldest request first, its lines in order, and the rest stays owed', async () => {
    const h = await anotherHousehold(w, '刘洋');
    await issueTestRequest(h, '2026-10', [
      { name: '物业管理费', amountCents: 20_000 },
      { name: '房屋设备运行费', amountCents: 5_000, item: 'equipment' },
    ]);
    await issueTestRequest(h, '2026-09', [{ name: '物业管理费', amountCents: 20_000 }]);
    const reply = await pay(h, { amountCents: 30_000 });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.allocations.map((a) => [a.period, a.name, a.cents])).toEqual([
      ['2026-09', '物业管理费', 20_000],
      ['2026-10', '物业管理费', 10_000],
    ]);
    expect(reply.body.creditCents).toBe(0);
    const sep = await requestNow(h, '2026-09');
    const oct = await requestNow(h, '2026-10');
    expect([sep?.state, sep?.balanceCents]).toEqual(['paid', 0]);
    expect([oct?.state, oct?.balanceCents, oct?.lines.map((l) => l.paidCents)]).toEqual([
      'partially_paid',
      15_000,
      [10_000, 0],
    ]);
  });

  it('front desk: every principal line is paid before any late fee, even a later month’s principal', async () => {
    const h = await anotherHousehold(w, '赵敏');
    await issueTestRequest(h, '2026-08', [
      { name: '滞纳金', amountCents: 300, kind: 'late_fee' },
      { name: '物业管理费', amountCents: 1_000 },
    ]);
    await issueTestRequest(h, '2026-09', [{ name: '物业管理费', amountCents: 1_000 }]);
    const reply = await pay(h, { amountCents: 2_100 });
    expect(reply.body.allocations.map((a) => [a.period, a.name, a.cents])).toEqual([
      ['2026-08', '物业管理费', 1_000],
      ['2026-09', '物业管理费', 1_000],
      ['2026-08', '滞纳金', 100],
    ]);
  });

  it('front desk: paying more than is owed pays everything and keeps the rest as credit, with its history', async () => {
    const h = await anotherHousehold(w, '孙丽');
    await issueTestRequest(h, '2026-07', [{ name: '物业管理费', amountCents: 8_000 }]);
    const before = await figures(h, '2026-07');
    const reply = await pay(h, { amountCents: 10_000, channel: 'alipay', reference: '2026111522001400001' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.creditCents).toBe(2_000);
    expect((await requestNow(h, '2026-07'))?.state).toBe('paid');
    const after = await figures(h, '2026-07');
    expect((after?.receivedCents ?? 0) - (before?.receivedCents ?? 0)).toBe(8_000);
    expect((after?.householdsPaid ?? 0) - (before?.householdsPaid ?? 0)).toBe(1);
    const credit = await call<{ balanceCents: number; history: { kind: string; cents: number }[] }>(
      w.tokens.finance,
      'GET',
      `${billingBase(w)}/households/${h.household.id}/credit`,
    );
    expect(credit.body.balanceCents).toBe(2_000);
    expect(credit.body.history.map((e) => [e.kind, e.cents])).toEqual([['overpayment', 2_000]]);
  });

  it('front desk: a WeChat Pay or bank payment without its statement reference is refused and nothing is written', async () => {
    const before = await partitionOf(w);
    const reply = await pay(w, { amountCents: 500, channel: 'wechat' });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ error: { code: 'reference_required' } });
    expect(await partitionOf(w)).toEqual(before);
  });

  it('front desk: pressing “take payment” twice with the same form key takes it once', async () => {
    const requestKey = 'desk-form-0000001';
    const [a, b] = await Promise.all([
      pay(w, { amountCents: 700, requestKey }),
      pay(w, { amountCents: 700, requestKey }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.receiptNumber).toBe(b.body.receiptNumber);
  });
});

describe('receipt numbers', () => {
  it('front desk and finance: 100 payments at the same time get 100 distinct receipt numbers with no gap', async () => {
    const p = await makeProperty('PZ');
    const households = [p];
    for (const i of [1, 2, 3, 4]) households.push(await anotherHousehold(p, `住户${i}`));
    for (const h of households)
      await issueTestRequest(h, '2026-10', [{ name: '物业管理费', amountCents: 10_000 }]);
    // Each desk sends its own form key and, as the dashboard does, sends the same payment again after a
    // 503 (DynamoDB Local refuses some of 100 sockets at once): a payment is taken once either way.
    const replies = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const body = { amountCents: 150, requestKey: `burst-${p.property.id}-${i}` };
        const token = i % 2 ? p.tokens.finance : p.tokens.front_desk;
        let reply = await pay(households[i % 5]!, body, token);
        for (let again = 0; reply.status === 503 && again < 20; again++) {
          await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 800));
          reply = await pay(households[i % 5]!, body, token);
        }
        return reply;
      }),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(100).fill(201));
    const numbers = replies.map((r) => r.body.receiptNumber).sort((a, b) => a - b);
    // Receipt 1 is the world's own payment; the 100 take 2…101, each once.
    expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    const stored = (await partitionOf(p)).filter((i) => 'allocations' in i && 'receiptNumber' in i);
    expect(stored.map((i) => i.receiptNumber)).toEqual(Array.from({ length: 101 }, (_, i) => i + 1));
    const counter = await asSystem(() =>
      propertyStore(p.property.id).get<{ last: number }>(billingKeys.receiptCounter(p.property.id)),
    );
    expect(counter?.last).toBe(101);
    for (const h of households) expect((await requestNow(h, '2026-10'))?.paidCents).toBe(3_000);
  }, 300_000);

  it('two desks in different processes that read the same last number: only one moves the counter', async () => {
    const pid = w.property.id;
    const store = () => propertyStore(pid);
    const last = await asSystem(
      async () =>
        (await store().get<{ last: number }>(billingKeys.receiptCounter(pid), { consistent: true }))!.last,
    );
    const results = await asSystem(() =>
      Promise.allSettled(
        [1, 2].map(() =>
          store().apply([nextReceiptNumberOp(pid, last)], {
            action: 'test.receipt',
            entity: 'payment',
            entityId: 'x',
          }),
        ),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ status: 409, code: 'receipt_number_taken' });
    const after = await asSystem(() =>
      store().get<{ last: number }>(billingKeys.receiptCounter(pid), { consistent: true }),
    );
    expect(after?.last).toBe(last + 1);
  });
});

describe('a closed month', () => {
  it('front desk: a payment that would touch a closed month is refused with 409 and nothing is written', async () => {
    const h = await anotherHousehold(w, '周杰');
    await issueTestRequest(h, '2026-05', [{ name: '物业管理费', amountCents: 9_000 }]);
    await asSystem(() =>
      propertyStore(w.property.id).apply(
        [
          {
            put: {
              ...billingKeys.monthClose(w.property.id, '2026-05'),
              recordType: 'billingMonthClose',
              propertyId: w.property.id,
              month: '2026-05',
            },
          },
        ],
        { action: 'test.monthClose', entity: 'billingMonth', entityId: '2026-05' },
      ),
    );
    const before = await partitionOf(w);
    const reply = await pay(h, { amountCents: 9_000 });
    expect(reply.status, JSON.stringify(reply.body)).toBe(409);
    expect(reply.body).toMatchObject({ error: { code: 'month_closed' } });
    expect(await partitionOf(w)).toEqual(before);
  });
});

describe('reprints', () => {
  it('front desk: each reprint is registered with who and why, and the receipt counts it', async () => {
    const n = w.receipt.receiptNumber;
    const first = await call(w.tokens.front_desk, 'POST', `${billingBase(w)}/receipts/${n}/reprints`, {
      reason: '业主遗失收据',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    await call(w.tokens.finance, 'POST', `${billingBase(w)}/receipts/${n}/reprints`, { reason: '财务存档' });
    const view = await call<{ receipt: { reprints: number }; reprints: { reason: string; by: string }[] }>(
      w.tokens.front_desk,
      'GET',
      `${billingBase(w)}/receipts/${n}`,
    );
    expect(view.body.receipt.reprints).toBe(2);
    expect(view.body.reprints.map((r) => [r.reason, r.by])).toEqual([
      ['业主遗失收据', w.staff.front_desk.id],
      ['财务存档', w.staff.finance.id],
    ]);
  });

  it('finance: lists one cashier’s receipts of a day of the property’s clock, and no day without a cashier', async () => {
    const { receiptNumber, takenBy, takenAt } = w.receipt;
    const list = (query: string) =>
      call<{ items: { receiptNumber: number }[] }>(
        w.tokens.finance,
        'GET',
        `${billingBase(w)}/receipts?${query}`,
      );
    const numbers = async (query: string) => (await list(query)).body.items.map((p) => p.receiptNumber);
    const day = localDay(takenAt, w.property.timeZone);
    expect(await numbers(`cashierId=${takenBy}`)).toContain(receiptNumber);
    expect(await numbers(`cashierId=${takenBy}&day=${day}`)).toContain(receiptNumber);
    expect(await numbers(`cashierId=${takenBy}&day=${addDays(day, -1)}`)).not.toContain(receiptNumber);
    expect(await numbers(`cashierId=${w.staff.finance.id}&day=${day}`)).not.toContain(receiptNumber);
    const noCashier = await list(`day=${day}`);
    expect(noCashier.status).toBe(422);
  });

  it('technician: cannot take a payment', async () => {
    const reply = await pay(w, { amountCents: 100 }, w.tokens.technician);
    expect(reply.status).toBe(403);
  });
});
