/**
 * What the history routes (./history-routes.ts) run. A unit's and a household's service history: their
 * ledger entries (every call, and the ticket each one opened) newest first, read from the `listing` (unit) and `lookup` (household) index keys the contact's
 * builder writes; the tickets those calls opened are read in one BatchGet for their number and state now.
 */
import type * as z from 'zod/mini';
import { propertyStore } from '../shared/store.ts';
import { keys, ticketIndexKeys, ticketKeys } from '../shared/table.ts';
import type { historyQuery } from './history-routes.ts';
import { type Contact, maskContact, type Ticket } from './records.ts';
import { withRooms } from './rooms.ts';

type Query = z.output<typeof historyQuery>;

async function historyOf(propertyId: string, index: 'listing' | 'lookup', partition: string, query: Query) {
  const store = propertyStore(propertyId);
  const calls = await store.query<Contact>({
    index,
    partition,
    newestFirst: true,
    limit: query.limit ?? 20,
    cursor: query.cursor,
  });
  const ticketIds = calls.items.map((c) => c.ticketId).filter((t): t is string => !!t);
  const tickets = new Map(
    (await store.batchGet<Ticket>(ticketIds.map((t) => ticketKeys.ticket(propertyId, t)))).map((t) => [
      t.id,
      t,
    ]),
  );
  const items = calls.items.map((c): Contact & { unitId?: unknown } => {
    const ticket = c.ticketId ? tickets.get(c.ticketId) : undefined;
    return {
      ...maskContact(c),
      ...(ticket
        ? {
            ticket: {
              id: ticket.id,
              ...(ticket.number ? { number: ticket.number } : {}),
              kind: ticket.kind,
              state: ticket.state,
              severity: ticket.severity,
            },
          }
        : {}),
    };
  });
  return { items: await withRooms(propertyId, items), cursor: calls.cursor };
}

export async function unitHistory(
  { propertyId, unitId }: { propertyId: string; unitId: string },
  query: Query,
) {
  await propertyStore(propertyId).mustGet(keys.unit(propertyId, unitId), 'Unit');
  const partition = ticketIndexKeys.contactsOfUnit(propertyId, unitId, '', '').listingPk;
  return historyOf(propertyId, 'listing', partition, query);
}

export async function householdHistory(
  { propertyId, householdId }: { propertyId: string; householdId: string },
  query: Query,
) {
  await propertyStore(propertyId).mustGet(keys.household(propertyId, householdId), 'Household');
  const partition = ticketIndexKeys.contactsOfHousehold(propertyId, householdId, '', '').lookupPk;
  return historyOf(propertyId, 'lookup', partition, query);
}
