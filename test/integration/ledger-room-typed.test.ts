import { beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../functions/tickets/records.ts';
import { call } from '../support/api.ts';
import { deskContact, makeProperty, type PropertyWorld } from '../support/world.ts';

let world: PropertyWorld;

beforeAll(async () => {
  world = await makeProperty('RT');
});

type Opened = { contact: Record<string, unknown>; ticket: Ticket | null };
type Page = { items: Record<string, unknown>[] };
type Detail = { ticket: Ticket };

const base = () => `/api/tickets/properties/${world.property.id}`;

/** A call about a room the directory does not have: no unit, no household, the room as typed. */
const unknownRoom = (contact: Record<string, unknown>) => {
  const { unitId: _u, householdId: _h, ...rest } = deskContact(world, contact);
  return rest;
};

describe('front desk: a room that matches no unit', () => {
  it('front desk: records a call without a unit and the room as typed is kept on the contact', async () => {
    const reply = await call<Opened>(
      world.tokens.front_desk,
      'POST',
      `${base()}/contacts`,
      unknownRoom({ category: 'inquiry', summary: '停车月卡怎么办理', roomTyped: '  9-9901 ' }),
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.contact.roomTyped).toBe('9-9901');
    expect(reply.body.contact.unitId).toBeUndefined();

    const today = await call<Page>(world.tokens.front_desk, 'GET', `${base()}/contacts`);
    const listed = today.body.items.find((c) => c.id === reply.body.contact.id);
    expect(listed?.roomTyped).toBe('9-9901');
  });

  it('front desk: a repair opened from such a call carries the typed room on its ticket', async () => {
    const reply = await call<Opened>(
      world.tokens.front_desk,
      'POST',
      `${base()}/contacts`,
      unknownRoom({
        category: 'repair',
        summary: '楼道灯不亮',
        roomTyped: '12-0808',
        ticket: { severity: 'normal', location: { place: '12号楼 8 层楼道' } },
      }),
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const ticketId = reply.body.ticket!.id;
    const detail = await call<Detail>(world.tokens.front_desk, 'GET', `${base()}/tickets/${ticketId}`);
    expect(detail.body.ticket.roomTyped).toBe('12-0808');
    expect(detail.body.ticket.unitId).toBeNull();
  });

  it.each([
    ['blank after trimming', { roomTyped: '   ' }],
    ['longer than 40 characters', { roomTyped: 'x'.repeat(41) }],
    ['given together with a unit', { roomTyped: '3-1502', keepUnit: true }],
  ])('front desk: a typed room %s is refused with a clear error and nothing is recorded', async (_, bad) => {
    const before = await call<Page>(world.tokens.front_desk, 'GET', `${base()}/contacts`);
    const { keepUnit, ...fields } = bad as { roomTyped: string; keepUnit?: boolean };
    const body = keepUnit
      ? deskContact(world, { category: 'inquiry', summary: '咨询', ...fields })
      : unknownRoom({ category: 'inquiry', summary: '咨询', ...fields });
    const reply = await call<{ error: { code: string; message: string } }>(
      world.tokens.front_desk,
      'POST',
      `${base()}/contacts`,
      body,
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_input');
    expect(JSON.stringify(reply.body)).toContain('roomTyped');
    const after = await call<Page>(world.tokens.front_desk, 'GET', `${base()}/contacts`);
    expect(after.body.items.length).toBe(before.body.items.length);
  });
});
