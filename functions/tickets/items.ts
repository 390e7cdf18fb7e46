/**
 * The stored item of every record of the tickets domain, one builder per record type. A builder takes
 * the record and returns the whole item: its primary key and every index key, computed from the
 * record's own fields each time it is written (no write patches a key by hand). An update writes the
 * fields it changes plus the index keys the builder computes for the record after the change
 * (`updateFrom`), so a key can never lag behind the field it is made of.
 */
import { newId } from '../shared/ids.ts';
import type { Item, WriteOp } from '../shared/store.ts';
import { figureKeys, ticketIndexKeys, ticketKeys } from '../shared/table.ts';
import type { Attachment } from './attachments/service.ts';
import type { ChargeableItem } from './chargeable-items.ts';
import type { PendingHandOff } from './handoffs.ts';
import type { InfoEntry } from './info-file.ts';
import type { LedgerReview } from './ledger-review.ts';
import { type MachineEvent, machines } from './machines/index.ts';
import type { Contact, Ticket } from './records.ts';

/** An ADD to a counter item: its identity attributes are SET with it, so a new item is complete too. */
const addTo = ({ pk, sk, ...identity }: Item, counters: Record<string, number>): WriteOp => ({
  update: { pk, sk },
  set: identity,
  add: counters,
});

const isOpen = (ticket: Pick<Ticket, 'kind' | 'state'>) =>
  !(machines[ticket.kind].states as Record<string, { terminal?: boolean }>)[ticket.state]?.terminal;

/** On the assignee's open jobs until their part is done (`jobDone`) or the ticket ends. */
const isOpenJob = (ticket: Pick<Ticket, 'kind' | 'state'>) => {
  const state = (machines[ticket.kind].states as Record<string, { terminal?: boolean; jobDone?: boolean }>)[
    ticket.state
  ];
  return !state?.terminal && !state?.jobDone;
};

/**
 * A ticket: listed by kind and state; in the sparse `due` index while an SLA moment is pending
 * (`nextDueAt`); on its assignee's "my jobs" list while it has one (open, then done once their part is).
 */
export function ticketItem(ticket: Ticket): Item {
  const { propertyId, id } = ticket;
  return {
    ...ticket,
    recordType: 'ticket',
    ...ticketKeys.ticket(propertyId, id),
    ...ticketIndexKeys.ticketsOfProperty(propertyId, ticket.kind, ticket.state, id),
    ...(ticket.nextDueAt ? ticketIndexKeys.due(propertyId, id, ticket.nextDueAt) : {}),
    ...(ticket.assigneeId
      ? ticketIndexKeys.jobsOfAssignee(propertyId, ticket.assigneeId, isOpenJob(ticket), id)
      : {}),
    ...(isOpen(ticket) ? ticketIndexKeys.queueOfProperty(propertyId, earliestRunningDue(ticket), id) : {}),
  };
}

/** Where a ticket sorts in "due soonest": its queue key when open, after every open ticket once closed. */
export const dueOrder = (ticket: Ticket) =>
  isOpen(ticket)
    ? ticketIndexKeys.queueOfProperty(ticket.propertyId, earliestRunningDue(ticket), ticket.id).queueSk
    : '~~';

/** The earliest due time of the ticket's running SLA clocks (what "due soonest" orders by). */
function earliestRunningDue(ticket: Pick<Ticket, 'slas'>): string | null {
  const dues = Object.values(ticket.slas ?? {})
    .filter((sla) => sla.status === 'running' && sla.dueAt)
    .map((sla) => new Date(sla.dueAt as string).toISOString());
  return dues.length ? dues.sort()[0]! : null;
}

/** The search token items of a new ticket (written in its creation transaction; see search-tokens.ts). */
export const searchTokenItems = (
  ticket: Pick<Ticket, 'propertyId' | 'id'>,
  tokens: readonly string[],
): Item[] =>
  tokens.map((token) => ({
    ...ticketKeys.searchToken(ticket.propertyId, token, ticket.id),
    recordType: 'searchToken',
    ticketId: ticket.id,
  }));

/** What a timeline entry says: a staff action (a machine transition) or a moment the SLA sweep recorded. */
export interface TicketEvent {
  action: string;
  from: string | null;
  to: string;
  input: unknown;
  /** Who the sweep told (breach, escalation step). */
  recipients?: string[];
  slaEvents: MachineEvent[];
  domainEvents: MachineEvent[];
  at: string;
  by: string;
}

/** A new entry of a ticket's timeline; also on its household's timeline when the ticket has a household. */
export function ticketEventItem(
  ticket: Pick<Ticket, 'id' | 'propertyId' | 'householdId' | 'kind'>,
  event: TicketEvent,
): Item {
  const id = newId();
  return {
    recordType: 'ticketEvent',
    id,
    ticketId: ticket.id,
    kind: ticket.kind,
    ...event,
    ...ticketKeys.ticketEvent(ticket.propertyId, ticket.id, id),
    ...(ticket.householdId
      ? ticketIndexKeys.householdTimeline(ticket.propertyId, ticket.householdId, id)
      : {}),
  };
}

/** A ledger entry, under the property-local day it was taken; listed with its unit's and household's calls. */
export function contactItem(contact: Contact): Item {
  const { propertyId, id } = contact;
  const time = typeof contact.time === 'string' ? new Date(contact.time).toISOString() : contact.day;
  return {
    ...contact,
    recordType: 'contact',
    ...ticketKeys.contact(propertyId, contact.day, id),
    ...(typeof contact.unitId === 'string'
      ? ticketIndexKeys.contactsOfUnit(propertyId, contact.unitId, time, id)
      : {}),
    ...(typeof contact.householdId === 'string'
      ? ticketIndexKeys.contactsOfHousehold(propertyId, contact.householdId, time, id)
      : {}),
  };
}

/** ADDs to a property's counters of one property-local day (figures, the ledger's contact count). */
export const dayCountersAdd = (propertyId: string, day: string, counters: Record<string, number>) =>
  addTo({ ...ticketKeys.day(propertyId, day), recordType: 'ticketDay', propertyId, day }, counters);

/** ADDs to a property's gauge of tickets now (open, open by kind, overdue). */
export const ticketsNowAdd = (propertyId: string, counters: Record<string, number>) =>
  addTo({ ...figureKeys.now(propertyId), recordType: 'ticketsNow', propertyId }, counters);

/** An information-file entry (信息档案). */
export const infoEntryItem = (entry: Omit<InfoEntry, 'version'>): Item => ({
  ...entry,
  recordType: 'infoEntry',
  ...ticketKeys.infoEntry(entry.propertyId, entry.id),
});

/** A ledger review mark of a day or an ISO week. */
export const ledgerReviewItem = (review: LedgerReview & { propertyId: string }): Item => ({
  ...review,
  recordType: 'ledgerReview',
  ...ticketKeys.ledgerReview(review.propertyId, review.period),
});

/**
 * A photo: until attached it expires (`expiresAt`, epoch seconds); once attached it is listed with its
 * ticket's photos and never expires.
 */
export function attachmentItem(
  attachment: Omit<Attachment, 'version' | 'createdAt'>,
  expiresAt?: number,
): Item {
  const { propertyId, id, ticketId } = attachment;
  const attached = attachment.state === 'attached' && ticketId;
  return {
    ...attachment,
    recordType: 'attachment',
    ...ticketKeys.attachment(propertyId, id),
    ...(attached ? ticketIndexKeys.photosOfTicket(propertyId, ticketId, id) : {}),
    ...(!attached && expiresAt ? { expiresAt } : {}),
  };
}

/** A chargeable item, listed under its billing month and state for the billing domain. */
export const chargeItem = (item: ChargeableItem): Item => ({
  ...item,
  recordType: 'chargeableItem',
  ...figureKeys.chargeableItem(item.propertyId, item.ticketId),
  ...figureKeys.chargeableItemsOfMonth(item.propertyId, item.month, item.state, item.ticketId),
});

/** A breach of one SLA clock of a ticket, recorded by the sweep; one per clock run (its key is unique). */
export interface SlaBreach {
  propertyId: string;
  ticketId: string;
  kind: Ticket['kind'];
  clock: string;
  clockStartedAt: string;
  dueAt: string;
  recordedAt: string;
}

export const slaBreachItem = ({ propertyId, ...breach }: SlaBreach): Item => ({
  ...breach,
  recordType: 'slaBreach',
  ...ticketKeys.slaBreach(propertyId, breach.ticketId, breach.clock, breach.clockStartedAt),
});

/** A hand-off not sent yet: in the hand-off partitions of the sparse `due` index until it is removed. */
export const handOffItem = (pending: PendingHandOff): Item => ({
  ...pending,
  recordType: 'handOff',
  ...ticketKeys.handOff(pending.propertyId, pending.ticketId, pending.version),
  ...ticketIndexKeys.handOffDue(pending.propertyId, pending.ticketId, pending.version, pending.at),
});
