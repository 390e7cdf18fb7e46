/**
 * What the tickets domain stores, as the rest of the product reads it: a ticket with its SLA clocks,
 * and the masks every reader applies to a caller's phone. Types and pure functions only, so any module
 * may import them without importing the service.
 */
import { maskPhone } from '../shared/personal-data.ts';
import type { SlaClock } from '../sla/clock.ts';
import type { CalendarKind } from '../sla/policies.ts';
import type { TicketKind } from './machines/index.ts';

/** One SLA target's clock as stored on the ticket. */
export interface TicketSla {
  clock: SlaClock;
  calendar: CalendarKind | null;
  warnAt: number;
  status: 'running' | 'paused' | 'done' | 'void';
  dueAt: string | null;
  warningAt: string | null;
  stoppedAt?: string;
  /** For a clock stopped `done`: reached by its due time. */
  met?: boolean;
}

export interface Ticket {
  id: string;
  propertyId: string;
  kind: TicketKind;
  severity: 'normal' | 'urgent';
  state: string;
  assigneeId?: string | null;
  householdId: string | null;
  unitId: string | null;
  contactId: string;
  /** Read out on the phone: `SHJA-BX-20261201-007` (./numbers.ts); tickets opened before numbers have none. */
  number?: string;
  /** What the ticket is found by (./search-tokens.ts); storage only, never shown. */
  searchTokens?: string[];
  openedAt: string;
  openedBy: string;
  slas: Record<string, TicketSla>;
  /** Earliest SLA moment not yet recorded (warning, breach, escalation step; what the due index holds). */
  nextDueAt: string | null;
  version: number;
  [field: string]: unknown;
}

/** A ledger entry (客服前台台帳): one contact, on the property-local day it was taken. */
export interface Contact {
  id: string;
  propertyId: string;
  day: string;
  ticketId: string | null;
  ticketKind: TicketKind | null;
  /** The number of the ticket the contact opened. */
  ticketNumber?: string | null;
  version: number;
  [field: string]: unknown;
}

/** The caller's phone on a ticket (repair/inquiry `contact`, complaint `complainant`), masked as everywhere. */
export function maskTicket<T extends Record<string, unknown>>(ticket: T): T {
  // The search tokens hold the phone's last digits and the caller's name: storage, not a field to show.
  const { searchTokens: _, ...out }: Record<string, unknown> = ticket;
  for (const field of ['contact', 'complainant']) {
    const person = out[field] as { phone?: string } | undefined;
    if (person?.phone) out[field] = { ...person, phone: maskPhone(person.phone) };
  }
  return out as T;
}

/** A ledger entry as every reader sees it: the caller's phone and a message's callback number masked. */
export function maskContact<T extends Record<string, unknown>>(c: T): T {
  const caller = c.caller as { name: string; phone?: string } | undefined;
  const message = c.message as { callbackNumber: string } | undefined;
  return {
    ...c,
    ...(caller?.phone ? { caller: { ...caller, phone: maskPhone(caller.phone) } } : {}),
    ...(message ? { message: { ...message, callbackNumber: maskPhone(message.callbackNumber) } } : {}),
  };
}
