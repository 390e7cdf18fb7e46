import { beforeAll, describe, expect, it } from 'vitest';
import { withActor } from '../../functions/shared/actor.ts';
import { numberRaces } from '../../functions/tickets/numbers.ts';
import type { Ticket } from '../../functions/tickets/records.ts';
import { recordContact } from '../../functions/tickets/service.ts';
import { call } from '../support/api.ts';
import { addHistory, measuredSearch, searchPlace } from '../support/search-cost.ts';
import { deskContact, makeProperty, type PropertyWorld } from '../support/world.ts';

let world: PropertyWorld;
let other: PropertyWorld;

beforeAll(async () => {
  [world, other] = await Promise.all([makeProperty('SRCH'), makeProperty('SRCX')]);
});

type Opened = { contact: { ticketNumber?: string | null; id: string }; ticket: Ticket };
type Found = { items: (Ticket & { roomCode?: string })[]; cursor: string | null };

const base = (w: PropertyWorld) => `/api/tickets/properties/${w.property.id}`;

async function record(w: PropertyWorld, contact: Record<string, unknown>, time?: string) {
  const reply = await call<Opened>(
    w.tokens.front_desk,
    'POST',
    `${base(w)}/contacts`,
    deskContact(w, contact, time),
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

const search = (w: PropertyWorld, query: string, token = w.tokens.front_desk) =>
  call<Found>(token, 'GET', `${base(w)}/tickets?${query}`);

describe('ticket numbers', () => {
  it('front desk: a repair and a complaint taken on a day get numbers of their kind and the local day', async () => {
    // 2026-03-01 23:30 in Shanghai is still the 1st there, the 1st at 15:30 UTC.
    const time = '2026-03-01T15:30:00.000Z';
    const repair = await record(world, { category: 'repair', summary: '阳台地漏堵塞' }, time);
    const complaint = await record(
      world,
      { category: 'complaint', summary: '夜间施工噪音', ticket: { category: 'renovation' } },
      time,
    );
    expect(repair.ticket.number).toBe('SRCH-BX-20260301-001');
    expect(complaint.ticket.number).toBe('SRCH-TS-20260301-001');
    expect(repair.contact.ticketNumber).toBe(repair.ticket.number);

    const ledger = await call<{ items: { id: string; ticketNumber?: string }[] }>(
      world.tokens.front_desk,
      'GET',
      `${base(world)}/contacts?day=2026-03-01`,
    );
    expect(ledger.body.items.find((c) => c.id === repair.contact.id)?.ticketNumber).toBe(
      'SRCH-BX-20260301-001',
    );
    const detail = await call<{ ticket: Ticket }>(
      world.tokens.front_desk,
      'GET',
      `${base(world)}/tickets/${repair.ticket.id}`,
    );
    expect(detail.body.ticket.number).toBe('SRCH-BX-20260301-001');
  });

  it('front desk: 200 repairs taken at once on one day get 200 different numbers, 001 to 200', async () => {
    const place = await makeProperty('NUMB');
    const time = '2026-04-02T02:00:00.000Z';
    const desk = {
      staffId: place.staff.front_desk.id,
      name: place.staff.front_desk.name,
      roles: ['front_desk' as const],
      propertyIds: [place.property.id],
    };
    const open = (i: number) =>
      withActor(desk, () =>
        recordContact({
          propertyId: place.property.id,
          contact: deskContact(place, { category: 'repair', summary: `第${i}个报修` }, time) as never,
        }),
      );
    // All 200 race for the same counter; one process keeps at most `inFlight` requests in flight (its HTTP
    // pool: in AWS each would be a Lambda of its own).
    const inFlight = 20;
    const numbers: string[] = [];
    let next = 0;
    const lostBefore = numberRaces.lost;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < 200) {
          const { ticket } = await open(next++);
          numbers.push(ticket!.number!);
        }
      }),
    );
    console.info(
      `200 repairs, ${inFlight} in flight: numbered in ${((performance.now() - started) / 1000).toFixed(1)} s, ${numberRaces.lost - lostBefore} races lost`,
    );
    expect(new Set(numbers).size).toBe(200);
    const expected = Array.from(
      { length: 200 },
      (_, i) => `NUMB-BX-20260402-${String(i + 1).padStart(3, '0')}`,
    );
    expect([...numbers].sort()).toEqual(expected);
  }, 600_000);
});

describe('finding tickets', () => {
  let leak: Opened;
  let english: Opened;

  beforeAll(async () => {
    leak = await record(world, {
      category: 'repair',
      caller: { name: '李建国', phone: '13900004321' },
      summary: '厨房水槽下面的管子渗水',
    });
    english = await record(world, {
      category: 'inquiry',
      caller: { name: 'John Smith', phone: '13700009876' },
      summary: 'Parking permit for a second car',
    });
    // Another property's ticket with the same words must never come back.
    await record(other, {
      category: 'repair',
      caller: { name: '李建国', phone: '13900004321' },
      summary: '厨房水槽渗水',
    });
  });

  const ids = (found: Found) => found.items.map((t) => t.id);

  it('front desk: finds a repair by its number, its room, the caller name, the last 4 digits and words of the summary', async () => {
    for (const q of [leak.ticket.number!, '3-1502', '李建国', '4321', '渗水', '水槽 管子', '１５０２']) {
      const found = await search(world, `q=${encodeURIComponent(q)}`);
      expect(found.status, q).toBe(200);
      expect(ids(found.body), q).toContain(leak.ticket.id);
      expect(
        found.body.items.every((t) => t.propertyId === world.property.id),
        q,
      ).toBe(true);
    }
    const byNumber = await search(world, `q=${encodeURIComponent(leak.ticket.number!)}`);
    expect(ids(byNumber.body)).toEqual([leak.ticket.id]);
    expect(byNumber.body.items[0]!.roomCode).toBe('3-1502');
    expect(JSON.stringify(byNumber.body)).not.toContain('13900004321');
    expect(JSON.stringify(byNumber.body)).not.toContain('searchTokens');
  });

  it('front desk: finds an inquiry by English words in any case, and every word must match', async () => {
    expect(ids((await search(world, 'q=parking%20PERMIT')).body)).toEqual([english.ticket.id]);
    expect(ids((await search(world, 'q=smith')).body)).toEqual([english.ticket.id]);
    expect(ids((await search(world, 'q=parking%20%E6%B8%97%E6%B0%B4')).body)).toEqual([]);
  });

  it('front desk: a search narrowed to a kind keeps only that kind', async () => {
    const found = await search(world, `kind=inquiry&q=${encodeURIComponent('3-1502')}`);
    expect(found.body.items.length).toBeGreaterThan(0);
    expect(found.body.items.every((t) => t.kind === 'inquiry')).toBe(true);
  });

  it('front desk: a search with nothing to search by is told so, with a 422', async () => {
    const found = await search(world, 'q=%E6%B0%B4');
    expect(found.status).toBe(422);
    expect(found.body).toMatchObject({ error: { code: 'nothing_to_search' } });
  });

  it('technician of another property: cannot search this property’s tickets', async () => {
    const found = await search(world, 'q=4321', other.tokens.technician);
    expect(found.status).toBe(404);
    expect(JSON.stringify(found.body)).not.toContain(world.property.id);
    const own = await search(other, 'q=4321', other.tokens.front_desk);
    expect(own.body.items.every((t) => t.propertyId === other.property.id)).toBe(true);
  });
});

describe('ticket order', () => {
  it('front desk: due soonest puts an overdue urgent complaint above one with 2 days left', async () => {
    const place = await makeProperty('SORT');
    const now = Date.now();
    const twoDaysLeft = await record(
      place,
      { category: 'complaint', summary: '垃圾清运不及时', ticket: { category: 'environment' } },
      new Date(now - 24 * 3_600_000).toISOString(),
    );
    const overdue = await record(
      place,
      { category: 'complaint', summary: '电梯困人', ticket: { category: 'facilities', severity: 'urgent' } },
      '2026-03-01T02:00:00.000Z',
    );
    expect(Date.parse(twoDaysLeft.ticket.slas.reply!.dueAt!)).toBeGreaterThan(now + 47 * 3_600_000);

    const due = await search(place, 'sort=due');
    expect(due.status).toBe(200);
    const order = due.body.items.map((t) => t.id);
    expect(order.indexOf(overdue.ticket.id)).toBeLessThan(order.indexOf(twoDaysLeft.ticket.id));
    expect(order.indexOf(overdue.ticket.id)).toBe(0);

    const newest = await search(place, 'sort=newest&kind=complaint');
    expect(newest.body.items.map((t) => t.id)).toEqual([overdue.ticket.id, twoDaysLeft.ticket.id]);
  }, 120_000);
});

describe('search cost', () => {
  it('front desk: a search reads as many items with 500 tickets in the property as with 50', async () => {
    const place = await searchPlace('COST');
    await addHistory(place, 48);
    const small = { rare: await measuredSearch(place, '赵敏'), common: await measuredSearch(place, '漏水') };
    await addHistory(place, 450);
    const large = { rare: await measuredSearch(place, '赵敏'), common: await measuredSearch(place, '漏水') };

    expect(small.rare.result.items.map((t) => t.id)).toEqual([place.target.id]);
    expect(large.rare.result.items.map((t) => t.id)).toEqual([place.target.id]);
    expect(large.rare.usage.itemsRead).toBe(small.rare.usage.itemsRead);
    // A word every copy has: one page of 20 either way.
    expect(small.common.result.items).toHaveLength(20);
    expect(large.common.result.items).toHaveLength(20);
    expect(large.common.usage.itemsRead).toBe(small.common.usage.itemsRead);
  }, 300_000);
});

describe('unit and household history', () => {
  it('front desk: the unit page lists the unit’s calls and tickets newest first, a page at a time, and the household’s', async () => {
    const place = await makeProperty('HIST');
    const first = await record(
      place,
      { category: 'inquiry', summary: '物业费怎么交' },
      '2026-03-02T01:00:00.000Z',
    );
    const second = await record(
      place,
      { category: 'repair', summary: '空调不制冷' },
      '2026-03-03T01:00:00.000Z',
    );
    const passerBy = await record(
      place,
      { category: 'suggestion', summary: '门口加个雨棚', householdId: undefined },
      '2026-03-04T01:00:00.000Z',
    );
    type History = {
      items: { id: string; ticket?: { number?: string; state: string } }[];
      cursor: string | null;
    };
    const unit = `${base(place)}/units/${place.unit.id}/history`;
    const page1 = await call<History>(place.tokens.front_desk, 'GET', `${unit}?limit=2`);
    expect(page1.status).toBe(200);
    // The world's own repair was taken just now: newest of all.
    expect(page1.body.items[0]!.ticket?.number).toBe(place.ticket.number);
    expect(page1.body.items[1]!.id).toBe(passerBy.contact.id);
    const page2 = await call<History>(
      place.tokens.front_desk,
      'GET',
      `${unit}?limit=2&cursor=${encodeURIComponent(page1.body.cursor!)}`,
    );
    expect(page2.body.items.map((i) => i.id)).toEqual([second.contact.id, first.contact.id]);
    expect(page2.body.items[0]!.ticket).toMatchObject({ number: second.ticket.number, state: 'registered' });

    const household = await call<History>(
      place.tokens.front_desk,
      'GET',
      `${base(place)}/households/${place.household.id}/history`,
    );
    // The passer-by's suggestion was not the household's.
    expect(household.body.items.map((i) => i.id)).not.toContain(passerBy.contact.id);
    expect(household.body.items.map((i) => i.id)).toContain(second.contact.id);
  }, 120_000);

  it('technician: cannot read the ledger history of a unit', async () => {
    const reply = await call(world.tokens.technician, 'GET', `${base(world)}/units/${world.unit.id}/history`);
    expect(reply.status).toBe(403);
  });
});
