import { beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../functions/tickets/records.ts';
import { call } from '../support/api.ts';
import { deskContact, makeProperty, type PropertyWorld } from '../support/world.ts';

let world: PropertyWorld;

beforeAll(async () => {
  world = await makeProperty('TH');
});

type Detail = {
  ticket: Ticket;
  timeline: { by: string; input: Record<string, unknown> }[];
  people: { id: string; name: string }[];
};
type Audit = {
  items: {
    action: string;
    entityId: string;
    before: Record<string, unknown>;
    after: Record<string, unknown>;
  }[];
};

const base = () => `/api/tickets/properties/${world.property.id}`;

describe('a ticket’s history names people, not ids', () => {
  it('front desk: the detail of a dispatched repair names who acted and the technician it went to', async () => {
    const opened = await call<{ ticket: Ticket }>(
      world.tokens.front_desk,
      'POST',
      `${base()}/contacts`,
      deskContact(world, { category: 'repair', summary: '阳台漏水' }),
    );
    expect(opened.status).toBe(201);
    let ticket = opened.body.ticket;
    for (const [action, input] of [
      ['verify', { inScope: true }],
      ['dispatch', { technicianId: world.staff.technician.id }],
    ] as const) {
      const acted = await call<{ ticket: Ticket }>(
        world.tokens.front_desk,
        'POST',
        `${base()}/tickets/${ticket.id}/actions/${action}`,
        { version: ticket.version, input },
      );
      expect(acted.status, JSON.stringify(acted.body)).toBe(200);
      ticket = acted.body.ticket;
    }

    // The front desk may not read the staff list: the detail itself names everyone its timeline mentions.
    const detail = await call<Detail>(world.tokens.front_desk, 'GET', `${base()}/tickets/${ticket.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.people).toEqual(
      expect.arrayContaining([
        { id: world.staff.front_desk.id, name: world.staff.front_desk.name },
        { id: world.staff.technician.id, name: world.staff.technician.name },
      ]),
    );
    const named = new Set(detail.body.people.map((p) => p.id));
    for (const entry of detail.body.timeline) expect(named.has(entry.by)).toBe(true);

    // The audit entry says what was done, for the audit trail's sentence: the kind and the input.
    const audit = await call<Audit>(
      world.tokens.property_manager,
      'GET',
      `/api/directory/properties/${world.property.id}/audit`,
    );
    const dispatch = audit.body.items.find((a) => a.action === 'ticket.dispatch' && a.entityId === ticket.id);
    expect(dispatch?.after).toMatchObject({
      kind: 'repair',
      state: 'awaiting_appointment',
      input: { technicianId: world.staff.technician.id },
    });
  });
});
