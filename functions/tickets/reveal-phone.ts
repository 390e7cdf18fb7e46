/**
 * Reaching the household (issue 8, part 1): the first step of a repair is agreeing the appointment, so
 * the people who must call — the desk, the property manager and the technician the job is assigned
 * to — may see the full number of a ticket's caller (or, when the caller left none, of its household).
 * Everyone else, and every list, keeps seeing it masked. Each reveal is an audit entry: who, when
 * (the entry's time) and which ticket.
 */
import * as z from 'zod/mini';
import type { Household } from '../directory/records.ts';
import { useActor } from '../shared/actor.ts';
import { forbidden, notFound } from '../shared/errors.ts';
import { fn } from '../shared/fn.ts';
import type { Domain } from '../shared/http.ts';
import { components, ok } from '../shared/openapi.ts';
import { maskPhone } from '../shared/personal-data.ts';
import { propertyStore } from '../shared/store.ts';
import { keys, ticketKeys } from '../shared/table.ts';
import type { Ticket } from './records.ts';
import { id, ticketParams } from './schemas.ts';

/** The roles that reach the household on any ticket (head office supervises them); a technician only on their own job. */
const deskRoles = ['front_desk', 'property_manager', 'head_office'] as const;

/** The caller the ticket names (repair and inquiry `contact`, complaint `complainant`). */
const callerOf = (ticket: Ticket) =>
  (ticket.contact ?? ticket.complainant) as { name?: string; phone?: string } | undefined;

export const revealTicketPhone = fn(
  z.object({ propertyId: id, ticketId: id }),
  async ({ propertyId, ticketId }) => {
    const actor = useActor();
    const store = propertyStore(propertyId);
    const ticket = await store.mustGet<Ticket>(ticketKeys.ticket(propertyId, ticketId), 'Ticket');
    const desk = actor.roles.some((r) => (deskRoles as readonly string[]).includes(r));
    if (!desk && ticket.assigneeId !== actor.staffId)
      throw forbidden('Only the technician assigned to this job, the desk or the manager can see the number');
    const caller = callerOf(ticket);
    let phone = caller?.phone;
    let source: 'caller' | 'household' = 'caller';
    if (!phone && ticket.householdId) {
      const household = await store.get<Household>(keys.household(propertyId, ticket.householdId));
      phone = household?.phone;
      source = 'household';
    }
    if (!phone) throw notFound('A phone number on this ticket');
    await store.apply([], {
      action: 'ticket.revealPhone',
      entity: 'ticket',
      entityId: ticketId,
      after: { phone: maskPhone(phone), source },
    });
    return { phone, source };
  },
);

export const revealedTicketPhone = z
  .object({
    phone: z.string(),
    /** Whose number it is: the caller's on the ticket, or (when the caller left none) the household's. */
    source: z.enum(['caller', 'household']),
  })
  .register(components, { id: 'RevealedTicketPhone' });

export function revealPhoneRoutes(domain: Domain) {
  domain.route(
    {
      method: 'post',
      path: '/properties/{propertyId}/tickets/{ticketId}/reveal-phone',
      operationId: 'revealTicketPhone',
      summary: "See the full phone of a ticket's caller or household, to call them (audited)",
      permission: 'ticket.revealPhone',
      request: { params: ticketParams },
      errors: {
        403: 'A technician to whom the job is not assigned',
        404: 'No such ticket, or it carries no phone number',
      },
      responses: ok(revealedTicketPhone, 'The full phone number; the reveal is in the audit trail'),
    },
    async (c) => c.json(await revealTicketPhone(c.req.valid('param'))),
  );
}
