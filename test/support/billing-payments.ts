/** What the payments tests share: another household of the world's unit, the desk's calls, a partition read. */

import type { Payment } from '../../functions/billing/payments/records.ts';
import { createHousehold } from '../../functions/directory/households.ts';
import type { Household } from '../../functions/directory/records.ts';
import { propertyStore } from '../../functions/shared/store.ts';
import { keys } from '../../functions/shared/table.ts';
import { asSystem, call } from './api.ts';
import type { PropertyWorld } from './world.ts';

let phone = 0;

/** A second (third, …) real household of the world's occupied unit, as the directory registers one. */
export async function anotherHousehold(w: PropertyWorld, name: string) {
  phone += 1;
  const household: Household = await asSystem(() =>
    createHousehold({
      propertyId: w.property.id,
      household: {
        unitId: w.unit.id,
        kind: 'tenant',
        name,
        phone: `1350000${String(phone).padStart(4, '0')}`,
        moveInDate: '2024-01-01',
      },
    }),
  );
  return { ...w, household };
}

export const billingBase = (w: PropertyWorld) => `/api/billing/properties/${w.property.id}`;

export function pay(
  w: Pick<PropertyWorld, 'property' | 'household' | 'tokens'>,
  body: Record<string, unknown>,
  token = w.tokens.front_desk,
) {
  return call<Payment>(token, 'POST', `/api/billing/properties/${w.property.id}/payments`, {
    householdId: w.household.id,
    channel: 'cash',
    ...body,
  });
}

/** Everything stored in the property's partition, for "nothing was written". */
export function partitionOf(w: PropertyWorld) {
  return asSystem(async () => {
    const store = propertyStore(w.property.id);
    const items: Record<string, unknown>[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.query<Record<string, unknown>>({
        partition: keys.property(w.property.id).pk,
        cursor,
        limit: 500,
        consistent: true,
      });
      items.push(...page.items);
      cursor = page.cursor ?? undefined;
    } while (cursor);
    return items;
  });
}
