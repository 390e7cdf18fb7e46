import { beforeAll, describe, expect, it } from 'vitest';
import type { Staff } from '../../functions/directory/records.ts';
import { createStaff, updateStaff } from '../../functions/directory/staff.ts';
import type { Notification, OutboxEntry } from '../../functions/notifications/records.ts';
import { propertyStore } from '../../functions/shared/store.ts';
import { ticketKeys } from '../../functions/shared/table.ts';
import { noticeHandOff, pendingHandOff } from '../../functions/tickets/handoffs.ts';
import type { Transition } from '../../functions/tickets/machines/index.ts';
import type { Ticket } from '../../functions/tickets/records.ts';
import { sweepSla } from '../../functions/tickets/sla-sweep.ts';
import { asSystem, call, tokenFor } from '../support/api.ts';
import { actOn, deskRepair, makeProperty, type PropertyWorld } from '../support/world.ts';

let world: PropertyWorld;
let otherTech: Staff;
let otherTechToken: string;

type Inbox = { items: Notification[] };
type Audit = { items: { action: string; entityId: string; actorName: string; at: string; after: unknown }[] };

const base = () => `/api/tickets/properties/${world.property.id}`;
const HOUR = 3_600_000;

beforeAll(async () => {
  world = await makeProperty('HO');
  otherTech = await asSystem(() =>
    createStaff({
      email: 'tech2.ho@test.propdesk.cn',
      name: '石平刚',
      phone: '13900000002',
      department: 'engineering',
      roles: ['technician'],
      propertyIds: [world.property.id],
      language: 'en',
    }),
  );
  otherTechToken = await tokenFor(otherTech);
});

const openRepair = (summary: string) => deskRepair(world, summary);
const act = (token: string, ticket: Ticket, action: string, input: Record<string, unknown> = {}) =>
  actOn(world, token, ticket, action, input);

async function dispatched(
  summary: string,
  technicianId: string,
  appointmentAt = new Date(Date.now() + HOUR),
) {
  const verified = await act(world.tokens.front_desk, await openRepair(summary), 'verify', { inScope: true });
  return act(world.tokens.front_desk, verified, 'dispatch', {
    technicianId,
    appointmentAt: appointmentAt.toISOString(),
  });
}

const inboxAbout = async (token: string, ticket: Ticket) =>
  (await call<Inbox>(token, 'GET', '/api/notifications/inbox?limit=100')).body.items.filter(
    (n) => n.subject.id === ticket.id,
  );

const outboxAbout = async (recipientId: string, notifications: Notification[]) => {
  const reply = await call<{ items: OutboxEntry[] }>(
    world.tokens.property_manager,
    'GET',
    `/api/notifications/properties/${world.property.id}/outbox?limit=100`,
  );
  expect(reply.status).toBe(200);
  const ids = new Set(notifications.map((n) => n.id));
  return reply.body.items.filter((e) => e.recipientId === recipientId && ids.has(e.notificationId));
};

const reveal = (token: string, ticket: Ticket) =>
  call<{ phone: string; source: string }>(token, 'POST', `${base()}/tickets/${ticket.id}/reveal-phone`);

describe('reaching the household', () => {
  it('technician: sees the full number of their own job, to call the household', async () => {
    const job = await dispatched('厨房水龙头滴水', world.staff.technician.id);
    const reply = await reveal(world.tokens.technician, job);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toEqual({ phone: '13812345678', source: 'caller' });
  });

  it('technician: cannot reveal the phone of a job not theirs', async () => {
    const job = await dispatched('阳台地漏返水', otherTech.id);
    const reply = await reveal(world.tokens.technician, job);
    expect(reply.status).toBe(403);
    expect(JSON.stringify(reply.body)).not.toContain('13812345678');
  });

  it('finance and security: still see the number masked only', async () => {
    const job = await dispatched('门铃不响', world.staff.technician.id);
    for (const token of [world.tokens.finance, world.tokens.security])
      expect((await reveal(token, job)).status).toBe(403);
  });

  it('property manager: every reveal is in the audit trail, naming who looked at which ticket', async () => {
    const job = await dispatched('卧室插座没电', world.staff.technician.id);
    for (const token of [world.tokens.technician, world.tokens.front_desk, world.tokens.property_manager])
      expect((await reveal(token, job)).status).toBe(200);
    const audit = await call<Audit>(
      world.tokens.property_manager,
      'GET',
      `/api/directory/properties/${world.property.id}/audit?limit=100`,
    );
    expect(audit.status).toBe(200);
    const reveals = audit.body.items.filter(
      (e) => e.action === 'ticket.revealPhone' && e.entityId === job.id,
    );
    expect(reveals.map((e) => e.actorName).sort()).toEqual(
      [world.staff.technician.name, world.staff.front_desk.name, world.staff.property_manager.name].sort(),
    );
    expect(JSON.stringify(audit.body)).not.toContain('13812345678');
  });

  it('technician: their job list and the ticket itself keep the number masked', async () => {
    const job = await dispatched('客厅吊灯松动', world.staff.technician.id);
    const jobs = await call<{ items: Ticket[] }>(world.tokens.technician, 'GET', `${base()}/my-jobs`);
    const detail = await call(world.tokens.technician, 'GET', `${base()}/tickets/${job.id}`);
    const list = await call(world.tokens.front_desk, 'GET', `${base()}/tickets?kind=repair`);
    for (const reply of [jobs, detail, list]) {
      expect(reply.status).toBe(200);
      expect(JSON.stringify(reply.body)).toContain('138****5678');
      expect(JSON.stringify(reply.body)).not.toContain('13812345678');
    }
  });
});

describe('hand-offs notify the right person', () => {
  it('technician: a dispatched repair is in their inbox and outbox exactly once, even when the notice is retried', async () => {
    const verified = await act(world.tokens.front_desk, await openRepair('卫生间马桶漏水'), 'verify', {
      inScope: true,
    });
    const job = await act(world.tokens.front_desk, verified, 'dispatch', {
      technicianId: world.staff.technician.id,
      appointmentAt: new Date(Date.now() + HOUR).toISOString(),
    });
    // The action's notice sent again (a retry after the commit): the same keys, nothing new.
    const stored = await asSystem(() =>
      propertyStore(world.property.id).mustGet<Ticket>(
        ticketKeys.ticket(world.property.id, job.id),
        'Ticket',
      ),
    );
    const transition = { action: 'dispatch', by: world.staff.front_desk.id } as Transition;
    const pending = await pendingHandOff(verified, stored, transition, world.property);
    await Promise.all([1, 2].map(() => noticeHandOff(pending)));
    // The request itself retried (same version): refused as stale, nothing sent.
    const retried = await call(
      world.tokens.front_desk,
      'POST',
      `${base()}/tickets/${job.id}/actions/dispatch`,
      {
        version: verified.version,
        input: { technicianId: world.staff.technician.id },
      },
    );
    expect(retried.status).toBe(409);

    const inbox = await inboxAbout(world.tokens.technician, job);
    expect(inbox.map((n) => n.kind)).toEqual(['ticket.assigned']);
    expect(job.number).toMatch(/^HO-BX-\d{8}-\d{3}$/);
    expect(inbox[0]!.title).toBe(`报修已派给你：${job.number} 卫生间马桶漏水`);
    expect(inbox[0]!.body).toContain(world.unit.roomCode);
    const outbox = await outboxAbout(world.staff.technician.id, inbox);
    expect(outbox.map((e) => e.channel)).toEqual(['sms']);
  });

  it('technician: a repair reassigned to them reaches them in the language they chose', async () => {
    const job = await dispatched('热水器漏水', world.staff.technician.id);
    await act(world.tokens.front_desk, job, 'dispatch', {
      technicianId: otherTech.id,
      appointmentAt: new Date(Date.now() + 2 * HOUR).toISOString(),
    });
    const inbox = await inboxAbout(otherTechToken, job);
    expect(inbox.map((n) => n.title)).toEqual([`Repair assigned to you: ${job.number} 热水器漏水`]);
    expect(inbox[0]!.body).toMatch(/^Where: .*; Visit agreed for /);
  });

  it('front desk: a completed repair reaches the desk and the clerk who took the call', async () => {
    const clerk = await asSystem(() =>
      createStaff({
        email: 'desk2.ho@test.propdesk.cn',
        name: '李娜',
        phone: '13900000003',
        department: 'customer_service',
        roles: ['front_desk'],
        propertyIds: [world.property.id],
      }),
    );
    let job = await dispatched('厨房灯不亮', world.staff.technician.id);
    job = await act(world.tokens.technician, job, 'start');
    job = await act(world.tokens.technician, job, 'complete', { workDone: '更换灯管', photoIds: [] });
    for (const token of [world.tokens.front_desk, await tokenFor(clerk)]) {
      const inbox = await inboxAbout(token, job);
      expect(inbox.map((n) => n.kind)).toEqual(['ticket.completed']);
      expect(inbox[0]!.title).toBe(`报修已完工：${job.number} 厨房灯不亮`);
    }
    // The technician who completed it is not told of their own work.
    expect((await inboxAbout(world.tokens.technician, job)).map((n) => n.kind)).toEqual(['ticket.assigned']);
  });

  it('technician and dispatcher: an appointment passed with the job not started is told to both, once', async () => {
    const appointment = Date.now() + HOUR;
    const job = await dispatched('楼道灯不亮', world.staff.technician.id, new Date(appointment));
    await asSystem(() => sweepSla(new Date(appointment)));
    expect((await inboxAbout(world.tokens.technician, job)).map((n) => n.kind)).not.toContain(
      'appointment.missed',
    );
    await asSystem(() => sweepSla(new Date(appointment + 60_000)));
    await asSystem(() => sweepSla(new Date(appointment + 120_000)));
    for (const token of [world.tokens.technician, world.tokens.front_desk]) {
      const missed = (await inboxAbout(token, job)).filter((n) => n.kind === 'appointment.missed');
      expect(missed).toHaveLength(1);
      expect(missed[0]!.title).toBe(`预约上门时间已过，尚未开始维修：${job.number} 楼道灯不亮`);
    }
  });

  it('technician: a job started before its appointment passes is not reported missed', async () => {
    const appointment = Date.now() + HOUR;
    const job = await dispatched('窗户把手松动', world.staff.technician.id, new Date(appointment));
    await act(world.tokens.technician, job, 'start');
    await asSystem(() => sweepSla(new Date(appointment + 60_000)));
    const kinds = (await inboxAbout(world.tokens.technician, job)).map((n) => n.kind);
    expect(kinds).not.toContain('appointment.missed');
  });

  it('staff: a language chosen on the staff record is kept and can be changed back', async () => {
    const changed = await asSystem(() =>
      updateStaff({ staffId: otherTech.id, changes: { version: otherTech.version, language: 'zh-CN' } }),
    );
    expect(changed.language).toBe('zh-CN');
    const created = await asSystem(() =>
      createStaff({
        email: 'default-lang.ho@test.propdesk.cn',
        name: '默认',
        phone: '13900000004',
        department: 'engineering',
        roles: ['technician'],
        propertyIds: [world.property.id],
      }),
    );
    expect(created.language).toBe('zh-CN');
  });
});

describe('completing a repair (完工)', () => {
  type Detail = { actionAsks: Record<string, { omit: string[]; require: string[] }> };
  const asks = async (ticket: Ticket) =>
    (await call<Detail>(world.tokens.technician, 'GET', `${base()}/tickets/${ticket.id}`)).body.actionAsks;

  it('technician: a free repair is completed without being asked for a fee', async () => {
    let job = await dispatched('水管接头渗水', world.staff.technician.id);
    job = await act(world.tokens.technician, job, 'start');
    expect((await asks(job)).complete).toEqual({ omit: ['feeCents'], require: [] });
    job = await act(world.tokens.technician, job, 'complete', { workDone: '拧紧接头', photoIds: [] });
    expect((job.completion as { feeCents: number }).feeCents).toBe(0);
  });

  it('technician: a paid service the household confirmed asks for the fee and refuses a completion without it', async () => {
    const opened = await openRepair('更换入户门锁');
    const verified = await act(world.tokens.front_desk, opened, 'verify', {
      inScope: true,
      paidService: { quotedFeeCents: 12_000, confirmed: true, confirmedVia: 'verbal' },
    });
    let job = await act(world.tokens.front_desk, verified, 'dispatch', {
      technicianId: world.staff.technician.id,
      appointmentAt: new Date(Date.now() + HOUR).toISOString(),
    });
    job = await act(world.tokens.technician, job, 'start');
    expect((await asks(job)).complete).toEqual({ omit: [], require: ['feeCents'] });
    const refused = await call(
      world.tokens.technician,
      'POST',
      `${base()}/tickets/${job.id}/actions/complete`,
      {
        version: job.version,
        input: { workDone: '更换锁芯', photoIds: [] },
      },
    );
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('fee_required');
    job = await act(world.tokens.technician, job, 'complete', {
      workDone: '更换锁芯',
      feeCents: 12_000,
      photoIds: [],
    });
    expect((job.completion as { feeCents: number }).feeCents).toBe(12_000);
  });
});
