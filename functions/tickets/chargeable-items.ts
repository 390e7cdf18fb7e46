/**
 * Chargeable items (有偿服务费): a paid-service fee the household confirmed and accepted, kept for the
 * billing domain to settle monthly. Written in the transaction of the action that emits the machine's
 * `billing.chargeableItem` event; one per ticket (its key is the ticket's), so a retried action or a
 * repair accepted again after rework never creates a second one.
 */
import * as z from 'zod/mini';
import type { Property } from '../directory/records.ts';
import { pageQuery } from '../directory/schemas.ts';
import { conflict } from '../shared/errors.ts';
import { fn } from '../shared/fn.ts';
import { propertyStore, type WriteOp } from '../shared/store.ts';
import { figureKeys, keys, ticketIndexPrefix } from '../shared/table.ts';
import { chargeItem } from './items.ts';
import { localDay } from './local-day.ts';
import type { DomainEvent, Transition } from './machines/index.ts';
import { id } from './schemas.ts';

export interface ChargeableItem {
  id: string;
  propertyId: string;
  ticketId: string;
  householdId: string | null;
  unitId: string | null;
  source: DomainEvent['source'];
  amountCents: number;
  quotedFeeCents: number;
  exceedsQuote: boolean;
  confirmedAt: string;
  /** YYYY-MM: the bill it belongs on. */
  month: string;
  state: 'unbilled' | 'billed';
}

/**
 * The bill a fee goes on: bills are drawn up on the property's billing day, so a fee confirmed on or
 * before it (property-local) is on this month's bill and one confirmed after it on next month's.
 */
export function billingMonth(at: string, property: Pick<Property, 'timeZone' | 'billingDay'>): string {
  const [year, month, day] = localDay(at, property.timeZone).split('-').map(Number) as [
    number,
    number,
    number,
  ];
  if (day <= property.billingDay) return `${year}-${String(month).padStart(2, '0')}`;
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** `month` defaults to the bill drawn next (today's fees go on it). */
export const chargeableItemQuery = z.extend(pageQuery, {
  month: z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use YYYY-MM'))),
  state: z.optional(z.enum(['unbilled', 'billed'])),
});

/** The chargeable item a transition's billing event makes, as a write (none without the event). */
export function chargeableItemOps(
  property: Pick<Property, 'id' | 'timeZone' | 'billingDay'>,
  ticketId: string,
  transition: Transition,
): WriteOp[] {
  const event = transition.events.find((e): e is DomainEvent => e.type === 'billing.chargeableItem');
  if (!event) return [];
  const month = billingMonth(event.at, property);
  const item: ChargeableItem = {
    id: ticketId,
    propertyId: property.id,
    ticketId,
    householdId: event.householdId ?? null,
    unitId: event.unitId ?? null,
    source: event.source,
    amountCents: event.amountCents,
    quotedFeeCents: event.quotedFeeCents,
    exceedsQuote: event.exceedsQuote,
    confirmedAt: event.at,
    month,
    state: 'unbilled',
  };
  return [
    {
      put: chargeItem(item),
      // A later acceptance (after rework) replaces the fee while it is not billed yet.
      condition: 'attribute_not_exists(#pk) OR #state = :unbilled',
      values: { ':unbilled': 'unbilled' },
      onFail: conflict('already_billed', 'The fee of this repair is already on a bill', { ticketId }),
    },
  ];
}

/** Finance: the chargeable items of a property for one billing month (unbilled first). */
export const listChargeableItems = fn(
  z.object({ propertyId: id, query: chargeableItemQuery }),
  async ({ propertyId, query }) => {
    const store = propertyStore(propertyId);
    const property = await store.mustGet<Property>(keys.property(propertyId), 'Property');
    const month = query.month ?? billingMonth(new Date().toISOString(), property);
    return store.query<ChargeableItem>({
      index: 'listing',
      partition: figureKeys.chargeableItemsOfMonth(propertyId, month, 'x', 'x').listingPk,
      ...(query.state ? { beginsWith: ticketIndexPrefix.chargeableItemsInState(query.state) } : {}),
      limit: query.limit,
      cursor: query.cursor,
    });
  },
);
