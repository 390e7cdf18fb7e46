import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Staff } from '../../functions/directory/records.ts';
import { useChannels } from '../../functions/notifications/channels/index.ts';
import type { Notification, OutboxEntry } from '../../functions/notifications/records.ts';
import { propertyStore } from '../../functions/shared/store.ts';
import { keys, ticketSkPrefix } from '../../functions/shared/table.ts';
import type { Ticket } from '../../functions/tickets/records.ts';
import { sweepSla } from '../../functions/tickets/sla-sweep.ts';
import { asSystem, call } from '../support/api.ts';
import { makeHeadOffice, makeProperty, type PropertyWorld } from '../support/world.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const sweep = (at: number) => asSystem(() => sweepSla(new Date(at)));

let world: PropertyWorld;
let restore: (() => void) | undefined;

beforeAll(async () => {
  world = await makeProperty('SN');
});
afterEach(() => {
  restore?.();
  restore = undefined;
  delete process.env.NOTIFY_EMAIL;
});

async function record(w: PropertyWorld, category: 'complaint' | 'repair', severity = 'urgent') {
  const reply = await call<{ ticket: Ticket }>(
    w.tokens.front_desk,
    'POST',
    `/api/tickets/properties/${w.property.id}/contacts`,
    {
      time: new Date(Date.now() - 30_000).toISOString(),
      channel: 'phone',
      caller: { name: '王芳', phone: '13812345678' },
      unitId: w.unit.id,
      householdId: w.household.id,
      category,
      summary: category === 'complaint' ? '电梯困人，无人应答' : '卫生间下水管漏水',
      ...(category === 'complaint' ? { ticket: { category: 'facilities', severity } } : {}),
    },
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.ticket;
}

const inboxAbout = async (token: string, ticket: Ticket) =>
  (
    await call<{ items: Notification[]; unreadCount: number }>(
      token,
      'GET',
      '/api/notifications/inbox?limit=100',
    )
  ).body.items.filter((n) => n.subject.id === ticket.id);

async function act(
  w: PropertyWorld,
  role: keyof PropertyWorld['tokens'],
  ticketId: string,
  action: string,
  input: object,
) {
  const detail = await call<{ ticket: Ticket }>(
    w.tokens[role],
    'GET',
    `/api/tickets/properties/${w.property.id}/tickets/${ticketId}`,
  );
  const reply = await call<{ ticket: Ticket }>(
    w.tokens[role],
    'POST',
    `/api/tickets/properties/${w.property.id}/tickets/${ticketId}/actions/${action}`,
    { version: detail.body.ticket.version, input },
  );
  expect(reply.status, `${action}: ${JSON.stringify(reply.body)}`).toBe(200);
  return reply.body.ticket;
}

const breachRecords = (w: PropertyWorld, ticketId: string) =>
  asSystem(() =>
    propertyStore(w.property.id).query<{ clock: string; clockStartedAt: string }>({
      partition: keys.property(w.property.id).pk,
      beginsWith: ticketSkPrefix.slaBreaches(ticketId),
    }),
  );

describe('an urgent complaint reaches the responsible people and the project manager at once', () => {
  it('front desk records an urgent complaint: the project manager has it in the inbox before any sweep runs', async () => {
    const ticket = await record(world, 'complaint');
    const pm = await inboxAbout(world.tokens.property_manager, ticket);
    expect(pm.map((n) => n.kind)).toEqual(['complaint.urgent']);
    expect(pm[0]!.title).toContain('电梯困人');
    expect(pm[0]!.link).toBe(`/p/${world.property.id}/tickets/${ticket.id}`);
    // The first-question owner is the responsible person until someone is assigned.
    expect((await inboxAbout(world.tokens.front_desk, ticket)).map((n) => n.kind)).toEqual([
      'complaint.urgent',
    ]);
    // Nobody else: the technician has nothing to do with it yet.
    expect(await inboxAbout(world.tokens.technician, ticket)).toEqual([]);
  });

  it('the sweep after that sends nothing twice: the steps are recorded, each person still has one notice', async () => {
    const ticket = await record(world, 'complaint');
    const t0 = Date.parse(ticket.openedAt);
    await sweep(t0 + MINUTE);
    await sweep(t0 + 5 * MINUTE);
    const detail = await call<{ timeline: { action: string; input: { step?: number } }[] }>(
      world.tokens.front_desk,
      'GET',
      `/api/tickets/properties/${world.property.id}/tickets/${ticket.id}`,
    );
    const steps = detail.body.timeline.filter((e) => e.action === 'sla.escalate').map((e) => e.input.step);
    expect(steps.sort()).toEqual([0, 1]);
    const urgentTo = async (token: string) =>
      (await inboxAbout(token, ticket)).filter((n) => n.kind === 'complaint.urgent');
    expect(await urgentTo(world.tokens.property_manager)).toHaveLength(1);
    expect(await urgentTo(world.tokens.front_desk)).toHaveLength(1);
  });

  it('a normal complaint tells nobody at once', async () => {
    const ticket = await record(world, 'complaint', 'normal');
    expect(await inboxAbout(world.tokens.property_manager, ticket)).toEqual([]);
    expect(await inboxAbout(world.tokens.front_desk, ticket)).toEqual([]);
  });
});

describe('the notice clock measures reaching people, acknowledgement has its own', () => {
  it('project manager: an urgent complaint nobody acknowledges is not overdue at 5 minutes and brings no second notice', async () => {
    const w = await makeProperty('SR');
    const ticket = await record(w, 'complaint');
    const t0 = Date.parse(ticket.openedAt);
    const stored = async () =>
      (
        await call<{ ticket: Ticket }>(
          w.tokens.front_desk,
          'GET',
          `/api/tickets/properties/${w.property.id}/tickets/${ticket.id}`,
        )
      ).body.ticket;
    // Delivered in-app to the first-question owner and the project manager when it was recorded.
    const recorded = await stored();
    expect(recorded.slas.notify).toMatchObject({ status: 'done', met: true });
    expect(Date.parse(recorded.slas.notify!.stoppedAt!)).toBeLessThanOrEqual(
      Date.parse(recorded.slas.notify!.dueAt!),
    );
    expect((recorded.noticeDelivery as { recipientIds: string[] }).recipientIds.sort()).toEqual(
      [w.staff.front_desk.id, w.staff.property_manager.id].sort(),
    );
    expect(recorded.slas.acknowledge).toMatchObject({ status: 'running' });
    expect(recorded.slas.acknowledge!.dueAt).toBe(
      new Date(Date.parse(recorded.slas.acknowledge!.clock.startedAt) + 15 * MINUTE).toISOString(),
    );

    await sweep(t0 + 6 * MINUTE);
    expect((await stored()).breaches).toBeUndefined();
    expect(await breachRecords(w, ticket.id)).toMatchObject({ items: [] });
    const figures = await call<{ now: { overdue: number } }>(
      w.tokens.property_manager,
      'GET',
      `/api/tickets/properties/${w.property.id}/figures`,
    );
    expect(figures.body.now.overdue).toBe(0);
    expect((await inboxAbout(w.tokens.property_manager, ticket)).map((n) => n.kind)).toEqual([
      'complaint.urgent',
    ]);
    expect((await inboxAbout(w.tokens.front_desk, ticket)).map((n) => n.kind)).toEqual(['complaint.urgent']);

    // Still nobody at 15 minutes: the acknowledgement is what is late, and that is recorded.
    await sweep(t0 + 16 * MINUTE);
    expect((await breachRecords(w, ticket.id)).items.map((b) => b.clock)).toEqual(['acknowledge']);
  });

  it('a property whose project manager cannot be reached: the notice clock breaches, and only it', async () => {
    const w = await makeProperty('SM');
    const hq = await makeHeadOffice();
    const pm = (await call<Staff>(hq.token, 'GET', `/api/directory/staff/${w.staff.property_manager.id}`))
      .body;
    const changed = await call(hq.token, 'PATCH', `/api/directory/staff/${pm.id}`, {
      version: pm.version,
      roles: ['front_desk'],
      propertyIds: [w.property.id],
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const ticket = await record(w, 'complaint');
    const t0 = Date.parse(ticket.openedAt);
    await sweep(t0 + MINUTE);
    const acknowledged = await act(w, 'front_desk', ticket.id, 'acknowledge', {});
    expect(acknowledged.slas.acknowledge).toMatchObject({ status: 'done', met: true });
    expect(acknowledged.slas.notify).toMatchObject({ status: 'running' });
    await sweep(t0 + 6 * MINUTE);
    expect((await breachRecords(w, ticket.id)).items.map((b) => b.clock)).toEqual(['notify']);
  });
});

describe('head office at the head-office step', () => {
  it('nobody acknowledges: head office staff are notified at the head-office step', async () => {
    const hq = await makeHeadOffice();
    const ticket = await record(world, 'complaint');
    const t0 = Date.parse(ticket.openedAt);
    await sweep(t0 + 29 * MINUTE);
    expect(await inboxAbout(hq.token, ticket)).toEqual([]);
    await sweep(t0 + 31 * MINUTE);
    const told = await inboxAbout(hq.token, ticket);
    expect(told.map((n) => n.kind)).toEqual(['complaint.urgent']);
    expect(told[0]!.idempotencyKey).toBe(
      `sla:${ticket.id}:escalation:2@${ticket.slas.notify!.clock.startedAt}:${hq.staff.id}`,
    );
  });

  it('a head-office account that lost the role is no longer told', async () => {
    const former = await makeHeadOffice();
    const current = await makeHeadOffice();
    const staff = (await call<Staff>(current.token, 'GET', `/api/directory/staff/${former.staff.id}`)).body;
    const changed = await call(current.token, 'PATCH', `/api/directory/staff/${former.staff.id}`, {
      version: staff.version,
      roles: ['technician'],
      propertyIds: [world.property.id],
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const ticket = await record(world, 'complaint');
    await sweep(Date.parse(ticket.openedAt) + 31 * MINUTE);
    expect(await inboxAbout(current.token, ticket)).toHaveLength(1);
    expect(await inboxAbout(former.token, ticket)).toEqual([]);
  });
});

describe('the sweep uses the configured outbound channels', () => {
  it('with NOTIFY_EMAIL=ses configured the sweep’s notification records an email delivery', async () => {
    process.env.NOTIFY_EMAIL = 'ses';
    const sent: { to: string; about: string; notificationId: string }[] = [];
    restore = useChannels({
      email: {
        name: 'ses',
        send: async (n, r) => {
          sent.push({ to: r.email, about: n.subject.id, notificationId: n.id });
          return { status: 'sent' };
        },
      },
    });
    const ticket = await record(world, 'complaint', 'normal');
    // The 72-hour reply target's warning, at 80 %, goes to the responsible person.
    await sweep(Date.parse(ticket.openedAt) + 58 * 60 * MINUTE);
    const [warning] = await inboxAbout(world.tokens.front_desk, ticket);
    expect(warning?.kind).toBe('sla.warning');
    expect(warning!.deliveries).toContainEqual(
      expect.objectContaining({ channel: 'email', provider: 'ses', status: 'sent' }),
    );
    expect(sent.filter((s) => s.about === ticket.id)).toEqual([
      { to: world.staff.front_desk.email, about: ticket.id, notificationId: warning!.id },
    ]);
    const outbox = await call<{ items: OutboxEntry[] }>(
      world.tokens.property_manager,
      'GET',
      `/api/notifications/properties/${world.property.id}/outbox?limit=100`,
    );
    expect(outbox.body.items.filter((e) => e.notificationId === warning!.id)).toEqual([
      expect.objectContaining({ channel: 'email', provider: 'ses', status: 'sent' }),
    ]);
  });

  it('an urgent complaint’s notice at once also goes out by e-mail and SMS (the local outbox)', async () => {
    const ticket = await record(world, 'complaint');
    const [notice] = await inboxAbout(world.tokens.property_manager, ticket);
    expect(notice!.deliveries.map((d) => `${d.channel}:${d.provider}:${d.status}`).sort()).toEqual([
      'email:outbox:sent',
      'inApp:inApp:sent',
      'sms:outbox:sent',
    ]);
  });
});

describe('a restarted SLA clock records its moments again', () => {
  it('front desk: a repair reopened by an unsatisfied follow-up and not followed up again breaches again → second breach record', async () => {
    const repair = await record(world, 'repair');
    const technicianId = world.staff.technician.id;
    const complete = async () => {
      await act(world, 'technician', repair.id, 'start', {});
      return act(world, 'technician', repair.id, 'complete', {
        workDone: '更换下水管',
        feeCents: 0,
        photoIds: [],
      });
    };
    await act(world, 'front_desk', repair.id, 'verify', { inScope: true });
    await act(world, 'front_desk', repair.id, 'dispatch', {
      technicianId,
      appointmentAt: new Date().toISOString(),
    });
    const first = await complete();
    await act(world, 'front_desk', repair.id, 'accept', { method: 'verbal' });

    // Nobody calls back within the follow-up target: one breach.
    const now = Date.now();
    await sweep(now + 5 * DAY);
    expect((await breachRecords(world, repair.id)).items).toEqual([
      expect.objectContaining({ clock: 'followUp', clockStartedAt: first.slas.followUp!.clock.startedAt }),
    ]);
    // A retry of the same run records nothing more.
    await sweep(now + 5 * DAY);
    expect((await breachRecords(world, repair.id)).items).toHaveLength(1);

    // The late call-back finds the household unsatisfied: reopened, redone, completed again.
    await act(world, 'front_desk', repair.id, 'followUp', { satisfied: false, comment: '仍然漏水' });
    const second = await complete();
    expect(second.slas.followUp!.clock.startedAt).not.toBe(first.slas.followUp!.clock.startedAt);
    await act(world, 'front_desk', repair.id, 'accept', { method: 'verbal' });

    await sweep(now + 10 * DAY);
    await sweep(now + 10 * DAY);
    const records = (await breachRecords(world, repair.id)).items;
    expect(records.map((r) => r.clockStartedAt).sort()).toEqual(
      [first.slas.followUp!.clock.startedAt, second.slas.followUp!.clock.startedAt].sort(),
    );
    const detail = await call<{ ticket: Ticket }>(
      world.tokens.front_desk,
      'GET',
      `/api/tickets/properties/${world.property.id}/tickets/${repair.id}`,
    );
    expect(detail.body.ticket.breaches).toHaveLength(2);
  });
});
