/**
 * A unit's and a household's service history: their ledger entries (every call, and the ticket each one
 * opened) newest first, read from the `listing` (unit) and `lookup` (household) index keys the contact's
 * builder writes; the tickets those calls opened are read in one BatchGet for their number and state now.
 */
import * as z from 'zod/mini';
import type { Domain } from '../shared/http.ts';
import { components, ok, page } from '../shared/openapi.ts';
import { propertyStore } from '../shared/store.ts';
import { keys, ticketIndexKeys, ticketKeys } from '../shared/table.ts';
import { type Contact, maskContact, type Ticket } from './records.ts';
import { withRooms } from './rooms.ts';
import { contactRecord, householdParams, id, propertyParams, ticketKindNames } from './schemas.ts';

const historyQuery = z.strictObject({
  cursor: z.optional(z.string().check(z.maxLength(2048))),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100))),
});

export const historyEntry = z
  .extend(contactRecord, {
    /** The ticket the call opened, as it stands now. */
    ticket: z.optional(
      z.object({
        id: z.string(),
        number: z.optional(z.string()),
        kind: z.enum(ticketKindNames),
        state: z.string(),
        severity: z.string(),
      }),
    ),
  })
  .register(components, { id: 'HistoryEntry' });

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

export function historyRoutes(domain: Domain) {
  domain.route(
    {
      method: 'get',
      path: '/properties/{propertyId}/units/{unitId}/history',
      operationId: 'listUnitHistory',
      summary: "Read a unit's calls and the tickets they opened, newest first",
      permission: 'ledger.read',
      request: { params: z.extend(propertyParams, { unitId: id }), query: historyQuery },
      responses: ok(
        page(historyEntry).register(components, { id: 'UnitHistoryPage' }),
        'Ledger entries about the unit, newest first, each with its ticket as it stands now (phones masked)',
      ),
    },
    async (c) => {
      const { propertyId, unitId } = c.req.valid('param');
      await propertyStore(propertyId).mustGet(keys.unit(propertyId, unitId), 'Unit');
      const partition = ticketIndexKeys.contactsOfUnit(propertyId, unitId, '', '').listingPk;
      return c.json(await historyOf(propertyId, 'listing', partition, c.req.valid('query')));
    },
  );
  domain.route(
    {
      method: 'get',
      path: '/properties/{propertyId}/households/{householdId}/history',
      operationId: 'listHouseholdHistory',
      summary: "Read a household's calls and the tickets they opened, newest first",
      permission: 'ledger.read',
      request: { params: householdParams, query: historyQuery },
      responses: ok(
        page(historyEntry).register(components, { id: 'HouseholdHistoryPage' }),
        'Ledger entries of the household, newest first, each with its ticket as it stands now (phones masked)',
      ),
    },
    async (c) => {
      const { propertyId, householdId } = c.req.valid('param');
      await propertyStore(propertyId).mustGet(keys.household(propertyId, householdId), 'Household');
      const partition = ticketIndexKeys.contactsOfHousehold(propertyId, householdId, '', '').lookupPk;
      return c.json(await historyOf(propertyId, 'lookup', partition, c.req.valid('query')));
    },
  );
}
