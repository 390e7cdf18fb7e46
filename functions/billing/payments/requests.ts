/** A household's open payment requests, as a payment (or its reversal) must see them: read consistently. */
import type { Store } from '../../shared/store.ts';
import { billingIndexKeys, billingKeys } from '../../shared/table.ts';
import type { PaymentRequest } from '../records.ts';

/** Every request of the household with something left to pay, oldest first. */
export async function openRequestsOf(store: Store, propertyId: string, householdId: string) {
  const listed: PaymentRequest[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<PaymentRequest>({
      index: 'listing',
      partition: billingIndexKeys.requestsOfHousehold(propertyId, householdId, '').listingPk,
      cursor,
      limit: 100,
    });
    listed.push(...page.items.filter((r) => r.balanceCents > 0));
    cursor = page.cursor ?? undefined;
  } while (cursor);
  // The index is eventually consistent: each open one is read again from the table, as it is now.
  const current = await Promise.all(
    listed.map((r) =>
      store.get<PaymentRequest>(billingKeys.paymentRequest(propertyId, r.period, householdId), {
        consistent: true,
      }),
    ),
  );
  return current
    .filter((r): r is PaymentRequest => !!r && r.balanceCents > 0)
    .sort((a, b) => a.period.localeCompare(b.period));
}

export const requestOf = (store: Store, propertyId: string, period: string, householdId: string) =>
  store.get<PaymentRequest>(billingKeys.paymentRequest(propertyId, period, householdId), {
    consistent: true,
  });
