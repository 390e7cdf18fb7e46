import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoWeekOf, mondayOf } from '../../functions/tickets/ledger-review.ts';
import { localDay } from '../../functions/tickets/local-day.ts';
import { call } from '../support/api.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

let world: PropertyWorld;
/** The day the world's own repair was taken, and the day before it (two more calls). */
let setupDay: string;
let yesterday: string;
let lastWeek: string;

interface Review {
  period: string;
  reviewedByName: string;
  reviewedAt: string;
  contacts: number;
}
interface Status {
  today: string;
  days: { day: string; contacts: number; over: boolean; review: Review | null }[];
  weeks: { week: string; from: string; to: string; contacts: number; over: boolean; review: Review | null }[];
}

const base = () => `/api/tickets/properties/${world.property.id}/ledger-reviews`;
const markDay = (token: string, day: string) => call<Review>(token, 'POST', `${base()}/days`, { day });
const markWeek = (token: string, week: string) => call<Review>(token, 'POST', `${base()}/weeks`, { week });
const status = (token = world.tokens.front_desk) => call<Status>(token, 'GET', base());
/** The property's today as the host sees it now (the run may cross midnight after the setup). */
const hostToday = async () => (await status()).body.today;

beforeAll(async () => {
  world = await makeProperty('LR');
  const taken = Date.parse(world.ticket.openedAt);
  setupDay = localDay(new Date(taken), world.property.timeZone);
  yesterday = addDays(setupDay, -1);
  lastWeek = isoWeekOf(addDays(mondayOf(isoWeekOf(setupDay)), -7));
  // Two calls taken the day before the world's own repair.
  for (const summary of ['询问停车位月租', '表扬保安']) {
    const reply = await call(
      world.tokens.front_desk,
      'POST',
      `/api/tickets/properties/${world.property.id}/contacts`,
      {
        time: new Date(taken - 24 * 3600_000).toISOString(),
        channel: 'phone',
        caller: { name: '李明' },
        category: 'other',
        summary,
      },
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  }
});

describe('ledger review', () => {
  it('front desk: sees the last 14 days and 4 weeks with their contacts, and may mark none', async () => {
    const seen = await status();
    expect(seen.status).toBe(200);
    const today = seen.body.today;
    expect(seen.body.days).toHaveLength(14);
    expect(seen.body.days[0]).toMatchObject({ day: today, over: false });
    const day = (d: string) => seen.body.days.find((x) => x.day === d);
    expect(day(setupDay)).toMatchObject({ over: setupDay < today, contacts: 1, review: null });
    expect(day(yesterday)).toMatchObject({ over: true, contacts: 2 });
    expect(seen.body.weeks).toHaveLength(4);
    expect(seen.body.weeks[0]).toMatchObject({ week: isoWeekOf(today), over: false });
    expect((await markDay(world.tokens.front_desk, yesterday)).status).toBe(403);
    expect((await markWeek(world.tokens.front_desk, lastWeek)).status).toBe(403);
  });

  it('team lead: marks yesterday reviewed with its 2 contacts; a second mark gets 409 naming who marked it', async () => {
    const marked = await markDay(world.tokens.service_lead, yesterday);
    expect(marked.status, JSON.stringify(marked.body)).toBe(201);
    expect(marked.body).toMatchObject({
      period: yesterday,
      contacts: 2,
      reviewedByName: world.staff.service_lead.name,
    });

    const again = await markDay(world.tokens.property_manager, yesterday);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      error: { code: 'already_reviewed', details: { reviewedByName: world.staff.service_lead.name } },
    });

    const seen = await status();
    expect(seen.body.days.find((d) => d.day === yesterday)?.review).toMatchObject({
      reviewedByName: world.staff.service_lead.name,
    });
    const audit = await call<{ items: { action: string; entityId: string }[] }>(
      world.tokens.property_manager,
      'GET',
      `/api/directory/properties/${world.property.id}/audit`,
    );
    expect(audit.body.items.filter((a) => a.action === 'ledger.review.day').map((a) => a.entityId)).toEqual([
      yesterday,
    ]);
  });

  it('team lead: cannot mark today before it is over, nor a week', async () => {
    const today = await hostToday();
    const early = await markDay(world.tokens.service_lead, today);
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ error: { code: 'day_not_over' } });
    expect((await markDay(world.tokens.service_lead, addDays(today, 3))).status).toBe(422);
    expect((await markWeek(world.tokens.service_lead, lastWeek)).status).toBe(403);
  });

  it('property manager: marks last week reviewed; this week is not over; twice is 409', async () => {
    const early = await markWeek(world.tokens.property_manager, isoWeekOf(await hostToday()));
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ error: { code: 'week_not_over' } });

    const marked = await markWeek(world.tokens.property_manager, lastWeek);
    expect(marked.status, JSON.stringify(marked.body)).toBe(201);
    const yesterdayInLastWeek = isoWeekOf(yesterday) === lastWeek;
    expect(marked.body).toMatchObject({ period: lastWeek, contacts: yesterdayInLastWeek ? 2 : 0 });
    expect((await markWeek(world.tokens.property_manager, lastWeek)).status).toBe(409);
    const seen = await status();
    expect(seen.body.weeks.find((w) => w.week === lastWeek)).toMatchObject({
      over: true,
      review: { period: lastWeek },
    });
  });

  it('property manager: a day that is not in the calendar or a week 54 is a 400 and marks nothing', async () => {
    expect((await markDay(world.tokens.property_manager, '2026-02-30')).status).toBe(400);
    expect((await markWeek(world.tokens.property_manager, '2026-W54')).status).toBe(400);
    expect((await markWeek(world.tokens.property_manager, '2025-W53')).status).toBe(400);
  });
});
