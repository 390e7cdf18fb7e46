/**
 * An urgent complaint reaches the people the service standard names (seed 004: the responsible people
 * and the project manager, within minutes; ../sla/standards.ts) at once, not at the next minute's
 * sweep: right after the recording transaction commits, the ladder's steps that name them are sent now,
 * under the keys the sweep uses for those steps, and once delivered the notice clock stops, met
 * (./notice-delivery.ts). The sweep still records each step when it falls due; its notify then finds
 * the notification already made.
 */
import type { Property } from '../directory/records.ts';
import { asSystemOf } from '../shared/actor.ts';
import { logger } from '../shared/log.ts';
import { propertyStore } from '../shared/store.ts';
import type { SlaSettings } from '../sla/policies.ts';
import { requiredStepsOf } from '../sla/standards.ts';
import { noticeSteps, settleUrgentNotice } from './notice-delivery.ts';
import type { Ticket } from './records.ts';
import { notifyMoment, propertyContext } from './sla-notify.ts';

/** The ladder steps a ticket's recording owes at once: those naming a role a standard sets a deadline for. */
export function stepsOwedAtOnce(ticket: Ticket, settings: SlaSettings) {
  const done = new Set((ticket.slaRecorded as string[] | undefined) ?? []);
  return noticeSteps(ticket, { settings }).filter((m) => !done.has(m.key));
}

/**
 * Sends what an urgent complaint's recording owes at once; never fails the recording itself. Returns
 * the ticket as it now is (its notice clock stopped once delivered, one version on), so the caller
 * answers with the version the next action must name.
 */
export async function noticeUrgentComplaint(ticket: Ticket, property: Property): Promise<Ticket> {
  if (!requiredStepsOf(ticket.kind, ticket.severity).length) return ticket;
  // Sent by the system of this property (the recording caller may reach it), never company-wide.
  return asSystemOf(property.id, async () => {
    try {
      const store = propertyStore(property.id);
      const ctx = await propertyContext(store, property.id);
      if (!ctx) return ticket;
      await Promise.all(stepsOwedAtOnce(ticket, ctx.settings).map((step) => notifyMoment(ticket, step, ctx)));
      return await settleUrgentNotice(store, ticket, ctx);
    } catch (error) {
      // The ticket is recorded; the sweep sends these steps when they fall due.
      logger.warn('Urgent complaint notice failed', { ticketId: ticket.id, error: error as Error });
      return ticket;
    }
  });
}
