import { beforeAll, describe, expect, it } from 'vitest';
import { billingMonth, type ChargeableItem } from '../../functions/tickets/chargeable-items.ts';
import type { Ticket } from '../../functions/tickets/records.ts';
import { call } from '../support/api.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

/** A confirmed paid-service fee is kept as a chargeable item for the billing domain. */
let w: PropertyWorld;

beforeAll(async () => {
  w = await makeProperty('CI');
});

type Role = keyof PropertyWorld['tokens'];
const base = () => `/api/tickets/properties/${w.property.id}`;

function act(role: Role, t: Ticket, action: string, input: object = {}) {
  return call<{ ticket: Ticket }>(w.tokens[role], 'POST', `${base()}/tickets/${t.id}/actions/${action}`, {
    version: t.version,
    input,
  });
}

async function take(ticket: Ticket, steps: [Role, string, object][]) {
  let t = ticket;
  for (const [role, action, input] of steps) {
    const reply = await act(role, t, action, input);
    expect(reply.status, `${role} ${action}: ${JSON.stringify(reply.body)}`).toBe(200);
    t = reply.body.ticket;
  }
  return t;
}

async function paidRepair(): Promise<Ticket> {
  const reply = await call<{ ticket: Ticket }>(w.tokens.front_desk, 'POST', `${base()}/contacts`, {
    time: new Date().toISOString(),
    channel: 'phone',
    caller: { name: '王芳', phone: '13812345678' },
    unitId: w.unit.id,
    householdId: w.household.id,
    category: 'repair',
    summary: '更换入户门锁（有偿）',
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return take(reply.body.ticket, [
    [
      'front_desk',
      'verify',
      { inScope: true, paidService: { quotedFeeCents: 12_000, confirmed: true, confirmedVia: 'verbal' } },
    ],
    [
      'front_desk',
      'dispatch',
      { technicianId: w.staff.technician.id, appointmentAt: '2026-11-24T02:00:00.000Z' },
    ],
    ['technician', 'start', {}],
  ]);
}

const complete = (feeCents: number): [Role, string, object] => [
  'technician',
  'complete',
  { workDone: '更换锁芯', feeCents, photoIds: [] },
];

async function itemsOf(month: string, role: Role = 'finance', state = '') {
  const reply = await call<{ items: ChargeableItem[] }>(
    w.tokens[role],
    'GET',
    `${base()}/chargeable-items?month=${month}${state ? `&state=${state}` : ''}`,
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.items;
}

describe('chargeable items', () => {
  it('finance: sees a fee the household accepted as an unbilled chargeable item of its billing month', async () => {
    const completed = await take(await paidRepair(), [complete(11_500)]);
    const accept = await act('technician', completed, 'accept', { method: 'verbal' });
    expect(accept.status).toBe(200);
    const month = billingMonth(accept.body.ticket.updatedAt as string, w.property);

    const items = (await itemsOf(month, 'finance', 'unbilled')).filter((i) => i.ticketId === completed.id);
    expect(items).toEqual([
      expect.objectContaining({
        id: completed.id,
        ticketId: completed.id,
        householdId: w.household.id,
        unitId: w.unit.id,
        amountCents: 11_500,
        quotedFeeCents: 12_000,
        exceedsQuote: false,
        month,
        state: 'unbilled',
      }),
    ]);
    // The default month is the bill drawn next, which today's fee is on.
    const byDefault = await call<{ items: ChargeableItem[] }>(
      w.tokens.property_manager,
      'GET',
      `${base()}/chargeable-items`,
    );
    expect(byDefault.body.items.map((i) => i.ticketId)).toContain(completed.id);
  });

  it('a retried accept creates no second chargeable item; accepted again after rework, the one item carries the new fee', async () => {
    const completed = await take(await paidRepair(), [complete(8_000)]);
    const [first, second] = await Promise.all([
      act('technician', completed, 'accept', { method: 'verbal' }),
      act('technician', completed, 'accept', { method: 'verbal' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const accepted = (first.status === 200 ? first : second).body.ticket;
    const month = billingMonth(accepted.updatedAt as string, w.property);
    expect((await itemsOf(month)).filter((i) => i.ticketId === completed.id)).toHaveLength(1);

    // Not satisfied at the follow-up: the repair goes back to the technician and is done again.
    await take(accepted, [
      ['front_desk', 'followUp', { satisfied: false, comment: '锁还是卡' }],
      ['technician', 'start', {}],
      complete(9_000),
      ['technician', 'accept', { method: 'verbal' }],
    ]);
    const items = (await itemsOf(month)).filter((i) => i.ticketId === completed.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ amountCents: 9_000, state: 'unbilled' });
  });

  it('a repair without a fee makes no chargeable item', async () => {
    const reply = await call<{ ticket: Ticket }>(w.tokens.front_desk, 'POST', `${base()}/contacts`, {
      time: new Date().toISOString(),
      channel: 'phone',
      caller: { name: '王芳' },
      unitId: w.unit.id,
      category: 'repair',
      summary: '楼道灯不亮',
    });
    const accepted = await take(reply.body.ticket, [
      ['front_desk', 'verify', { inScope: true }],
      [
        'front_desk',
        'dispatch',
        { technicianId: w.staff.technician.id, appointmentAt: '2026-11-24T02:00:00.000Z' },
      ],
      ['technician', 'start', {}],
      complete(0),
      ['technician', 'accept', { method: 'verbal' }],
    ]);
    const month = billingMonth(accepted.updatedAt as string, w.property);
    expect((await itemsOf(month)).filter((i) => i.ticketId === accepted.id)).toEqual([]);
  });

  it('front desk and technician: may not read chargeable items (403)', async () => {
    for (const role of ['front_desk', 'technician'] as const) {
      const reply = await call(w.tokens[role], 'GET', `${base()}/chargeable-items?month=2026-11`);
      expect(reply.status, role).toBe(403);
    }
  });

  it('finance: a month that is not YYYY-MM is a 400', async () => {
    const reply = await call(w.tokens.finance, 'GET', `${base()}/chargeable-items?month=2026-13`);
    expect(reply.status).toBe(400);
  });
});

describe('the bill a fee goes on', () => {
  const property = { timeZone: 'Asia/Shanghai', billingDay: 15 };
  it.each([
    ['on the billing day (local time)', '2026-11-15T15:59:00Z', '2026-11'],
    ['the day after it, local time', '2026-11-15T16:00:00Z', '2026-12'],
    ['after the billing day in December', '2026-12-20T04:00:00Z', '2027-01'],
    ['early in the month', '2026-01-02T04:00:00Z', '2026-01'],
  ])('a fee confirmed %s goes on the bill of the right month', (_, at, month) => {
    expect(billingMonth(at, property)).toBe(month);
  });
});
