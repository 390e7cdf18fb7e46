/**
 * Taking a payment (收款): its receipt number is the next of the property's gapless sequence, taken in
 * the payment's own transaction — the counter moves only if the payment, its allocation to the
 * requests, the month figures and the credit are all written (docs/decisions/023). A race lost to
 * another payment is retried with fresh reads.
 */
import * as z from 'zod/mini';
import type { Household, Unit } from '../../directory/records.ts';
import { useActor } from '../../shared/actor.ts';
import { conflict, unprocessable } from '../../shared/errors.ts';
import { fn } from '../../shared/fn.ts';
import { newId } from '../../shared/ids.ts';
import { propertyStore, type Store, type WriteOp } from '../../shared/store.ts';
import { billingKeys, keys } from '../../shared/table.ts';
import { id } from '../../tickets/schemas.ts';
import { monthFiguresOp, monthOpenCheck, paymentRequestItem } from '../items.ts';
import { type PaymentRequest, referenceChannels } from '../records.ts';
import { allocate, applyTo } from './allocate.ts';
import { creditEntryItem, paymentItem } from './items.ts';
import type { CreditEntryKind, Payment } from './records.ts';
import { openRequestsOf } from './requests.ts';
import { inLine, retryLostRace } from './retry.ts';
import { paymentCreate } from './schemas.ts';

/** A transaction holds at most 100 items: a payment touches 3 per request, plus its own 7. */
const maxRequestsPerPayment = 30;

/** The last receipt number the property gave (0: none yet), read consistently. */
export async function lastReceiptNumber(store: Store, propertyId: string): Promise<number> {
  const counter = await store.get<{ last: number }>(billingKeys.receiptCounter(propertyId), {
    consistent: true,
  });
  return counter?.last ?? 0;
}

/** The counter moved from `last` to `last + 1`, or the whole transaction fails and is retried. */
export function nextReceiptNumberOp(propertyId: string, last: number): WriteOp {
  return {
    update: billingKeys.receiptCounter(propertyId),
    set: { recordType: 'receiptCounter', propertyId, last: last + 1 },
    ...(last === 0
      ? { condition: 'attribute_not_exists(#last)' }
      : { condition: '#last = :last', values: { ':last': last } }),
    onFail: conflict('receipt_number_taken', 'Another payment took that receipt number'),
  };
}

/** A request written back after a payment or its reversal: only over the version that was read. */
export function requestWriteOps(propertyId: string, before: PaymentRequest, after: PaymentRequest) {
  return [
    {
      put: paymentRequestItem(after),
      condition: '#version = :v',
      values: { ':v': before.version },
      onFail: conflict('record_changed', 'The request changed while the payment was taken'),
    },
    monthOpenCheck(propertyId, before.period),
  ] satisfies WriteOp[];
}

function chosenRequests(open: PaymentRequest[], periods: string[] | undefined) {
  if (!periods) return open;
  const chosen = open.filter((r) => periods.includes(r.period));
  const missing = periods.filter((p) => !chosen.some((r) => r.period === p));
  if (missing.length)
    throw unprocessable('request_not_open', 'No open request of the household for these months', {
      periods: missing,
    });
  return chosen;
}

export const takePayment = fn(
  z.object({
    propertyId: id,
    body: paymentCreate,
  }),
  async ({ propertyId, body }): Promise<Payment> => {
    if (referenceChannels.includes(body.channel) && !body.reference)
      throw unprocessable('reference_required', 'Enter the statement’s transaction reference (流水号)');
    const store = propertyStore(propertyId);
    const household = await store.mustGet<Household>(
      keys.household(propertyId, body.householdId),
      'Household',
    );
    const unit = await store.mustGet<Unit>(keys.unit(propertyId, household.unitId), 'Unit');
    const actor = useActor();
    if (body.requestKey) {
      const earlier = await paymentOfRequestKey(store, propertyId, body.requestKey);
      if (earlier) return earlier;
    }
    return inLine(propertyId, () =>
      retryLostRace(async () => {
        const last = await lastReceiptNumber(store, propertyId);
        const open = chosenRequests(await openRequestsOf(store, propertyId, household.id), body.periods);
        const { allocations, creditCents } = allocate(open, body.amountCents);
        const touched = open.filter((r) => allocations.some((a) => a.requestId === r.id));
        if (touched.length > maxRequestsPerPayment)
          throw unprocessable(
            'too_many_requests',
            `One payment pays at most ${maxRequestsPerPayment} months; choose the months to pay`,
          );
        const takenAt = new Date().toISOString();
        const payment: Payment = {
          id: newId(),
          propertyId,
          receiptNumber: last + 1,
          householdId: household.id,
          householdName: household.name,
          unitId: unit.id,
          buildingId: unit.buildingId,
          roomCode: unit.roomCode,
          amountCents: body.amountCents,
          channel: body.channel,
          reference: body.reference ?? null,
          payer: body.payer ?? null,
          note: body.note ?? null,
          allocations,
          creditCents,
          takenAt,
          takenBy: actor.staffId,
          takenByName: actor.name,
          state: 'valid',
          pendingApprovalId: null,
          approvalIds: [],
          reversal: null,
          reprints: 0,
          version: 1,
        };
        const ops: WriteOp[] = [
          nextReceiptNumberOp(propertyId, last),
          { put: paymentItem(payment), condition: 'attribute_not_exists(#pk)' },
        ];
        if (body.requestKey)
          ops.push({
            put: {
              ...keys.propertyUnique(propertyId, 'PAYMENT', body.requestKey),
              recordType: 'paymentRequestKey',
              receiptNumber: payment.receiptNumber,
            },
            condition: 'attribute_not_exists(#pk)',
            onFail: conflict('duplicate_payment', 'This payment was already taken'),
          });
        for (const request of touched) {
          const { next, receivedCents, householdsPaid } = applyTo(request, allocations, 1);
          ops.push(
            ...requestWriteOps(propertyId, request, next),
            monthFiguresOp(propertyId, request.period, { receivedCents, householdsPaid }),
          );
        }
        if (creditCents > 0) ops.push(...creditOps(propertyId, payment, creditCents, 'overpayment', actor));
        await store.apply(ops, {
          action: 'payment.take',
          entity: 'payment',
          entityId: String(payment.receiptNumber),
          after: {
            receiptNumber: payment.receiptNumber,
            householdId: payment.householdId,
            amountCents: payment.amountCents,
            channel: payment.channel,
            allocations: payment.allocations.map(({ period, lineId, cents }) => ({ period, lineId, cents })),
            creditCents,
          },
        });
        return payment;
      }),
    ).catch(async (error) => {
      // A second press of the same payment that raced the first: answer with the first.
      const earlier = body.requestKey && (await paymentOfRequestKey(store, propertyId, body.requestKey));
      if (earlier) return earlier;
      throw error;
    });
  },
);

async function paymentOfRequestKey(store: Store, propertyId: string, requestKey: string) {
  const guard = await store.get<{ receiptNumber: number }>(
    keys.propertyUnique(propertyId, 'PAYMENT', requestKey),
    { consistent: true },
  );
  return guard
    ? store.get<Payment>(billingKeys.payment(propertyId, guard.receiptNumber), { consistent: true })
    : undefined;
}

/**
 * `cents` into (+) or out of (−) the household's credit, with its history entry naming what moved it
 * (a receipt, or the period of the request the bill run spent it on). Taking credit out holds only
 * while the credit is still there (it may have been spent by a later request).
 */
export function creditOps(
  propertyId: string,
  payment: { householdId: string; receiptNumber: number | null; period?: string },
  cents: number,
  kind: CreditEntryKind,
  actor: { staffId: string; name: string },
): WriteOp[] {
  const at = new Date().toISOString();
  return [
    {
      update: billingKeys.credit(propertyId, payment.householdId),
      set: { recordType: 'credit', propertyId, householdId: payment.householdId },
      add: { balanceCents: cents },
      ...(cents < 0 ? { condition: '#balanceCents >= :out', values: { ':out': -cents } } : {}),
      onFail: conflict(
        'credit_spent',
        'The household’s credit has been spent since; it cannot be taken back',
      ),
    },
    {
      put: creditEntryItem(propertyId, {
        id: newId(),
        householdId: payment.householdId,
        at,
        kind,
        cents,
        receiptNumber: payment.receiptNumber,
        ...(payment.period ? { period: payment.period } : {}),
        by: actor.staffId,
        byName: actor.name,
      }),
    },
  ];
}
