import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ddb } from '../../functions/shared/db.ts';
import { dueShards, tableName } from '../../functions/shared/table.ts';
import { localDay } from '../../functions/tickets/local-day.ts';
import type { Ticket } from '../../functions/tickets/records.ts';
import { call } from '../support/api.ts';
import { deskContact, makeProperty, type PropertyWorld } from '../support/world.ts';

let world: PropertyWorld;

beforeAll(async () => {
  world = await makeProperty('TK');
});

type Opened = { contact: Record<string, unknown>; ticket: Ticket | null };
type Acted = { ticket: Ticket; allowedActions: string[] };
type Detail = { ticket: Ticket; allowedActions: string[]; timeline: { action: string }[] };

const base = () => `/api/tickets/properties/${world.property.id}`;

async function record(token: string, contact: Record<string, unknown>) {
  return call<Opened>(token, 'POST', `${base()}/contacts`, deskContact(world, contact));
}

async function act(token: string, ticket: Ticket, action: string, input: Record<string, unknown> = {}) {
  return call<Acted>(token, 'POST', `${base()}/tickets/${ticket.id}/actions/${action}`, {
    version: ticket.version,
    input,
  });
}

/** Every `dueSk` of the `due` index, read directly (what the SLA sweep reads). */
async function dueIndex(): Promise<string[]> {
  const found: string[] = [];
  for (let shard = 0; shard < dueShards; shard++) {
    const out = await ddb().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'due',
        KeyConditionExpression: 'duePk = :pk',
        ExpressionAttributeValues: { ':pk': `DUE#${shard}` },
      }),
    );
    found.push(...(out.Items ?? []).map((i) => i.dueSk as string));
  }
  return found;
}

async function openRepair(): Promise<Ticket> {
  const reply = await record(world.tokens.front_desk, { category: 'repair', summary: '厨房水龙头漏水' });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.ticket!;
}

describe('front-desk ledger', () => {
  it('front desk: records a phone complaint and the complaint exists with its 72 h reply due time', async () => {
    // A fixed instant for exact due arithmetic, in the past at any test clock (a contact may not be in the future).
    const time = '2026-03-23T10:00:00.000Z';
    const reply = await record(world.tokens.front_desk, {
      time,
      category: 'complaint',
      summary: '楼上装修噪音，晚上十点还在施工',
      ticket: { category: 'renovation' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const { contact, ticket } = reply.body;
    expect(contact.takenBy).toBe(world.staff.front_desk.id);
    expect((contact.caller as { phone: string }).phone).toBe('138****5678');
    expect(ticket).toMatchObject({ kind: 'complaint', state: 'recorded', contactId: contact.id });
    expect(ticket!.slas.reply!.dueAt).toBe('2026-03-26T10:00:00.000Z');

    const detail = await call<Detail>(world.tokens.front_desk, 'GET', `${base()}/tickets/${ticket!.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.ticket.slas.reply!.dueAt).toBe('2026-03-26T10:00:00.000Z');
    expect(JSON.stringify(detail.body)).not.toContain('13812345678');
    expect(detail.body.ticket.complainant).toMatchObject({ name: '王芳', phone: '138****5678' });
    expect(detail.body.allowedActions).toContain('acknowledge');
    expect(detail.body.timeline.map((e) => e.action)).toEqual(['create']);

    const day = localDay(time, world.property.timeZone);
    const ledger = await call<{ items: Record<string, unknown>[] }>(
      world.tokens.front_desk,
      'GET',
      `${base()}/contacts?day=${day}`,
    );
    expect(ledger.status).toBe(200);
    const entry = ledger.body.items.find((i) => i.id === contact.id)!;
    expect(entry).toMatchObject({ category: 'complaint', ticketId: ticket!.id });
    expect(JSON.stringify(ledger.body)).not.toContain('13812345678');
  });

  it('front desk: records a message for an absent colleague without opening a ticket', async () => {
    const reply = await record(world.tokens.front_desk, {
      category: 'message',
      summary: '请回电，关于车位续租',
      message: { forWhom: '李经理', callbackNumber: '13900001111', passedTo: '李经理' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.ticket).toBeNull();
    expect(reply.body.contact.message).toMatchObject({ forWhom: '李经理', callbackNumber: '139****1111' });
  });

  it('front desk: a household of another unit is a 422, an unknown unit a 404', async () => {
    const wrongUnit = await record(world.tokens.front_desk, {
      unitId: world.vacantUnit.id,
      category: 'other',
      summary: '问物业费',
    });
    expect(wrongUnit.status).toBe(422);
    const unknown = await record(world.tokens.front_desk, {
      unitId: '0000unknown0000',
      householdId: undefined,
      category: 'other',
      summary: '问物业费',
    });
    expect(unknown.status).toBe(404);
  });

  it('technician: may not record a contact', async () => {
    const reply = await record(world.tokens.technician, { category: 'other', summary: '问路' });
    expect(reply.status).toBe(403);
  });
});

describe('repairs', () => {
  it('a repair goes register → verify → dispatch → start → complete → accept → followUp → close by the right actors', async () => {
    const day = localDay(new Date(), world.property.timeZone);
    const before = await dayStats(day);
    let ticket = await openRepair();
    expect((await dueIndex()).some((k) => k.endsWith(`#${world.property.id}#${ticket.id}`))).toBe(true);

    const steps: [string, string, Record<string, unknown>][] = [
      ['front_desk', 'verify', { inScope: true }],
      [
        'front_desk',
        'dispatch',
        { technicianId: world.staff.technician.id, appointmentAt: '2026-11-24T02:00:00.000Z' },
      ],
      ['technician', 'start', {}],
      ['technician', 'complete', { workDone: '更换水龙头阀芯', feeCents: 0, photoIds: [] }],
      ['technician', 'accept', { method: 'verbal', note: '业主电话确认' }],
      ['front_desk', 'followUp', { satisfied: true, comment: '满意' }],
      ['front_desk', 'close', {}],
    ];
    for (const [role, action, input] of steps) {
      const reply = await act(world.tokens[role as 'front_desk'], ticket, action, input);
      expect(reply.status, `${role} ${action}: ${JSON.stringify(reply.body)}`).toBe(200);
      ticket = reply.body.ticket;
    }
    expect(ticket.state).toBe('closed');
    expect(ticket.nextDueAt).toBeNull();
    expect((await dueIndex()).some((k) => k.endsWith(`#${ticket.id}`))).toBe(false);

    const detail = await call<Detail>(world.tokens.front_desk, 'GET', `${base()}/tickets/${ticket.id}`);
    expect(detail.body.timeline.map((e) => e.action)).toEqual([
      'create',
      'verify',
      'dispatch',
      'start',
      'complete',
      'accept',
      'followUp',
      'close',
    ]);
    expect(detail.body.allowedActions).toEqual([]);

    const timeline = await call<{ items: { ticketId: string; action: string }[] }>(
      world.tokens.front_desk,
      'GET',
      `${base()}/households/${world.household.id}/timeline`,
    );
    expect(timeline.status).toBe(200);
    expect(timeline.body.items.filter((e) => e.ticketId === ticket.id).map((e) => e.action)).toContain(
      'close',
    );

    const after = await dayStats(day);
    expect((after.opened_repair ?? 0) - (before.opened_repair ?? 0)).toBe(1);
    expect((after.closed_repair ?? 0) - (before.closed_repair ?? 0)).toBe(1);
    expect((after.opened ?? 0) - (before.opened ?? 0)).toBe(1);
  });

  it('front desk: closing a repair that was not followed up is a 409 naming the allowed actions', async () => {
    let ticket = await openRepair();
    ticket = (await act(world.tokens.front_desk, ticket, 'verify', { inScope: true })).body.ticket;
    const reply = await act(world.tokens.front_desk, ticket, 'close');
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({
      error: {
        code: 'illegal_transition',
        details: { allowed: expect.arrayContaining(['dispatch', 'cancel']) },
      },
    });
  });

  it('two staff acting on one ticket at once: one 200, one 409, nothing lost', async () => {
    const ticket = await openRepair();
    const replies = await Promise.all([
      act(world.tokens.front_desk, ticket, 'verify', { inScope: true }),
      act(world.tokens.property_manager, ticket, 'cancel', { reason: '业户取消' }),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const detail = await call<Detail>(world.tokens.front_desk, 'GET', `${base()}/tickets/${ticket.id}`);
    expect(detail.body.ticket.version).toBe(2);
    expect(detail.body.timeline).toHaveLength(2);
  });

  it('a stale version is a 409', async () => {
    const ticket = await openRepair();
    await act(world.tokens.front_desk, ticket, 'verify', { inScope: true });
    const reply = await act(world.tokens.front_desk, ticket, 'cancel', { reason: '重复登记' });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ error: { code: 'stale_version' } });
  });

  it('technician: may not start a repair they are not assigned to (403)', async () => {
    let ticket = await openRepair();
    ticket = (await act(world.tokens.front_desk, ticket, 'verify', { inScope: true })).body.ticket;
    ticket = (
      await act(world.tokens.front_desk, ticket, 'dispatch', {
        technicianId: world.staff.security.id,
        appointmentAt: '2026-11-24T02:00:00.000Z',
      })
    ).body.ticket;
    const reply = await act(world.tokens.technician, ticket, 'start');
    expect(reply.status).toBe(403);
  });

  it('front desk: dispatching to someone outside the property is a 422', async () => {
    let ticket = await openRepair();
    ticket = (await act(world.tokens.front_desk, ticket, 'verify', { inScope: true })).body.ticket;
    const other = await makeProperty('TX');
    const reply = await act(world.tokens.front_desk, ticket, 'dispatch', {
      technicianId: other.staff.technician.id,
      appointmentAt: '2026-11-24T02:00:00.000Z',
    });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ error: { code: 'not_a_member' } });
  });

  it('front desk: lists repairs by kind and state', async () => {
    const ticket = await openRepair();
    const reply = await call<{ items: Ticket[] }>(
      world.tokens.front_desk,
      'GET',
      `${base()}/tickets?kind=repair&state=registered&limit=100`,
    );
    expect(reply.status).toBe(200);
    expect(reply.body.items.map((t) => t.id)).toContain(ticket.id);
    expect(reply.body.items.every((t) => t.kind === 'repair' && t.state === 'registered')).toBe(true);
  });
});

async function dayStats(day: string): Promise<Record<string, number>> {
  const { asSystem } = await import('../support/api.ts');
  const { dayCounters } = await import('../../functions/tickets/reads.ts');
  return (await asSystem(() => dayCounters({ propertyId: world.property.id, day }))) ?? {};
}

describe('SLA clocks', () => {
  const inDue = async (ticket: Ticket) => (await dueIndex()).find((k) => k.endsWith(`#${ticket.id}`));

  it('waiting for the household to confirm a fee pauses the clocks (out of the due index); confirming resumes them', async () => {
    let ticket = await openRepair();
    const dispatchDue = ticket.slas.dispatch!.dueAt!;
    ticket = (
      await act(world.tokens.front_desk, ticket, 'verify', {
        inScope: true,
        paidService: { quotedFeeCents: 5000, confirmed: false },
      })
    ).body.ticket;
    expect(ticket.state).toBe('awaiting_fee_confirmation');
    expect(ticket.slas.dispatch).toMatchObject({ status: 'paused', dueAt: null });
    expect(ticket.slas.firstResponse!.status).toBe('done');
    expect(await inDue(ticket)).toBeUndefined();

    const reply = await act(world.tokens.front_desk, ticket, 'confirmFee', {
      confirmed: true,
      via: 'verbal',
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    ticket = reply.body.ticket;
    expect(ticket.slas.dispatch!.status).toBe('running');
    expect(ticket.slas.dispatch!.dueAt! >= dispatchDue).toBe(true);
    expect(await inDue(ticket)).toBe(`${ticket.nextDueAt}#${world.property.id}#${ticket.id}`);
  });

  it('an urgent complaint is due for its 5-minute notification (warning at 80 %)', async () => {
    const time = new Date(Date.now() - 60_000).toISOString();
    const reply = await record(world.tokens.front_desk, {
      time,
      category: 'complaint',
      summary: '电梯困人',
      ticket: { category: 'facilities', severity: 'urgent' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const ticket = reply.body.ticket!;
    expect(ticket.severity).toBe('urgent');
    expect(ticket.slas.notify!.dueAt).toBe(new Date(Date.parse(time) + 5 * 60_000).toISOString());
    // The escalation ladder's first step (responsible person, at once) is its earliest SLA moment.
    expect(ticket.nextDueAt).toBe(time);
    expect(await inDue(ticket)).toBeDefined();
  });

  it('an inquiry answered at once has no clock; one with an agreed reply time is due by it', async () => {
    const reply = await record(world.tokens.front_desk, {
      category: 'inquiry',
      summary: '停水通知什么时候发？',
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    let ticket = reply.body.ticket!;
    expect(ticket.nextDueAt).toBeNull();
    expect(await inDue(ticket)).toBeUndefined();
    const replyBy = new Date(Date.now() + 2 * 3600_000).toISOString();
    ticket = (await act(world.tokens.front_desk, ticket, 'agreeReplyTime', { replyBy })).body.ticket;
    expect(ticket.slas.answer!.dueAt).toBe(replyBy);
    expect(await inDue(ticket)).toBeDefined();
    ticket = (await act(world.tokens.front_desk, ticket, 'answer', { text: '明天上午发', source: 'staff' }))
      .body.ticket;
    expect(ticket.slas.answer).toMatchObject({ status: 'done', met: true });
    expect(await inDue(ticket)).toBeUndefined();
  });
});

describe('due index scope', () => {
  it('a property store may not put a due-index key naming another property', async () => {
    const { asSystem } = await import('../support/api.ts');
    const { propertyStore } = await import('../../functions/shared/store.ts');
    const other = await makeProperty('TY');
    const write = (pid: string) =>
      asSystem(() =>
        propertyStore(world.property.id).apply(
          [
            {
              update: { pk: `P#${world.property.id}`, sk: 'TICKET#0000scopetest0000' },
              set: { duePk: 'DUE#0', dueSk: `2026-11-23T10:00:00.000Z#${pid}#0000scopetest0000` },
            },
          ],
          { action: 'test', entity: 'ticket', entityId: '0000scopetest0000' },
        ),
      );
    await expect(write(other.property.id)).rejects.toThrow(/Write outside scope/);
  });
});
