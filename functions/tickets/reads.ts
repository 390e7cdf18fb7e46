/** Reading the ledger and the tickets: a day's contacts, ticket lists, one ticket with its timeline. */
import * as z from 'zod/mini';
import type { Property } from '../directory/records.ts';
import { useActor } from '../shared/actor.ts';
import { fn } from '../shared/fn.ts';
import { propertyStore } from '../shared/store.ts';
import { keys, ticketIndexKeys, ticketIndexPrefix, ticketKeys, ticketSkPrefix } from '../shared/table.ts';
import { photosOfTicket, withThumbnails } from './attachments/service.ts';
import { localDay } from './local-day.ts';
import { allowedActions, machines } from './machines/index.ts';
import { actionAsks } from './machines/machine.ts';
import { maskContact, maskTicket, type Ticket } from './records.ts';
import { contactQuery, id, ticketParams, ticketQuery } from './schemas.ts';
import { findTickets } from './search.ts';
import { staffIdsOf, staffNames } from './staff-names.ts';

export const listContacts = fn(
  z.object({ propertyId: id, query: contactQuery }),
  async ({ propertyId, query }) => {
    const store = propertyStore(propertyId);
    const property = await store.mustGet<Property>(keys.property(propertyId), 'Property');
    const day = query.day ?? localDay(new Date(), property.timeZone);
    const page = await store.query<Record<string, unknown>>({
      partition: keys.property(propertyId).pk,
      beginsWith: ticketSkPrefix.contactsOfDay(day),
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: page.items.map(maskContact), cursor: page.cursor };
  },
);

export const listTickets = fn(
  z.object({ propertyId: id, query: ticketQuery }),
  async ({ propertyId, query }) => {
    const store = propertyStore(propertyId);
    await store.mustGet(keys.property(propertyId), 'Property');
    if (query.q !== undefined || query.sort) {
      const found = await findTickets(store, propertyId, query);
      return { items: await withThumbnails(propertyId, found.items.map(maskTicket)), cursor: found.cursor };
    }
    const prefix = query.kind ? ticketIndexPrefix.ticketsOfKind(query.kind, query.state) : undefined;
    const page = await store.query<Ticket>({
      index: 'listing',
      partition: ticketIndexKeys.ticketsOfProperty(propertyId, 'x', 'x', 'x').listingPk,
      ...(prefix ? { beginsWith: prefix } : {}),
      ...(!query.kind && query.state
        ? { filter: { expression: '#state = :state', values: { ':state': query.state } } }
        : {}),
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: await withThumbnails(propertyId, page.items.map(maskTicket)), cursor: page.cursor };
  },
);

export const getTicket = fn(ticketParams, async ({ propertyId, ticketId }) => {
  const actor = useActor();
  const store = propertyStore(propertyId);
  const [ticket, property] = await Promise.all([
    store.mustGet<Ticket>(ticketKeys.ticket(propertyId, ticketId), 'Ticket'),
    store.mustGet<Property>(keys.property(propertyId), 'Property'),
  ]);
  // The ledger entry that opened the ticket: filed under the local day of the call, which opened it.
  const contactKey = ticketKeys.contact(
    propertyId,
    localDay(ticket.openedAt, property.timeZone),
    ticket.contactId,
  );
  const [timeline, photos, contact] = await Promise.all([
    store.query<Record<string, unknown>>({
      partition: keys.property(propertyId).pk,
      beginsWith: ticketSkPrefix.ticketEvents(ticketId),
      limit: 100,
    }),
    photosOfTicket(propertyId, ticketId),
    store.get<Record<string, unknown>>(contactKey),
  ]);
  const allowed = allowedActions(machines[ticket.kind], ticket, actor);
  const mentioned = staffIdsOf(timeline.items);
  if (typeof ticket.assigneeId === 'string' && !mentioned.includes(ticket.assigneeId))
    mentioned.push(ticket.assigneeId);
  return {
    ticket: maskTicket(ticket),
    ...(contact ? { contact: maskContact(contact) } : {}),
    allowedActions: allowed,
    actionAsks: actionAsks(machines[ticket.kind], ticket, allowed),
    timeline: timeline.items,
    people: await staffNames(propertyId, mentioned),
    photos,
  };
});

export const householdTimeline = fn(
  z.object({ propertyId: id, householdId: id, cursor: z.optional(z.string().check(z.maxLength(2048))) }),
  async ({ propertyId, householdId, cursor }) => {
    const store = propertyStore(propertyId);
    await store.mustGet(keys.household(propertyId, householdId), 'Household');
    return store.query<Record<string, unknown>>({
      index: 'listing',
      partition: ticketIndexKeys.householdTimeline(propertyId, householdId, 'x').listingPk,
      cursor,
      limit: 100,
    });
  },
);

export const dayCounters = fn(z.object({ propertyId: id, day: z.string() }), async ({ propertyId, day }) =>
  propertyStore(propertyId).get<Record<string, number>>(ticketKeys.day(propertyId, day)),
);
