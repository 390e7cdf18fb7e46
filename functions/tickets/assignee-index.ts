import { ticketIndexKeys } from '../shared/table.ts';
import { machines, type TicketKind } from './machines/index.ts';

interface Assigned {
  propertyId: string;
  id: string;
  kind: TicketKind;
  state: string;
  assigneeId?: string | null;
}

/**
 * The `lookup` keys that put a ticket on its assignee's "my jobs" list, written in the same update as
 * the state change; a ticket without an assignee drops them, so a reassigned job leaves the old list.
 */
export function assigneeIndex(ticket: Assigned): { set: Record<string, string>; remove: string[] } {
  if (!ticket.assigneeId) return { set: {}, remove: ['lookupPk', 'lookupSk'] };
  const states: Record<string, { terminal?: boolean }> = machines[ticket.kind].states;
  const open = !states[ticket.state]?.terminal;
  return {
    set: ticketIndexKeys.jobsOfAssignee(ticket.propertyId, ticket.assigneeId, open, ticket.id),
    remove: [],
  };
}
