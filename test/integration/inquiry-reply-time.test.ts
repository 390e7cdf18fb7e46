import { beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../functions/tickets/local-day.ts';
import type { Ticket } from '../../functions/tickets/records.ts';
import { sweepSla } from '../../functions/tickets/sla-sweep.ts';
import { asSystem, call } from '../support/api.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let world: PropertyWorld;
beforeAll(async () => {
  world = await makeProperty('IQ');
});

const contacts = (w: PropertyWorld) => `/api/tickets/properties/${w.property.id}/contacts`;

async function inquiry(w: PropertyWorld, replyBy?: string) {
  return call<{ ticket: Ticket; error?: { code: string; message: string; details?: unknown } }>(
    w.tokens.front_desk,
    'POST',
    contacts(w),
    {
      time: new Date(Date.now() - 30_000).toISOString(),
      channel: 'phone',
      caller: { name: '王芳', phone: '13812345678' },
      unitId: w.unit.id,
      householdId: w.household.id,
      category: 'inquiry',
      summary: '小区停水通知什么时候发？',
      ...(replyBy ? { ticket: { replyBy } } : {}),
    },
  );
}

async function act(w: PropertyWorld, ticket: Ticket, action: string, input: object) {
  const current = (
    await call<{ ticket: Ticket }>(
      w.tokens.front_desk,
      'GET',
      `/api/tickets/properties/${w.property.id}/tickets/${ticket.id}`,
    )
  ).body.ticket;
  return call<{ ticket: Ticket; error?: { code: string; message: string } }>(
    w.tokens.front_desk,
    'POST',
    `/api/tickets/properties/${w.property.id}/tickets/${ticket.id}/actions/${action}`,
    { version: current.version, input },
  );
}

const todaysContacts = async (w: PropertyWorld) =>
  (
    await call<{ items: unknown[] }>(
      w.tokens.front_desk,
      'GET',
      `${contacts(w)}?day=${localDay(new Date(), w.property.timeZone)}&limit=100`,
    )
  ).body.items.length;

describe('front desk: the reply time is agreed in the ledger entry itself', () => {
  it('an inquiry recorded with its agreed time is awaiting the reply, its clock due by that time, in one call', async () => {
    const replyBy = new Date(Date.now() + 3 * 3600_000).toISOString();
    const reply = await inquiry(world, replyBy);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.ticket.state).toBe('awaiting_reply');
    expect(reply.body.ticket.replyBy).toBe(replyBy);
    expect(reply.body.ticket.slas.answer).toMatchObject({ status: 'running', dueAt: replyBy });
  });

  it('a time 10 minutes in the past is refused (422) and nothing is recorded', async () => {
    const before = await todaysContacts(world);
    const reply = await inquiry(world, new Date(Date.now() - 10 * MINUTE).toISOString());
    expect(reply.status).toBe(422);
    expect(reply.body.error).toMatchObject({ code: 'reply_time_in_past' });
    expect(reply.body.error!.message).toContain('passed');
    expect(await todaysContacts(world)).toBe(before);
  });

  it('a time 400 days ahead is refused (422, beyond the 30-day horizon); the property may allow 60 days', async () => {
    const far = await inquiry(world, new Date(Date.now() + 400 * DAY).toISOString());
    expect(far.status).toBe(422);
    expect(far.body.error).toMatchObject({ code: 'reply_time_too_far', details: { horizonDays: 30 } });
    expect(far.body.error!.message).toContain('30 days');
    const in45 = new Date(Date.now() + 45 * DAY).toISOString();
    expect((await inquiry(world, in45)).status).toBe(422);

    const w = await makeProperty('IH');
    const path = `/api/tickets/properties/${w.property.id}/sla-settings`;
    const settings = await call<{ version: number }>(w.tokens.property_manager, 'GET', path);
    const saved = await call(w.tokens.property_manager, 'PUT', path, {
      version: settings.body.version,
      overrides: {
        policies: {
          inquiry: { normal: { targets: { answer: { measure: 'agreed', warnAt: 0.8, horizonDays: 60 } } } },
        },
      },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const accepted = await inquiry(w, in45);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
  });

  it('agreeing a past time on the ticket is refused the same way', async () => {
    const plain = (await inquiry(world)).body.ticket;
    const late = await act(world, plain, 'agreeReplyTime', {
      replyBy: new Date(Date.now() - MINUTE).toISOString(),
    });
    expect(late.status).toBe(422);
    expect(late.body.error).toMatchObject({ code: 'reply_time_in_past' });
  });
});

describe('front desk: the household agrees a new reply time', () => {
  it('renegotiating moves the clock to the new time and keeps the first time on the record', async () => {
    const first = new Date(Date.now() + 2 * 3600_000).toISOString();
    const ticket = (await inquiry(world, first)).body.ticket;
    const second = new Date(Date.now() + 26 * 3600_000).toISOString();
    const moved = await act(world, ticket, 'renegotiateReplyTime', {
      replyBy: second,
      reason: '业户同意等自来水公司回复后再答复',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.ticket).toMatchObject({
      state: 'awaiting_reply',
      replyBy: second,
      originalReplyBy: first,
    });
    expect(moved.body.ticket.replyTimeChanges).toEqual([
      expect.objectContaining({ from: first, to: second, reason: '业户同意等自来水公司回复后再答复' }),
    ]);
    expect(moved.body.ticket.slas.answer).toMatchObject({ status: 'running', dueAt: second });

    const again = await act(world, moved.body.ticket, 'renegotiateReplyTime', {
      replyBy: new Date(Date.now() + 500 * DAY).toISOString(),
      reason: '再等等',
    });
    expect(again.status).toBe(422);
    expect(again.body.error).toMatchObject({ code: 'reply_time_too_far' });
  });

  it('an inquiry answered at once (no agreed time) cannot be renegotiated', async () => {
    const plain = (await inquiry(world)).body.ticket;
    const refused = await act(world, plain, 'renegotiateReplyTime', {
      replyBy: new Date(Date.now() + DAY).toISOString(),
      reason: '业户同意',
    });
    expect(refused.status).toBe(409);
  });
});

describe('head office: the figures show inquiries answered within the agreed time', () => {
  it('one answered in time and one left past its time → 50 % on the day they were due, beside the complaint reply rate', async () => {
    const w = await makeProperty('IF');
    const replyBy = new Date(Date.now() + 3 * 3600_000).toISOString();
    const onTime = (await inquiry(w, replyBy)).body.ticket;
    const late = (await inquiry(w, replyBy)).body.ticket;
    const answered = await act(w, onTime, 'answer', { text: '周五上午发', source: 'staff' });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    // Nobody answered the other one: the sweep records its breach a minute after the agreed time.
    const run = await asSystem(() => sweepSla(new Date(Date.parse(replyBy) + MINUTE)));
    expect(run.events.filter((e) => e.ticketId === late.id).map((e) => e.key.replace(/@.*/, ''))).toContain(
      'answer:breach',
    );
    const day = localDay(replyBy, w.property.timeZone);
    const figures = await call<{
      days: {
        day: string;
        inquiryAnswersOnTime: number;
        inquiryAnswersLate: number;
        inquiryOnTimeRate: number;
      }[];
      totals: { inquiryOnTimeRate: number | null; complaintReplyRate: number | null };
    }>(
      w.tokens.property_manager,
      'GET',
      `/api/tickets/properties/${w.property.id}/figures?from=${day}&to=${day}`,
    );
    expect(figures.status).toBe(200);
    expect(figures.body.days[0]).toMatchObject({
      day,
      inquiryAnswersOnTime: 1,
      inquiryAnswersLate: 1,
      inquiryOnTimeRate: 0.5,
    });
    expect(figures.body.totals.complaintReplyRate).toBeNull(); // no complaint was due that day
  });
});
