import { beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../../functions/jobs/index.ts';
import { runJob } from '../../functions/jobs/run.ts';
import type { Notification } from '../../functions/notifications/records.ts';
import { propertyStore } from '../../functions/shared/store.ts';
import { keys, ticketKeys, ticketSkPrefix } from '../../functions/shared/table.ts';
import { localDay } from '../../functions/tickets/local-day.ts';
import type { Ticket } from '../../functions/tickets/records.ts';
import { sweepSla } from '../../functions/tickets/sla-sweep.ts';
import { asSystem, call } from '../support/api.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

let world: PropertyWorld;

beforeAll(async () => {
  world = await makeProperty('SL');
});

type Opened = { ticket: Ticket };
type Detail = { ticket: Ticket; timeline: { action: string; input: Record<string, unknown> }[] };

const MINUTE = 60_000;
const sweep = (at: number) => asSystem(() => sweepSla(new Date(at)));
/** A moment's key without the start of its clock: `notify:breach`, `escalation:1`. */
const plain = (key: string) => key.replace(/@.*$/, '');

async function urgentComplaint(w: PropertyWorld, time: string, severity = 'urgent'): Promise<Ticket> {
  const reply = await call<Opened>(
    w.tokens.front_desk,
    'POST',
    `/api/tickets/properties/${w.property.id}/contacts`,
    {
      time,
      channel: 'phone',
      caller: { name: '王芳', phone: '13812345678' },
      unitId: w.unit.id,
      householdId: w.household.id,
      category: 'complaint',
      summary: '电梯困人',
      ticket: { category: 'facilities', severity },
    },
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.ticket;
}

const detail = async (w: PropertyWorld, ticket: Ticket) =>
  (
    await call<Detail>(
      w.tokens.front_desk,
      'GET',
      `/api/tickets/properties/${w.property.id}/tickets/${ticket.id}`,
    )
  ).body;

const escalationSteps = async (w: PropertyWorld, ticket: Ticket) =>
  (await detail(w, ticket)).timeline
    .filter((e) => e.action === 'sla.escalate')
    .map((e) => e.input.step as number)
    .sort((a, b) => a - b);

const inboxAbout = async (token: string, ticket: Ticket) =>
  (
    await call<{ items: Notification[] }>(token, 'GET', '/api/notifications/inbox?limit=100')
  ).body.items.filter((n) => n.subject.id === ticket.id);

/** Every notification of the property about `ticket`, read from its partition. */
async function notificationsAbout(w: PropertyWorld, ticket: Ticket): Promise<Notification[]> {
  const store = await asSystem(async () => propertyStore(w.property.id));
  const found: Notification[] = [];
  let cursor: string | undefined;
  do {
    const page = await asSystem(() =>
      store.query<Notification>({
        partition: keys.property(w.property.id).pk,
        beginsWith: 'NOTIFICATION#',
        cursor,
      }),
    );
    found.push(...page.items.filter((n) => n.subject.id === ticket.id));
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return found;
}

describe('SLA check job: an urgent complaint climbs its escalation ladder until acknowledged', () => {
  it('front desk records an urgent complaint → the sweeps record the steps it climbs; nobody is told twice', async () => {
    const t0 = Date.now() - 30_000;
    const ticket = await urgentComplaint(world, new Date(t0).toISOString());
    const run = await sweep(t0 + MINUTE);
    expect(run.events.filter((e) => e.ticketId === ticket.id).map((e) => plain(e.key))).toContain(
      'escalation:0',
    );
    const mine = await inboxAbout(world.tokens.front_desk, ticket);
    expect(mine.map((n) => n.kind)).toEqual(['complaint.urgent']);
    expect(await escalationSteps(world, ticket)).toEqual([0]);

    // The project manager heard of it when it was recorded; the 5-minute step records, and sends nothing new.
    await sweep(t0 + 5 * MINUTE);
    const pm = await inboxAbout(world.tokens.property_manager, ticket);
    expect(pm.map((n) => n.kind)).toEqual(['complaint.urgent']);
    expect(await escalationSteps(world, ticket)).toEqual([0, 1]);

    // The notice reached them at once: its clock is met, so +6 min records no breach. Nobody
    // acknowledged: the acknowledgement clock (15 min) breaches at +16; at +31 min head office's step.
    await sweep(t0 + 6 * MINUTE);
    const after6 = (await detail(world, ticket)).ticket;
    expect(after6.slas.notify).toMatchObject({ status: 'done', met: true });
    expect(after6.breaches).toBeUndefined();
    await sweep(t0 + 16 * MINUTE);
    expect((await detail(world, ticket)).ticket.breaches).toEqual([
      expect.objectContaining({ clock: 'acknowledge' }),
    ]);
    await sweep(t0 + 31 * MINUTE);
    expect(await escalationSteps(world, ticket)).toEqual([0, 1, 2]);
  });

  it('project manager acknowledges after the first step → the climb stops (no further step, no breach)', async () => {
    const t0 = Date.now() - 30_000;
    const ticket = await urgentComplaint(world, new Date(t0).toISOString());
    await sweep(t0 + MINUTE);
    const current = (await detail(world, ticket)).ticket;
    const ack = await call<{ ticket: Ticket }>(
      world.tokens.front_desk,
      'POST',
      `/api/tickets/properties/${world.property.id}/tickets/${ticket.id}/actions/acknowledge`,
      { version: current.version, input: {} },
    );
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    expect(ack.body.ticket.slas.acknowledge).toMatchObject({ status: 'done', met: true });
    expect(ack.body.ticket.slas.notify).toMatchObject({ status: 'done', met: true });
    const run = await sweep(t0 + 31 * MINUTE);
    expect(run.events.filter((e) => e.ticketId === ticket.id)).toEqual([]);
    expect(await escalationSteps(world, ticket)).toEqual([0]);
    // Only what it was told at once, when the complaint was recorded.
    expect(await inboxAbout(world.tokens.property_manager, ticket)).toHaveLength(1);
    expect((await detail(world, ticket)).ticket.breaches).toBeUndefined();
  });
});

describe('SLA check job is idempotent', () => {
  let other: PropertyWorld;
  beforeAll(async () => {
    other = await makeProperty('SC');
  });

  it('two concurrent sweeps and a retry (same now) → one breach record, one day count, one notification per recipient per event', async () => {
    const t0 = Date.now() - 30_000;
    const ticket = await urgentComplaint(other, new Date(t0).toISOString());
    const day = localDay(ticket.slas.acknowledge!.dueAt!, 'Asia/Shanghai');
    const counter = async () =>
      (
        await asSystem(() =>
          propertyStore(other.property.id).get<{ breached?: number }>(ticketKeys.day(other.property.id, day)),
        )
      )?.breached ?? 0;
    const before = await counter();
    // Nobody acknowledges: the acknowledgement clock (15 min) breaches.
    const now = t0 + 16 * MINUTE;
    const runs = await Promise.all([sweep(now), sweep(now)]);
    const retry = await sweep(now);
    const recorded = [...runs, retry].flatMap((r) => r.events.filter((e) => e.ticketId === ticket.id));
    expect(recorded.map((e) => plain(e.key)).sort()).toEqual(
      ['escalation:0', 'escalation:1', 'acknowledge:breach', 'acknowledge:warning'].sort(),
    );

    const breaches = await asSystem(() =>
      propertyStore(other.property.id).query({
        partition: keys.property(other.property.id).pk,
        beginsWith: ticketSkPrefix.slaBreaches(ticket.id),
      }),
    );
    expect(breaches.items).toHaveLength(1);
    expect(await counter()).toBe(before + 1);
    expect((await detail(other, ticket)).ticket.breaches).toHaveLength(1);

    const sent = await notificationsAbout(other, ticket);
    const fd = other.staff.front_desk.id;
    const pm = other.staff.property_manager.id;
    const start = ticket.slas.notify!.clock.startedAt;
    expect(sent.map((n) => n.idempotencyKey).sort()).toEqual(
      [
        `sla:${ticket.id}:escalation:0@${start}:${fd}`,
        `sla:${ticket.id}:escalation:1@${start}:${pm}`,
        `sla:${ticket.id}:acknowledge:warning@${start}:${fd}`,
        `sla:${ticket.id}:acknowledge:breach@${start}:${fd}`,
        `sla:${ticket.id}:acknowledge:breach@${start}:${pm}`,
      ].sort(),
    );
    expect(await escalationSteps(other, ticket)).toEqual([0, 1]);
  });

  it('a ticket whose clock is far in the future is not read', async () => {
    const now = Date.now() + 2 * MINUTE;
    await sweep(now);
    const settled = await sweep(now);
    const future = await urgentComplaint(other, new Date().toISOString(), 'normal');
    expect(future.nextDueAt! > new Date(now).toISOString()).toBe(true);
    const again = await sweep(now);
    expect(again.read).toBe(settled.read);
    expect(again.events.filter((e) => e.ticketId === future.id)).toEqual([]);
  });
});

describe('sla-check is a declared job', () => {
  it('every minute in Asia/Shanghai; the runner sweeps at the payload’s scheduledAt (a retry repeats the same now)', async () => {
    const job = jobs.find((j) => j.name === 'sla-check');
    expect(job).toMatchObject({ cron: '* * * * ? *', timeZone: 'Asia/Shanghai' });
    const t0 = Date.now() - 30_000;
    const ticket = await urgentComplaint(world, new Date(t0).toISOString());
    const scheduledAt = new Date(t0 + MINUTE).toISOString();
    const first = (await runJob({ job: 'sla-check', scheduledAt })) as unknown as {
      job: string;
      events: unknown[];
    };
    expect(first.job).toBe('sla-check');
    expect(first.events).toContainEqual({
      ticketId: ticket.id,
      key: `escalation:0@${ticket.slas.notify!.clock.startedAt}`,
    });
    const retry = (await runJob({ job: 'sla-check', scheduledAt })) as unknown as {
      events: { ticketId: string }[];
    };
    expect(retry.events.filter((e) => e.ticketId === ticket.id)).toEqual([]);
  });
});
