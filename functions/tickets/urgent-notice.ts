/**
 * An urgent complaint reaches the people the service standard names (seed 004: the responsible people
 * and the project manager, within minutes; ../sla/standards.ts) at once, not at the next minute's
 * sweep: right after the recording transaction commits, the ladder's steps that name them are sent now,
 * under the keys the sweep uses for those steps. The sweep still records each step when it falls due;
 * its notify then finds the notification already made.
 */
import type { Property } from '../directory/records.ts';
import { asSystemOf } from '../shared/actor.ts';
import { logger } from '../shared/log.ts';
import { propertyStore } from '../shared/store.ts';
import type { SlaSettings } from '../sla/policies.ts';
import { requiredStepsOf } from '../sla/standards.ts';
import type { Ticket } from './records.ts';
import { slaMoments } from './sla-moments.ts';
import { notifyMoment, propertyContext } from './sla-notify.ts';

/** The ladder steps a ticket's recording owes at once: those naming a role a standard sets a deadline for. */
export function stepsOwedAtOnce(ticket: Ticket, settings: SlaSettings) {
  const roles = new Set(requiredStepsOf(ticket.kind, ticket.severity).map((s) => s.notify));
  return slaMoments(ticket, settings).filter(
    (m) => m.type === 'escalation' && m.notify && roles.has(m.notify),
  );
}

/** Sends what an urgent complaint's recording owes at once; never fails the recording itself. */
export async function noticeUrgentComplaint(ticket: Ticket, property: Property): Promise<void> {
  if (!requiredStepsOf(ticket.kind, ticket.severity).length) return;
  // Sent by the system of this property (the recording caller may reach it), never company-wide.
  await asSystemOf(property.id, async () => {
    try {
      const ctx = await propertyContext(propertyStore(property.id), property.id);
      if (!ctx) return;
      await Promise.all(stepsOwedAtOnce(ticket, ctx.settings).map((step) => notifyMoment(ticket, step, ctx)));
    } catch (error) {
      // The ticket is recorded; the sweep sends these steps when they fall due.
      logger.warn('Urgent complaint notice failed', { ticketId: ticket.id, error: error as Error });
    }
  });
}
