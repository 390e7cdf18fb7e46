import { beforeAll, describe, expect, it } from 'vitest';
import type { Shift } from '../../functions/billing/shifts/records.ts';
import { call } from '../support/api.ts';
import { issueTestRequest } from '../support/billing.ts';
import { anotherHousehold, billingBase, pay } from '../support/billing-payments.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

/** Cashier shift settlement (收银交班): totals by channel from the cashier's payments, cash counted, sign-offs. */
let w: PropertyWorld;

beforeAll(async () => {
  w = await makeProperty('SH');
});

const shifts = () => `${billingBase(w)}/shifts`;

describe('a cashier’s shift', () => {
  it('front desk: closing the shift totals its payments by channel, the cash counted against the expected, and finance signs off the variance', async () => {
    const opened = await call<Shift>(w.tokens.front_desk, 'POST', shifts(), {});
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const twice = await call(w.tokens.front_desk, 'POST', shifts(), {});
    expect(twice.status).toBe(409);

    const h = await anotherHousehold(w, '蒋涛');
    await issueTestRequest(h, '2026-10', [{ name: '物业管理费', amountCents: 50_000 }]);
    await pay(h, { amountCents: 10_000 });
    await pay(h, { amountCents: 5_050 });
    await pay(h, { amountCents: 20_000, channel: 'wechat', reference: '420000111' });
    // Another cashier's payment is not this shift's.
    await pay(h, { amountCents: 999 }, w.tokens.finance);

    const mine = await call<{ shift: Shift }>(w.tokens.front_desk, 'GET', `${billingBase(w)}/my-shift`);
    expect(mine.body.shift?.expectedCashCents).toBe(15_050);

    const stranger = await call(w.tokens.finance, 'POST', `${shifts()}/${opened.body.id}/close`, {
      countedCashCents: 0,
    });
    expect(stranger.status).toBe(403);
    const closed = await call<Shift>(w.tokens.front_desk, 'POST', `${shifts()}/${opened.body.id}/close`, {
      countedCashCents: 15_000,
      note: '少 0.50 元',
      handover: ['3-1502 蒋涛 下午补交 ¥150.00'],
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const byChannel = Object.fromEntries(closed.body.totals.map((t) => [t.channel, [t.count, t.cents]]));
    expect(byChannel).toEqual({
      cash: [2, 15_050],
      bank_transfer: [0, 0],
      wechat: [1, 20_000],
      alipay: [0, 0],
      card: [0, 0],
    });
    expect([closed.body.expectedCashCents, closed.body.countedCashCents, closed.body.varianceCents]).toEqual([
      15_050, 15_000, -50,
    ]);
    expect(closed.body.state).toBe('closed');

    const self = await call(w.tokens.front_desk, 'POST', `${shifts()}/${opened.body.id}/sign-off`, {
      note: '',
    });
    expect(self.status).toBe(403);
    const signed = await call<Shift>(w.tokens.finance, 'POST', `${shifts()}/${opened.body.id}/sign-off`, {
      note: '短款 0.50 元，收银员已补',
    });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body).toMatchObject({ state: 'settled', signedOffBy: w.staff.finance.id });

    const next = await call<Shift>(w.tokens.front_desk, 'POST', shifts(), {});
    expect(next.status).toBe(201);
    expect(next.body.handedOver).toEqual({
      fromShiftId: opened.body.id,
      fromCashierName: w.staff.front_desk.name,
      items: ['3-1502 蒋涛 下午补交 ¥150.00'],
    });
  });
});

describe('a shift closed right after its payments', () => {
  it('front desk: ten payments taken at once and the shift closed at once: the close counts every one of them', async () => {
    const p = await makeProperty('SI');
    const opened = await call<Shift>(p.tokens.front_desk, 'POST', `${billingBase(p)}/shifts`, {});
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const h = await anotherHousehold(p, '韩梅');
    await issueTestRequest(h, '2026-10', [{ name: '物业管理费', amountCents: 100_000 }]);
    const paid = await Promise.all(
      Array.from({ length: 10 }, (_, i) => pay(h, { amountCents: 1_000 + i, requestKey: `shift-si-${i}` })),
    );
    expect(paid.map((r) => r.status)).toEqual(Array(10).fill(201));
    const closed = await call<Shift>(
      p.tokens.front_desk,
      'POST',
      `${billingBase(p)}/shifts/${opened.body.id}/close`,
      {
        countedCashCents: 10_045,
      },
    );
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.receiptNumbers).toEqual(paid.map((r) => r.body.receiptNumber).sort((a, b) => a - b));
    expect(closed.body.totals.find((t) => t.channel === 'cash')).toEqual({
      channel: 'cash',
      count: 10,
      cents: 10_045,
    });
    expect([closed.body.expectedCashCents, closed.body.varianceCents]).toEqual([10_045, 0]);
  });
});
