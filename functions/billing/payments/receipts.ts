/** Receipts: the list, one receipt with its reprint register and approvals, a reprint, a credit's history. */
import * as z from 'zod/mini';
import type { Property } from '../../directory/records.ts';
import { addDays, zonedInstant } from '../../reports/periods.ts';
import { useActor } from '../../shared/actor.ts';
import { notFound, unprocessable } from '../../shared/errors.ts';
import { fn } from '../../shared/fn.ts';
import { newId } from '../../shared/ids.ts';
import { propertyStore, type Store } from '../../shared/store.ts';
import { billingIndexKeys, billingKeys, billingSkPrefix, keys } from '../../shared/table.ts';
import { id } from '../../tickets/schemas.ts';
import { queryAll } from '../query-all.ts';
import { reprintItem } from './items.ts';
import type { Credit, CreditEntry, Payment, PaymentApproval, Reprint } from './records.ts';
import { realReceiptNumber, reasonBody, receiptParams, receiptQuery } from './schemas.ts';

export async function receiptOf(store: Store, propertyId: string, receiptNumber: number) {
  const payment = await store.get<Payment>(billingKeys.payment(propertyId, receiptNumber), {
    consistent: true,
  });
  if (!payment) throw notFound(`Receipt ${receiptNumber}`);
  return payment;
}

/** The index's sort keys (`<takenAt>#<receipt>`) of one day of the property's clock. */
function dayRange(day: string, timeZone: string): [string, string] {
  if (Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw unprocessable('bad_day', `${day} is not a day`);
  return [
    zonedInstant(day, '00:00', timeZone).toISOString(),
    zonedInstant(addDays(day, 1), '00:00', timeZone).toISOString(),
  ];
}

export const listReceipts = fn(
  z.object({ propertyId: id, query: receiptQuery }),
  async ({ propertyId, query }) => {
    const store = propertyStore(propertyId);
    const property = await store.mustGet<Property>(keys.property(propertyId), 'Property');
    if (query.day && !query.cashierId)
      throw unprocessable('cashier_required', 'A day’s receipts are listed per cashier: name the cashier');
    if (query.cashierId) {
      const day = query.day;
      return store.query<Payment>({
        index: 'lookup',
        partition: billingIndexKeys.paymentsOfCashier(propertyId, query.cashierId, '', 0).lookupPk,
        ...(day ? { between: dayRange(day, property.timeZone) } : {}),
        newestFirst: true,
        cursor: query.cursor,
        limit: 50,
      });
    }
    if (query.householdId)
      return store.query<Payment>({
        index: 'listing',
        partition: billingIndexKeys.paymentsOfHousehold(propertyId, query.householdId, '', 0).listingPk,
        newestFirst: true,
        cursor: query.cursor,
        limit: 50,
      });
    return store.query<Payment>({
      partition: keys.property(propertyId).pk,
      beginsWith: billingSkPrefix.payments,
      newestFirst: true,
      cursor: query.cursor,
      limit: 50,
    });
  },
);

const all = <T>(store: Store, partition: string, beginsWith: string) =>
  queryAll<T>(store, { partition, beginsWith, limit: 100 });

export const readReceipt = fn(receiptParams, async ({ propertyId, receiptNumber }) => {
  const store = propertyStore(propertyId);
  const n = realReceiptNumber(receiptNumber);
  const [receipt, property] = await Promise.all([
    receiptOf(store, propertyId, n),
    store.mustGet<Property>(keys.property(propertyId), 'Property'),
  ]);
  const pk = keys.property(propertyId).pk;
  const [reprints, approvals] = await Promise.all([
    all<Reprint>(store, pk, billingSkPrefix.reprints(n)),
    store.batchGet<PaymentApproval>(
      receipt.approvalIds.map((a) => billingKeys.paymentApproval(propertyId, a)),
    ),
  ]);
  return {
    receipt,
    property: { name: property.name, address: property.address, hotline: property.hotline },
    reprints,
    approvals: approvals.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt)),
  };
});

/** A reprint (补打) is registered before it is printed: who, when and why, and the receipt counts it. */
export const reprintReceipt = fn(
  z.object({ ...receiptParams.shape, body: reasonBody }),
  async ({ propertyId, receiptNumber, body }): Promise<Reprint> => {
    const store = propertyStore(propertyId);
    const n = realReceiptNumber(receiptNumber);
    await receiptOf(store, propertyId, n);
    const actor = useActor();
    const reprint: Reprint = {
      id: newId(),
      receiptNumber: n,
      at: new Date().toISOString(),
      by: actor.staffId,
      byName: actor.name,
      reason: body.reason,
    };
    await store.apply(
      [
        { put: reprintItem(propertyId, reprint), condition: 'attribute_not_exists(#pk)' },
        {
          update: billingKeys.payment(propertyId, n),
          add: { reprints: 1 },
          condition: 'attribute_exists(#pk)',
        },
      ],
      { action: 'receipt.reprint', entity: 'payment', entityId: String(n), after: { reason: body.reason } },
    );
    return reprint;
  },
);

export const readCredit = fn(
  z.object({ propertyId: id, householdId: id }),
  async ({ propertyId, householdId }) => {
    const store = propertyStore(propertyId);
    await store.mustGet(keys.household(propertyId, householdId), 'Household');
    const [credit, history] = await Promise.all([
      store.get<Credit>(billingKeys.credit(propertyId, householdId), { consistent: true }),
      all<CreditEntry>(store, keys.property(propertyId).pk, billingSkPrefix.creditEntries(householdId)),
    ]);
    return { householdId, balanceCents: credit?.balanceCents ?? 0, history };
  },
);
