import { beforeAll, describe, expect, it } from 'vitest';
import type { PropertyFigures } from '../../functions/tickets/figures-read.ts';
import { localDay } from '../../functions/tickets/local-day.ts';
import type { Ticket } from '../../functions/tickets/records.ts';
import { sweepSla } from '../../functions/tickets/sla-sweep.ts';
import { asSystem, call } from '../support/api.ts';
import { deskContact, makeHeadOffice, makeProperty, type PropertyWorld } from '../support/world.ts';

/** Head-office figures: counted on write, in the transaction of the change they count. */
let a: PropertyWorld;
let b: PropertyWorld;
let hq: string;

beforeAll(async () => {
  [a, b] = await Promise.all([makeProperty('FA'), makeProperty('FB')]);
  hq = (await makeHeadOffice()).token;
});

const MINUTE = 60_000;
type Acted = { ticket: Ticket };
type CompanyFigures = { items: (PropertyFigures & { property: { id: string; code: string } })[] };

async function record(w: PropertyWorld, contact: Record<string, unknown>, time = new Date().toISOString()) {
  const reply = await call<{ ticket: Ticket }>(
    w.tokens.front_desk,
    'POST',
    `/api/tickets/properties/${w.property.id}/contacts`,
    deskContact(w, contact, time),
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.ticket;
}

const urgentComplaint = (w: PropertyWorld, time: string) =>
  record(
    w,
    { category: 'complaint', summary: '电梯困人', ticket: { category: 'facilities', severity: 'urgent' } },
    time,
  );
const repair = (w: PropertyWorld) => record(w, { category: 'repair', summary: '厨房水龙头漏水' });

function act(w: PropertyWorld, role: keyof PropertyWorld['tokens'], t: Ticket, action: string, input = {}) {
  return call<Acted>(
    w.tokens[role],
    'POST',
    `/api/tickets/properties/${w.property.id}/tickets/${t.id}/actions/${action}`,
    {
      version: t.version,
      input,
    },
  );
}

/** Takes `steps` in order, each as its role; every one must succeed. */
async function take(
  w: PropertyWorld,
  ticket: Ticket,
  steps: [keyof PropertyWorld['tokens'], string, object][],
) {
  let t = ticket;
  for (const [role, action, input] of steps) {
    const reply = await act(w, role, t, action, input);
    expect(reply.status, `${role} ${action}: ${JSON.stringify(reply.body)}`).toBe(200);
    t = reply.body.ticket;
  }
  return t;
}

const toCompletion = (w: PropertyWorld, feeCents = 0): [keyof PropertyWorld['tokens'], string, object][] => [
  [
    'front_desk',
    'dispatch',
    { technicianId: w.staff.technician.id, appointmentAt: '2026-11-24T02:00:00.000Z' },
  ],
  ['technician', 'start', {}],
  ['technician', 'complete', { workDone: '更换水龙头阀芯', feeCents, photoIds: [] }],
  ['technician', 'accept', { method: 'verbal', note: '业主电话确认' }],
];

async function figures(w: PropertyWorld, token: string, query = '') {
  const reply = await call<PropertyFigures>(
    token,
    'GET',
    `/api/tickets/properties/${w.property.id}/figures${query}`,
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

async function companyFigures(token: string, query = '') {
  const reply = await call<CompanyFigures>(token, 'GET', `/api/tickets/figures${query}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return new Map(reply.body.items.map((i) => [i.propertyId, i]));
}

const sweep = (at: number) => asSystem(() => sweepSla(new Date(at)));
const today = (w: PropertyWorld) => localDay(new Date(), w.property.timeZone);

describe('figures for head office', () => {
  it('head office: sees open now, overdue and breached for each of its properties', async () => {
    const t0 = Date.now() - 30_000;
    const complaint = await urgentComplaint(a, new Date(t0).toISOString());
    await repair(b);
    // The breach counts on the day it was due: near midnight that is the day after the opening.
    const openDay = localDay(new Date(t0), a.property.timeZone);
    const breachDay = localDay(complaint.slas.acknowledge!.dueAt!, a.property.timeZone);
    // Nobody acknowledged it in 15 minutes (its notice reached its people at once: that clock is met).
    // Two overlapping sweeps: the breach and the ticket going overdue are counted once.
    await Promise.all([sweep(t0 + 16 * MINUTE), sweep(t0 + 16 * MINUTE)]);

    const all = await companyFigures(hq, `?from=${openDay}&to=${breachDay}`);
    const ofA = all.get(a.property.id)!;
    const ofB = all.get(b.property.id)!;
    // Each world opened one repair of its own.
    expect(ofA.now).toMatchObject({ open: 2, overdue: 1, openByKind: { repair: 1, complaint: 1 } });
    expect(ofA.totals).toMatchObject({ opened: 2, breached: 1 });
    expect(ofA.totals.contactsByCategory).toMatchObject({ repair: 1, complaint: 1 });
    expect(ofB.now).toMatchObject({ open: 2, overdue: 0, openByKind: { repair: 2 } });
    expect(ofB.totals).toMatchObject({ opened: 2, breached: 0 });
    expect(ofA.property.code).toBe('FA');
  });

  it('property manager: the company figures show only the properties they belong to', async () => {
    const all = await companyFigures(a.tokens.property_manager);
    expect([...all.keys()]).toEqual([a.property.id]);
  });

  it('closing a breached ticket lowers overdue now; its satisfied call-back counts towards satisfaction', async () => {
    const t0 = Date.now() - 30_000;
    const before = await figures(a, a.tokens.front_desk);
    let complaint = await urgentComplaint(a, new Date(t0).toISOString());
    await sweep(t0 + 16 * MINUTE); // unacknowledged after 15 minutes
    expect((await figures(a, a.tokens.front_desk)).now.overdue).toBe(before.now.overdue + 1);

    complaint = (
      await call<{ ticket: Ticket }>(
        a.tokens.front_desk,
        'GET',
        `/api/tickets/properties/${a.property.id}/tickets/${complaint.id}`,
      )
    ).body.ticket;
    const deadlineAt = new Date(Date.now() + 48 * 60 * MINUTE).toISOString();
    await take(a, complaint, [
      ['front_desk', 'acknowledge', {}],
      ['front_desk', 'assign', { department: '工程部', assigneeId: a.staff.technician.id, deadlineAt }],
      ['technician', 'reply', { message: '明天上午检修电梯' }],
      ['front_desk', 'checkSolved', { solved: true, note: '电梯已恢复' }],
      ['front_desk', 'callBack', { satisfied: true, comment: '满意' }],
      ['property_manager', 'review', { lesson: '电梯巡检不足', improvement: '每周巡检' }],
      ['front_desk', 'close', {}],
    ]);

    const after = await figures(a, a.tokens.front_desk);
    expect(after.now.overdue).toBe(before.now.overdue);
    expect(after.now.open).toBe(before.now.open);
    const day = after.days.at(-1)!;
    const was = before.days.at(-1)!;
    expect(day.closed - was.closed).toBe(1);
    expect(day.callBacks - was.callBacks).toBe(1);
    expect(day.callBacksSatisfied - was.callBacksSatisfied).toBe(1);
  });

  it('a repair followed up satisfied raises the follow-up rate and satisfaction', async () => {
    const c = await makeProperty('FC');
    const completed = await take(c, c.ticket, [
      ['front_desk', 'verify', { inScope: true }],
      ...toCompletion(c),
    ]);
    let day = (await figures(c, c.tokens.front_desk)).days.at(-1)!;
    expect(day).toMatchObject({ completedRepairs: 1, followUps: 0, followUpRate: 0, satisfaction: null });

    const closed = await take(c, completed, [
      ['front_desk', 'followUp', { satisfied: true, comment: '满意' }],
      ['front_desk', 'close', {}],
    ]);
    expect(closed.state).toBe('closed');
    const seen = await figures(c, c.tokens.front_desk);
    day = seen.days.at(-1)!;
    expect(day).toMatchObject({
      completedRepairs: 1,
      followUps: 1,
      followUpRate: 1,
      satisfaction: 1,
      closed: 1,
    });
    expect(seen.now.open).toBe(0);

    // A second repair followed up unhappy: it reopens, and satisfaction drops to one in two.
    const second = await take(c, await repair(c), [
      ['front_desk', 'verify', { inScope: true }],
      ...toCompletion(c),
    ]);
    const reopened = await take(c, second, [
      ['front_desk', 'followUp', { satisfied: false, comment: '还在漏' }],
    ]);
    expect(reopened.state).toBe('dispatched');
    day = (await figures(c, c.tokens.front_desk)).days.at(-1)!;
    expect(day).toMatchObject({
      completedRepairs: 2,
      followUps: 2,
      followUpsSatisfied: 1,
      satisfaction: 0.5,
    });
  });

  it('property manager: a complaint replied in time and one left past its 72 hours → a 50 % reply rate on the day they were due', async () => {
    const w = await makeProperty('FR');
    const t0 = Date.now() - 30_000;
    const normal = () =>
      record(
        w,
        { category: 'complaint', summary: '楼下装修噪音', ticket: { category: 'renovation' } },
        new Date(t0).toISOString(),
      );
    const replied = await normal();
    const unreplied = await normal();
    const deadlineAt = new Date(Date.now() + 48 * 60 * MINUTE).toISOString();
    await take(w, replied, [
      ['front_desk', 'acknowledge', {}],
      ['front_desk', 'assign', { department: '工程部', assigneeId: w.staff.technician.id, deadlineAt }],
      ['technician', 'reply', { message: '已联系装修方，限定施工时间' }],
    ]);
    const due = unreplied.slas.reply!.dueAt!;
    await sweep(Date.parse(due) + MINUTE);
    const day = localDay(due, w.property.timeZone);
    const f = await figures(w, w.tokens.property_manager, `?from=${day}&to=${day}`);
    expect(f.days[0]).toMatchObject({
      complaintRepliesOnTime: 1,
      complaintRepliesLate: 1,
      complaintReplyRate: 0.5,
      inquiryOnTimeRate: null,
    });
  });

  it('a retried action does not double count', async () => {
    const c = await makeProperty('FD');
    const before = await figures(c, c.tokens.front_desk);
    const verified = await take(c, c.ticket, [['front_desk', 'verify', { inScope: true }]]);
    // The same cancel sent twice at once, then retried: the ticket's version lets one through.
    const replies = await Promise.all([
      act(c, 'front_desk', verified, 'cancel', { reason: '业主自行修好' }),
      act(c, 'front_desk', verified, 'cancel', { reason: '业主自行修好' }),
    ]);
    const retry = await act(c, 'front_desk', verified, 'cancel', { reason: '业主自行修好' });
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(retry.status).toBe(409);

    const after = await figures(c, c.tokens.front_desk);
    expect(before.now.open).toBe(1);
    expect(after.now).toMatchObject({ open: 0, openByKind: { repair: 0 } });
    expect(after.days.at(-1)!.cancelled).toBe(1);
  });

  it('front desk: sees its property’s figures of today, not another property’s', async () => {
    const own = await figures(a, a.tokens.front_desk, `?from=${today(a)}&to=${today(a)}`);
    expect(own.days).toHaveLength(1);
    expect(own.days[0]!.day).toBe(today(a));
    const other = await call(a.tokens.front_desk, 'GET', `/api/tickets/properties/${b.property.id}/figures`);
    // Another property's records are not found, as if they did not exist.
    expect(other.status).toBe(404);
  });

  it('a range that is backwards, too long or not a date is a 4xx', async () => {
    for (const query of [
      '?from=2026-11-20&to=2026-11-10',
      '?from=2025-01-01&to=2026-01-01',
      '?to=2026-02-30',
      '?from=x',
    ]) {
      const reply = await call(hq, 'GET', `/api/tickets/properties/${a.property.id}/figures${query}`);
      expect(reply.status, query).toBeGreaterThanOrEqual(400);
      expect(reply.status, query).toBeLessThan(500);
    }
  });
});
