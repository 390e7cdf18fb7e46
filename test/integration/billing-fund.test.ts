import { beforeAll, describe, expect, it } from 'vitest';
import type { fundLedger, fundPublication } from '../../functions/billing/fund/ledger.ts';
import { createStaff } from '../../functions/directory/staff.ts';
import { asSystem, call, tokenFor } from '../support/api.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

/** The maintenance fund (维修基金): entries only, uses approved by a second person, the bank reconciliation. */
let w: PropertyWorld;
let secondFinance: string;

type R<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>>;

beforeAll(async () => {
  w = await makeProperty('FU');
  const staff = await asSystem(() =>
    createStaff({
      email: 'finance2.fu@test.propdesk.cn',
      name: '财务二',
      phone: '13900000001',
      department: 'finance',
      roles: ['finance'],
      propertyIds: [w.property.id],
    }),
  );
  secondFinance = await tokenFor(staff);
});

const fund = () => `/api/billing/properties/${w.property.id}/fund`;
const post = (token: string, path: string, body: unknown) =>
  call<Record<string, unknown>>(token, 'POST', path, body);

describe('maintenance fund', () => {
  it('finance: a use moves the balance only once a second person approves it; the proposer cannot', async () => {
    const paidIn = await post(w.tokens.finance, `${fund()}/contributions`, {
      day: '2026-03-05',
      amountCents: 5_000_000,
      source: '业主续筹',
    });
    expect(paidIn.status, JSON.stringify(paidIn.body)).toBe(201);
    const use = await post(w.tokens.finance, `${fund()}/uses`, {
      day: '2026-03-12',
      amountCents: 860_000,
      category: 'special_repair',
      description: '3号楼屋面防水',
    });
    expect(use.status).toBe(201);
    let ledger = await call<R<typeof fundLedger>>(w.tokens.finance, 'GET', fund());
    expect(ledger.body.balanceCents).toBe(5_000_000);
    const decide = `${fund()}/uses/${use.body.day}/${use.body.id}/decision`;
    const self = await post(w.tokens.finance, decide, { version: 1, approve: true });
    expect(self.status).toBe(422);
    expect(self.body).toMatchObject({ error: { code: 'same_person' } });
    const approved = await post(secondFinance, decide, { version: 1, approve: true });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ state: 'approved', decidedByName: '财务二' });
    const twice = await post(secondFinance, decide, { version: 2, approve: false });
    expect(twice.status).toBe(409);
    ledger = await call<R<typeof fundLedger>>(w.tokens.finance, 'GET', fund());
    expect(ledger.body.balanceCents).toBe(4_140_000);
    expect(ledger.body.entries.map((e) => e.balanceCents)).toEqual([5_000_000, 4_140_000]);
  });

  it('finance: a use larger than the fund is not approved', async () => {
    const use = await post(w.tokens.finance, `${fund()}/uses`, {
      day: '2026-04-02',
      amountCents: 90_000_000,
      category: 'major_repair',
      description: '电梯整体更换',
    });
    const reply = await post(secondFinance, `${fund()}/uses/${use.body.day}/${use.body.id}/decision`, {
      version: 1,
      approve: true,
    });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ error: { code: 'insufficient_fund' } });
  });

  it('finance: a negative bank balance is refused with 400 and no reconciliation is recorded', async () => {
    const reply = await post(w.tokens.finance, `${fund()}/reconciliations`, {
      month: '2026-03',
      bankBalanceCents: -100,
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: { code: 'invalid_input' } });
  });

  it('finance: the monthly bank reconciliation shows the difference, once per month', async () => {
    const reply = await post(w.tokens.finance, `${fund()}/reconciliations`, {
      month: '2026-03',
      bankBalanceCents: 4_140_100,
      note: '银行利息未入账',
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toMatchObject({
      ledgerBalanceCents: 4_140_000,
      differenceCents: 100,
      day: '2026-03-31',
    });
    const again = await post(w.tokens.finance, `${fund()}/reconciliations`, {
      month: '2026-03',
      bankBalanceCents: 1,
    });
    expect(again.status).toBe(409);
  });

  it('front desk: cannot see or enter the fund', async () => {
    expect((await call(w.tokens.front_desk, 'GET', fund())).status).toBe(403);
    expect(
      (
        await post(w.tokens.front_desk, `${fund()}/contributions`, {
          day: '2026-03-05',
          amountCents: 1,
          source: '前台',
        })
      ).status,
    ).toBe(403);
  });

  it('finance: the half-year publication adds up: opening + contributions − uses by category = closing', async () => {
    const reply = await call<R<typeof fundPublication>>(
      w.tokens.finance,
      'GET',
      `${fund()}/publication/2026-H1`,
    );
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      openingBalanceCents: 0,
      contributionsCents: 5_000_000,
      usesCents: 860_000,
      closingBalanceCents: 4_140_000,
    });
    expect(reply.body.uses.find((u) => u.category === 'special_repair')?.amountCents).toBe(860_000);
    expect(reply.body.reconciliations).toHaveLength(1);
  });
});
