import { beforeAll, describe, expect, it } from 'vitest';
import type { Staff } from '../../functions/directory/records.ts';
import { createStaff } from '../../functions/directory/staff.ts';
import type { Ticket } from '../../functions/tickets/records.ts';
import { asSystem, call, tokenFor } from '../support/api.ts';
import { actOn, deskRepair, makeProperty, type PropertyWorld } from '../support/world.ts';

let world: PropertyWorld;
let secondTech: Staff;
let secondToken: string;

type Jobs = { items: (Ticket & { roomCode?: string })[]; cursor: string | null };

const base = () => `/api/tickets/properties/${world.property.id}`;

beforeAll(async () => {
  world = await makeProperty('MJ');
  secondTech = await asSystem(() =>
    createStaff({
      email: 'tech2.mj@test.propdesk.cn',
      name: '第二技术员',
      phone: '13900000002',
      department: 'engineering',
      roles: ['technician'],
      propertyIds: [world.property.id],
    }),
  );
  secondToken = await tokenFor(secondTech);
});

const openRepair = (summary: string) => deskRepair(world, summary);
const act = (token: string, ticket: Ticket, action: string, input: Record<string, unknown> = {}) =>
  actOn(world, token, ticket, action, input);

async function myJobs(token: string, list: 'open' | 'done' = 'open') {
  const reply = await call<Jobs>(token, 'GET', `${base()}/my-jobs?list=${list}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.items;
}

const appointment = () => new Date(Date.now() + 3_600_000).toISOString();

async function dispatchedTo(technicianId: string, summary: string) {
  const repair = await openRepair(summary);
  const verified = await act(world.tokens.front_desk, repair, 'verify', { inScope: true });
  return act(world.tokens.front_desk, verified, 'dispatch', { technicianId, appointmentAt: appointment() });
}

describe('my jobs (我的工单)', () => {
  it('technician: sees only the open repairs dispatched to them, with room and masked phone', async () => {
    const mine = await dispatchedTo(world.staff.technician.id, '厨房水槽堵塞');
    const theirs = await dispatchedTo(secondTech.id, '阳台灯不亮');
    await openRepair('门禁卡失灵'); // registered, nobody's yet

    const jobs = await myJobs(world.tokens.technician);
    expect(jobs.map((j) => j.id)).toEqual([mine.id]);
    expect(jobs[0]).toMatchObject({ state: 'dispatched', roomCode: world.unit.roomCode });
    expect((jobs[0]!.contact as { phone: string }).phone).toBe('138****5678');
    expect((await myJobs(secondToken)).map((j) => j.id)).toEqual([theirs.id]);
    // The front desk took the calls but is assigned nothing.
    expect(await myJobs(world.tokens.front_desk)).toEqual([]);
  });

  it('technician: a job reassigned to another technician leaves their list and joins the other’s', async () => {
    const job = await dispatchedTo(world.staff.technician.id, '卫生间灯闪烁');
    expect((await myJobs(world.tokens.technician)).map((j) => j.id)).toContain(job.id);

    await act(world.tokens.front_desk, job, 'dispatch', {
      technicianId: secondTech.id,
      appointmentAt: appointment(),
    });
    expect((await myJobs(world.tokens.technician)).map((j) => j.id)).not.toContain(job.id);
    expect((await myJobs(secondToken)).map((j) => j.id)).toContain(job.id);
  });

  it('technician: a job stays open through the work, moves to done once completed and stays there when closed', async () => {
    const tech = world.tokens.technician;
    let job = await dispatchedTo(world.staff.technician.id, '热水器不出热水');
    job = await act(tech, job, 'start');
    expect((await myJobs(tech)).find((j) => j.id === job.id)?.state).toBe('in_progress');
    job = await act(tech, job, 'complete', { workDone: '更换温控阀', photoIds: [] });
    expect((await myJobs(tech)).map((j) => j.id)).not.toContain(job.id);
    expect((await myJobs(tech, 'done')).find((j) => j.id === job.id)?.state).toBe('completed');

    job = await act(world.tokens.front_desk, job, 'accept', { method: 'verbal' });
    job = await act(world.tokens.front_desk, job, 'followUp', { satisfied: true, comment: '满意' });
    await act(world.tokens.front_desk, job, 'close');
    expect((await myJobs(tech)).map((j) => j.id)).not.toContain(job.id);
    expect((await myJobs(tech, 'done')).find((j) => j.id === job.id)?.state).toBe('closed');
  });

  it('property manager: an urgent complaint assigned to them is on their list', async () => {
    const reply = await call<{ ticket: Ticket }>(world.tokens.front_desk, 'POST', `${base()}/contacts`, {
      time: new Date().toISOString(),
      channel: 'phone',
      caller: { name: '李强' },
      category: 'complaint',
      summary: '电梯困人十分钟无人响应',
      ticket: { category: 'facilities', severity: 'urgent' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const acknowledged = await act(world.tokens.front_desk, reply.body.ticket, 'acknowledge', {});
    const assigned = await act(world.tokens.front_desk, acknowledged, 'assign', {
      department: '工程部',
      assigneeId: world.staff.property_manager.id,
      deadlineAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const jobs = await myJobs(world.tokens.property_manager);
    expect(jobs.map((j) => j.id)).toEqual([assigned.id]);
    expect(jobs[0]).toMatchObject({ kind: 'complaint', severity: 'urgent', state: 'assigned' });
  });
});

describe('ticket kinds for the dashboard', () => {
  it('technician: reads the state and action labels and the dispatch form from the machines', async () => {
    const reply = await call<Record<string, Record<string, unknown>>>(
      world.tokens.technician,
      'GET',
      '/api/tickets/kinds',
    );
    expect(reply.status).toBe(200);
    const repair = reply.body.repair as {
      states: Record<string, { label: { zh: string } }>;
      actions: Record<string, { fields: { name: string; type: string; required: boolean }[] }>;
    };
    expect(repair.states.dispatched!.label.zh).toBe('已派工');
    expect(repair.actions.dispatch!.fields).toEqual([
      { name: 'technicianId', type: 'staff', required: true },
      { name: 'appointmentAt', type: 'datetime', required: false },
    ]);
    expect(repair.actions.followUp!.fields.map((f) => [f.name, f.type])).toEqual([
      ['satisfied', 'boolean'],
      ['comment', 'longText'],
    ]);
  });
});
