import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Staff } from '../../functions/directory/records.ts';
import { createStaff } from '../../functions/directory/staff.ts';
import { jobs } from '../../functions/jobs/index.ts';
import { runJob } from '../../functions/jobs/run.ts';
import type { Notification, OutboxEntry } from '../../functions/notifications/records.ts';
import { propertyStore } from '../../functions/shared/store.ts';
import { ticketKeys } from '../../functions/shared/table.ts';
import type { PendingHandOff } from '../../functions/tickets/handoffs.ts';
import type { Ticket } from '../../functions/tickets/records.ts';
import { asSystem, call, tokenFor } from '../support/api.ts';
import { type DbCall, failCalls } from '../support/faults.ts';
import { actOn, deskRepair, makeProperty, type PropertyWorld } from '../support/world.ts';

let world: PropertyWorld;
let otherTech: Staff;
let otherTechToken: string;

const HOUR = 3_600_000;
type Inbox = { items: Notification[] };

beforeAll(async () => {
  world = await makeProperty('HD');
  otherTech = await asSystem(() =>
    createStaff({
      email: 'tech2.hd@test.propdesk.cn',
      name: '石平刚',
      phone: '13900000002',
      department: 'engineering',
      roles: ['technician'],
      propertyIds: [world.property.id],
    }),
  );
  otherTechToken = await tokenFor(otherTech);
});

let fault: ReturnType<typeof failCalls> | undefined;
afterEach(() => {
  fault?.remove();
  fault = undefined;
});

const key = (c: DbCall) => (c.input.Key ?? {}) as { pk?: string; sk?: string };
/** Every first read of a hand-off notice's idempotency guard: `notify` fails before it writes anything. */
const handOffSends = (c: DbCall) =>
  c.command === 'GetItemCommand' && !!key(c).sk?.startsWith('notify#handoff:');
/** The transaction that removes a sent hand-off's record: it fails after the notices went. */
const handOffRemovals = (c: DbCall) =>
  c.command === 'TransactWriteItemsCommand' &&
  JSON.stringify(c.input.TransactItems ?? []).includes('"Delete":{"TableName"') &&
  JSON.stringify(c.input.TransactItems).includes('HANDOFF#');

const act = (token: string, ticket: Ticket, action: string, input: Record<string, unknown> = {}) =>
  actOn(world, token, ticket, action, input);

async function verifiedRepair(summary: string) {
  return act(world.tokens.front_desk, await deskRepair(world, summary), 'verify', { inScope: true });
}

const dispatch = (ticket: Ticket, technicianId: string) =>
  act(world.tokens.front_desk, ticket, 'dispatch', {
    technicianId,
    appointmentAt: new Date(Date.now() + HOUR).toISOString(),
  });

const inboxAbout = async (token: string, ticket: Ticket) =>
  (await call<Inbox>(token, 'GET', '/api/notifications/inbox?limit=100')).body.items.filter(
    (n) => n.subject.id === ticket.id,
  );

async function outboxAbout(ticket: Ticket, recipientId: string) {
  const reply = await call<{ items: OutboxEntry[] }>(
    world.tokens.property_manager,
    'GET',
    `/api/notifications/properties/${world.property.id}/outbox?limit=100`,
  );
  expect(reply.status).toBe(200);
  return reply.body.items.filter(
    (e) => e.recipientId === recipientId && e.link.endsWith(`/tickets/${ticket.id}`),
  );
}

const pendingOf = (ticket: Pick<Ticket, 'id' | 'version'>) =>
  asSystem(() =>
    propertyStore(world.property.id).get<PendingHandOff>(
      ticketKeys.handOff(world.property.id, ticket.id, ticket.version),
      { consistent: true },
    ),
  );

/** One run of the declared job, as the scheduler delivers it, a minute after now. */
const runHandOffJob = () =>
  runJob({ job: 'hand-off-notices', scheduledAt: new Date(Date.now() + 60_000).toISOString() });

describe('hand-off notices survive a failed send', () => {
  it('operator: the hand-off job is declared every minute in Asia/Shanghai', () => {
    expect(jobs.find((j) => j.name === 'hand-off-notices')).toMatchObject({
      cron: '* * * * ? *',
      timeZone: 'Asia/Shanghai',
    });
  });

  it('technician: a dispatch whose notice failed after the commit reaches them once, from the next job run', async () => {
    const verified = await verifiedRepair('阳台地漏堵塞');
    fault = failCalls(handOffSends);
    const job = await dispatch(verified, world.staff.technician.id);
    expect(fault.failed()).toBeGreaterThan(0);
    fault.remove();
    // The action is saved; its notice is not out yet, but is kept.
    expect(job).toMatchObject({ state: 'dispatched', assigneeId: world.staff.technician.id });
    expect(await inboxAbout(world.tokens.technician, job)).toEqual([]);
    expect((await pendingOf(job))?.notices.map((n) => n.recipientId)).toEqual([world.staff.technician.id]);

    // Two runs at once (an overlap, or a retried delivery), then one more.
    await Promise.all([runHandOffJob(), runHandOffJob()]);
    await runHandOffJob();

    const inbox = await inboxAbout(world.tokens.technician, job);
    expect(inbox.map((n) => n.kind)).toEqual(['ticket.assigned']);
    expect(inbox[0]!.title).toBe(`报修已派给你：${job.number} 阳台地漏堵塞`);
    expect((await outboxAbout(job, world.staff.technician.id)).map((e) => e.channel)).toEqual(['sms']);
    expect(await pendingOf(job)).toBeUndefined();
  });

  it('front desk: a completion whose notices went out but whose record stayed is not sent again by the job', async () => {
    let job = await dispatch(await verifiedRepair('卧室插座没电'), world.staff.technician.id);
    job = await act(world.tokens.technician, job, 'start');
    fault = failCalls(handOffRemovals);
    job = await act(world.tokens.technician, job, 'complete', { workDone: '更换插座', photoIds: [] });
    expect(fault.failed()).toBe(1);
    fault.remove();
    expect(await pendingOf(job)).toBeDefined();
    expect((await inboxAbout(world.tokens.front_desk, job)).map((n) => n.kind)).toEqual(['ticket.completed']);

    const runs = await Promise.all([runHandOffJob(), runHandOffJob()]);
    // One of the two runs removed the record; neither sent anything again.
    expect(runs.reduce((sum, r) => sum + r.changed, 0)).toBe(1);
    expect(await pendingOf(job)).toBeUndefined();
    const inbox = await inboxAbout(world.tokens.front_desk, job);
    expect(inbox.map((n) => n.kind)).toEqual(['ticket.completed']);
    expect(await outboxAbout(job, world.staff.front_desk.id)).toHaveLength(1);
  });

  it('front desk: a hand-off still pending never blocks the next action on the ticket', async () => {
    fault = failCalls(handOffSends);
    const first = await dispatch(await verifiedRepair('客厅空调不制冷'), world.staff.technician.id);
    // Re-dispatched to another technician while the first notice is still pending.
    const second = await dispatch(first, otherTech.id);
    fault.remove();
    expect(second).toMatchObject({ assigneeId: otherTech.id, version: first.version + 1 });
    expect(await pendingOf(first)).toBeDefined();
    expect(await pendingOf(second)).toBeDefined();

    await runHandOffJob();
    expect((await inboxAbout(world.tokens.technician, first)).map((n) => n.kind)).toEqual([
      'ticket.assigned',
    ]);
    expect((await inboxAbout(otherTechToken, second)).map((n) => n.kind)).toEqual(['ticket.assigned']);
    expect(await pendingOf(first)).toBeUndefined();
    expect(await pendingOf(second)).toBeUndefined();
  });

  it('technician: a job run the database fails on keeps the hand-off for the next run', async () => {
    fault = failCalls(handOffSends);
    const job = await dispatch(await verifiedRepair('厨房下水道反味'), world.staff.technician.id);
    await expect(runHandOffJob()).rejects.toThrow();
    fault.remove();
    expect(await inboxAbout(world.tokens.technician, job)).toEqual([]);
    expect(await pendingOf(job)).toBeDefined();

    await runHandOffJob();
    expect((await inboxAbout(world.tokens.technician, job)).map((n) => n.kind)).toEqual(['ticket.assigned']);
    expect(await pendingOf(job)).toBeUndefined();
  });

  it('property manager: the audit trail says the system sent the hand-off notices', async () => {
    const job = await dispatch(await verifiedRepair('卫生间排风扇不转'), world.staff.technician.id);
    const reply = await call<{ items: { action: string; entityId: string; after: unknown }[] }>(
      world.tokens.property_manager,
      'GET',
      `/api/directory/properties/${world.property.id}/audit?limit=100`,
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.items.filter((e) => e.action === 'ticket.handOff' && e.entityId === job.id)).toEqual([
      expect.objectContaining({
        entityId: job.id,
        after: { kind: 'repair', version: job.version, notices: 1 },
      }),
    ]);
  });
});
