import { beforeAll, describe, expect, it } from 'vitest';
import type { MonthView } from '../../functions/billing/close/service.ts';
import { newId } from '../../functions/shared/ids.ts';
import { propertyStore } from '../../functions/shared/store.ts';
import { billingKeys, keys } from '../../functions/shared/table.ts';
import { asSystem, call } from '../support/api.ts';
import { issueTestRequest } from '../support/billing.ts';
import { applyTestPaymentDelta } from '../support/billing-payment-deltas.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

/** Month close (月结) and adjustments: a closed month takes no write; corrections go in an open month. */
let w: PropertyWorld;
let other: PropertyWorld;

beforeAll(async () => {
  [w, other] = await Promise.all([makeProperty('MC'), makeProperty('MD')]);
});

const base = (p: PropertyWorld) => `/api/billing/properties/${p.property.id}`;
const month = (p: PropertyWorld, m: string) =>
  call<MonthView>(p.tokens.finance, 'GET', `${base(p)}/months/${m}`);
const close = (p: PropertyWorld, m: string, token = p.tokens.finance) =>
  call<Record<string, unknown>>(token, 'POST', `${base(p)}/months/${m}/close`, { note: `${m} 月结` });
const adjust = (p: PropertyWorld, body: Record<string, unknown>) =>
  call<Record<string, unknown>>(p.tokens.finance, 'POST', `${base(p)}/adjustments`, body);

/** Another household of the world's unit, for figures over several households (requests only). */
const household = (p: PropertyWorld, name: string) => ({
  ...p,
  household: { ...p.household, id: newId(), name },
});

/** Everything stored in the property's partition, for "nothing was written". */
async function partition(p: PropertyWorld) {
  return asSystem(async () => {
    const store = propertyStore(p.property.id);
    const items: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.query({ partition: keys.property(p.property.id).pk, cursor, limit: 500 });
      items.push(...page.items);
      cursor = page.cursor ?? undefined;
    } while (cursor);
    return items;
  });
}

describe('month close', () => {
  it('finance: the month shows receivable, received, arrears and the three rates with what they divide', async () => {
    const p = other;
    // Two households still owe on May when June is billed: June's requests bring that in as prior arrears.
    const half = household(p, '韩梅梅');
    await issueTestRequest(p, '2026-05', [{ name: '物业管理费', amountCents: 3000 }]);
    await issueTestRequest(half, '2026-05', [{ name: '物业管理费', amountCents: 2000 }]);
    const brought = (cents: number) => ({ priorArrears: { cents, periods: ['2026-05'] } });
    await issueTestRequest(
      p,
      '2026-06',
      [{ name: '物业管理费', amountCents: 10_000 }],
      '2026-06-20',
      brought(3000),
    );
    await issueTestRequest(household(p, '李雷'), '2026-06', [{ name: '物业管理费', amountCents: 10_000 }]);
    await issueTestRequest(
      half,
      '2026-06',
      [{ name: '物业管理费', amountCents: 10_000 }],
      '2026-06-20',
      brought(2000),
    );
    const none = household(p, '张伟');
    await issueTestRequest(none, '2026-06', [{ name: '物业管理费', amountCents: 8000 }]);
    await applyTestPaymentDelta(p.property.id, '2026-06', p.household.id, 10_000); // paid in full
    await applyTestPaymentDelta(p.property.id, '2026-05', p.household.id, 3000); // its arrears too
    const li = (await partition(p)).find(
      (i) => (i as { householdName?: string }).householdName === '李雷',
    ) as {
      householdId: string;
    };
    await applyTestPaymentDelta(p.property.id, '2026-06', li.householdId, 10_000); // paid in full
    await applyTestPaymentDelta(p.property.id, '2026-05', half.household.id, 1000); // half its arrears

    const reply = await month(p, '2026-06');
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.state).toBe('open');
    expect(reply.body.figures).toEqual({
      month: '2026-06',
      receivableCents: 38_000,
      receivedCents: 20_000,
      adjustedCents: 0,
      arrearsCents: 18_000,
      householdsBilled: 4,
      householdsPaid: 2,
    });
    expect(reply.body.rates).toEqual({
      amount: { value: 0.5263, numerator: 20_000, denominator: 38_000 },
      households: { value: 0.5, numerator: 2, denominator: 4 },
      recovery: { value: 0.8, numerator: 4000, denominator: 5000 },
    });
    expect([reply.body.priorArrearsCents, reply.body.priorRecoveredCents]).toEqual([5000, 4000]);
    expect(reply.body.income).toEqual([
      { row: 'management', receivableCents: 38_000, receivedCents: 20_000 },
    ]);

    // The close snapshots the same recovery, and the months report shows it from then on.
    const closed = await close(p, '2026-06');
    expect(closed.status, JSON.stringify(closed.body)).toBe(201);
    expect(closed.body).toMatchObject({ rates: { recovery: { value: 0.8 } }, priorRecoveredCents: 4000 });
    await applyTestPaymentDelta(p.property.id, '2026-05', half.household.id, 1000); // after the close
    expect((await month(p, '2026-06')).body.rates.recovery).toEqual({
      value: 0.8,
      numerator: 4000,
      denominator: 5000,
    });
    const report = await call<{ months: { month: string; rates: MonthView['rates'] }[] }>(
      p.tokens.finance,
      'GET',
      `${base(p)}/fee-report?from=2026-06&to=2026-06`,
    );
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.months[0]!.rates.recovery.value).toBe(0.8);
  });

  it('finance: closing snapshots the month; afterwards a request, a payment or an adjustment in it is a 409 and nothing is written', async () => {
    await issueTestRequest(w, '2026-07', [{ name: '物业管理费', amountCents: 21_033 }]);
    await applyTestPaymentDelta(w.property.id, '2026-07', w.household.id, 10_000);
    const closed = await close(w, '2026-07');
    expect(closed.status, JSON.stringify(closed.body)).toBe(201);
    expect(closed.body).toMatchObject({
      month: '2026-07',
      closedBy: w.staff.finance.id,
      note: '2026-07 月结',
      figures: { receivableCents: 21_033, receivedCents: 10_000, arrearsCents: 11_033 },
      rates: { amount: { value: 0.4754 } },
    });
    const before = await partition(w);

    const late = household(w, '迟到户');
    await expect(
      issueTestRequest(late, '2026-07', [{ name: '物业管理费', amountCents: 100 }]),
    ).rejects.toMatchObject({
      status: 409,
      code: 'month_closed',
    });
    await expect(applyTestPaymentDelta(w.property.id, '2026-07', w.household.id, 1000)).rejects.toMatchObject(
      {
        status: 409,
        code: 'month_closed',
      },
    );
    const adjustment = await adjust(w, {
      month: '2026-07',
      corrects: { kind: 'request', period: '2026-07', householdId: w.household.id },
      amountCents: 33,
      reason: '尾差冲减',
    });
    expect(adjustment.status).toBe(409);
    expect(adjustment.body).toMatchObject({ error: { code: 'month_closed' } });
    const again = await close(w, '2026-07');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'already_closed' } });

    expect(await partition(w)).toEqual(before);
    const view = await month(w, '2026-07');
    expect(view.body).toMatchObject({
      state: 'closed',
      figures: closed.body.figures,
      rates: closed.body.rates,
      close: { closedBy: w.staff.finance.id },
    });
  });

  it('finance: a month that has not ended cannot be closed', async () => {
    const reply = await close(w, '2099-01');
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ error: { code: 'month_not_over' } });
  });

  it('front desk: cannot close a month', async () => {
    const reply = await close(w, '2026-05', w.tokens.front_desk);
    expect(reply.status).toBe(403);
    const stored = await asSystem(() =>
      propertyStore(w.property.id).get(billingKeys.monthClose(w.property.id, '2026-05')),
    );
    expect(stored).toBeUndefined();
  });
});

describe('adjustments', () => {
  it('finance: corrects a closed month’s request from an open month, counted there, linked and audited', async () => {
    await issueTestRequest(w, '2026-08', [{ name: '物业管理费', amountCents: 5000 }]);
    const reply = await adjust(w, {
      month: '2026-08',
      corrects: { kind: 'request', period: '2026-07', householdId: w.household.id },
      amountCents: 1033,
      reason: '7月面积录入有误，多收部分冲减',
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({
      month: '2026-08',
      corrects: { kind: 'request', period: '2026-07', householdId: w.household.id },
      householdName: w.household.name,
      roomCode: w.unit.roomCode,
      amountCents: 1033,
      enteredBy: w.staff.finance.id,
    });
    const august = await month(w, '2026-08');
    expect(august.body.figures).toMatchObject({
      receivableCents: 5000,
      adjustedCents: 1033,
      arrearsCents: 3967,
    });
    const july = await month(w, '2026-07');
    expect(july.body.figures).toMatchObject({ adjustedCents: 0, arrearsCents: 11_033 });
    const list = await call<{ items: { id: string }[] }>(
      w.tokens.finance,
      'GET',
      `${base(w)}/months/2026-08/adjustments`,
    );
    expect(list.body.items.map((a) => a.id)).toEqual([reply.body.id]);
    const trail = (await partition(w)).filter(
      (i) => (i as { action?: string; entityId?: string }).action === 'billing.adjust',
    );
    expect(trail).toEqual([
      expect.objectContaining({ entityId: reply.body.id, actorId: w.staff.finance.id }),
    ]);
  });

  it('finance: an adjustment of a month before the one it corrects, of a month not begun, or of no request is refused', async () => {
    const earlier = await adjust(w, {
      month: '2026-06',
      corrects: { kind: 'request', period: '2026-08', householdId: w.household.id },
      amountCents: 100,
      reason: '提前冲减',
    });
    expect(earlier.status).toBe(422);
    expect(earlier.body).toMatchObject({ error: { code: 'corrects_later_month' } });
    const future = await adjust(w, {
      month: '2099-01',
      corrects: { kind: 'request', period: '2026-08', householdId: w.household.id },
      amountCents: 100,
      reason: '未来月份',
    });
    expect(future.status).toBe(422);
    const missing = await adjust(w, {
      month: '2026-08',
      corrects: { kind: 'request', period: '2026-01', householdId: w.household.id },
      amountCents: 100,
      reason: '没有这张请求书',
    });
    expect(missing.status).toBe(404);
    const zero = await adjust(w, {
      month: '2026-08',
      corrects: { kind: 'request', period: '2026-08', householdId: w.household.id },
      amountCents: 0,
      reason: '零',
    });
    expect(zero.status).toBe(400);
    expect((await month(w, '2026-08')).body.figures.adjustedCents).toBe(1033);
  });
});
