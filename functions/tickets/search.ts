/**
 * Finding tickets without a Scan: a search reads one page of one token's partition (the longest token
 * of the query, usually the rarest), BatchGets those tickets and keeps the ones that carry every other
 * token too; "due soonest" reads the property's queue (open tickets by earliest running due time) and
 * "newest" a kind's or the property's token partition. Each request reads at most a page of index
 * entries and a page of tickets, however long the property's history. See docs/decisions/017-ticket-search.md.
 */
import type * as z from 'zod/mini';
import { unprocessable } from '../shared/errors.ts';
import type { Page, Store } from '../shared/store.ts';
import { ticketIndexKeys, ticketIndexPrefix, ticketKeys } from '../shared/table.ts';
import { dueOrder } from './items.ts';
import type { Ticket } from './records.ts';
import type { ticketQuery } from './schemas.ts';
import { allTicketsToken, drivingToken, kindToken, tokensOf } from './search-tokens.ts';

type Query = z.output<typeof ticketQuery>;

const newestFirst = (a: Ticket, b: Ticket) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const dueFirst = (a: Ticket, b: Ticket) => {
  const [x, y] = [dueOrder(a), dueOrder(b)];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The tickets a page of token entries points at, in the entries' order, those that pass `keep`. */
async function ticketsOf(
  store: Store,
  propertyId: string,
  entries: Page<{ ticketId: string }>,
  keep: (t: Ticket) => boolean,
): Promise<Page<Ticket>> {
  const found = await store.batchGet<Ticket>(
    entries.items.map((e) => ticketKeys.ticket(propertyId, e.ticketId)),
  );
  return { items: found.filter(keep).sort(newestFirst), cursor: entries.cursor };
}

const tokenPage = (store: Store, propertyId: string, token: string, query: Query) =>
  store.query<{ ticketId: string }>({
    partition: ticketKeys.searchToken(propertyId, token, 'x').pk,
    newestFirst: true,
    limit: query.limit,
    cursor: query.cursor,
  });

const matchesFilters = (query: Query) => (t: Ticket) =>
  (!query.kind || t.kind === query.kind) && (!query.state || t.state === query.state);

export async function findTickets(store: Store, propertyId: string, query: Query): Promise<Page<Ticket>> {
  if (query.q !== undefined) {
    const tokens = tokensOf(query.q);
    if (!tokens.length)
      throw unprocessable(
        'nothing_to_search',
        'Type a number, a room, a name, 4 digits of a phone or two characters of the summary',
      );
    const entries = await tokenPage(store, propertyId, drivingToken(tokens), query);
    const filters = matchesFilters(query);
    const page = await ticketsOf(
      store,
      propertyId,
      entries,
      (t) => filters(t) && tokens.every((token) => t.searchTokens?.includes(token)),
    );
    return query.sort === 'due' ? { ...page, items: page.items.sort(dueFirst) } : page;
  }
  if (query.sort === 'due') {
    const filter = [query.kind && '#kind = :kind', query.state && '#state = :state'].filter(Boolean);
    return store.query<Ticket>({
      index: 'queue',
      partition: ticketIndexKeys.queueOfProperty(propertyId, null, 'x').queuePk,
      ...(filter.length
        ? {
            filter: {
              expression: filter.join(' AND '),
              values: {
                ...(query.kind ? { ':kind': query.kind } : {}),
                ...(query.state ? { ':state': query.state } : {}),
              },
            },
          }
        : {}),
      limit: query.limit,
      cursor: query.cursor,
    });
  }
  // Newest first: one kind in one state has its own part of the listing index, in id (time) order.
  if (query.kind && query.state)
    return store.query<Ticket>({
      index: 'listing',
      partition: ticketIndexKeys.ticketsOfProperty(propertyId, 'x', 'x', 'x').listingPk,
      beginsWith: ticketIndexPrefix.ticketsOfKind(query.kind, query.state),
      newestFirst: true,
      limit: query.limit,
      cursor: query.cursor,
    });
  const token = query.kind ? kindToken(query.kind) : allTicketsToken;
  return ticketsOf(
    store,
    propertyId,
    await tokenPage(store, propertyId, token, query),
    matchesFilters(query),
  );
}
