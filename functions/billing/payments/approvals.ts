/**
 * Voids and refunds (作废、退款): asked for by whoever takes payments, with a reason; done only when a
 * second finance person (payment.approve, not the one who asked) approves. A void or refund of a
 * payment keeps its receipt number and reverses its allocation — the requests' balances, the month
 * figures and any credit it left — in one transaction; a refund of credit takes it out of the balance.
 */
import * as z from 'zod/mini';
import type { Household, Unit } from '../../directory/records.ts';
import { useActor } from '../../shared/actor.ts';
import { AppError, conflict, notFound, unprocessable } from '../../shared/errors.ts';
import { fn } from '../../shared/fn.ts';
import { newId } from '../../shared/ids.ts';
import { propertyStore, type Store, type WriteOp } from '../../shared/store.ts';
import { billingIndexKeys, billingKeys, keys } from '../../shared/table.ts';
import { id } from '../../tickets/schemas.ts';
import { monthFiguresOp, monthOpenCheck } from '../items.ts';
import type { PaymentRequest } from '../records.ts';
import { applyTo } from './allocate.ts';
import { approvalItem, paymentItem } from './items.ts';
import { receiptOf } from './receipts.ts';
import type { Credit, Payment, PaymentApproval } from './records.ts';
import { requestOf } from './requests.ts';
import { retryLostRace } from './retry.ts';
import {
  creditRefundBody,
  decisionBody,
  realReceiptNumber,
  reasonBody,
  receiptParams,
  refundPaymentBody,
} from './schemas.ts';
import { creditOps, requestWriteOps } from './take.ts';

const overVersion = (version: number, what: string) => ({
  condition: '#version = :v',
  values: { ':v': version },
  onFail: conflict('record_changed', `The ${what} changed meanwhile`),
});

const periodsOf = (payment: Payment) => [...new Set(payment.allocations.map((a) => a.period))];

function newApproval(
  fields: Pick<
    PaymentApproval,
    'propertyId' | 'kind' | 'receiptNumber' | 'householdId' | 'householdName' | 'roomCode' | 'amountCents'
  > & { channel: PaymentApproval['channel']; reason: string },
): PaymentApproval {
  const actor = useActor();
  return {
    id: newId(),
    ...fields,
    requestedBy: actor.staffId,
    requestedByName: actor.name,
    requestedAt: new Date().toISOString(),
    state: 'pending',
    decidedBy: null,
    decidedByName: null,
    decidedAt: null,
    decisionNote: null,
    version: 1,
  };
}

/** Asks to void or refund a payment: the payment carries the pending ask, so there is one at a time. */
async function askReversal(
  propertyId: string,
  receiptNumber: string,
  kind: 'void' | 'refund_payment',
  reason: string,
  channel: PaymentApproval['channel'],
) {
  const store = propertyStore(propertyId);
  const payment = await receiptOf(store, propertyId, realReceiptNumber(receiptNumber));
  if (payment.state !== 'valid')
    throw conflict('already_reversed', `Receipt ${payment.receiptNumber} is already ${payment.state}`);
  if (payment.pendingApprovalId)
    throw conflict(
      'approval_pending',
      `A void or refund of receipt ${payment.receiptNumber} is waiting for approval`,
    );
  const approval = newApproval({
    propertyId,
    kind,
    receiptNumber: payment.receiptNumber,
    householdId: payment.householdId,
    householdName: payment.householdName,
    roomCode: payment.roomCode,
    amountCents: payment.amountCents,
    channel,
    reason,
  });
  await store.apply(
    [
      { put: approvalItem(approval), condition: 'attribute_not_exists(#pk)' },
      {
        put: paymentItem({
          ...payment,
          pendingApprovalId: approval.id,
          approvalIds: [...payment.approvalIds, approval.id],
          version: payment.version + 1,
        }),
        ...overVersion(payment.version, 'receipt'),
      },
      // Refused now rather than at the approval: a closed month's payment is corrected by an adjustment.
      ...periodsOf(payment).map((m) => monthOpenCheck(propertyId, m)),
    ],
    {
      action: kind === 'void' ? 'payment.voidAsked' : 'payment.refundAsked',
      entity: 'payment',
      entityId: String(payment.receiptNumber),
      after: { approvalId: approval.id, reason },
    },
  );
  return approval;
}

export const askVoid = fn(
  z.object({ ...receiptParams.shape, body: reasonBody }),
  ({ propertyId, receiptNumber, body }) => askReversal(propertyId, receiptNumber, 'void', body.reason, null),
);

export const askPaymentRefund = fn(
  z.object({ ...receiptParams.shape, body: refundPaymentBody }),
  ({ propertyId, receiptNumber, body }) =>
    askReversal(propertyId, receiptNumber, 'refund_payment', body.reason, body.channel),
);

export const askCreditRefund = fn(
  z.object({ propertyId: id, householdId: id, body: creditRefundBody }),
  async ({ propertyId, householdId, body }) => {
    const store = propertyStore(propertyId);
    const household = await store.mustGet<Household>(keys.household(propertyId, householdId), 'Household');
    const unit = await store.mustGet<Unit>(keys.unit(propertyId, household.unitId), 'Unit');
    const credit = await store.get<Credit>(billingKeys.credit(propertyId, householdId), { consistent: true });
    if ((credit?.balanceCents ?? 0) < body.amountCents)
      throw unprocessable('more_than_credit', 'The refund is more than the household’s credit', {
        balanceCents: credit?.balanceCents ?? 0,
      });
    const approval = newApproval({
      propertyId,
      kind: 'refund_credit',
      receiptNumber: null,
      householdId,
      householdName: household.name,
      roomCode: unit.roomCode,
      amountCents: body.amountCents,
      channel: body.channel,
      reason: body.reason,
    });
    await store.apply([{ put: approvalItem(approval), condition: 'attribute_not_exists(#pk)' }], {
      action: 'credit.refundAsked',
      entity: 'credit',
      entityId: householdId,
      after: { approvalId: approval.id, amountCents: body.amountCents, reason: body.reason },
    });
    return approval;
  },
);

export const listPendingApprovals = fn(z.object({ propertyId: id }), async ({ propertyId }) => {
  const store = propertyStore(propertyId);
  await store.mustGet(keys.property(propertyId), 'Property');
  const items: PaymentApproval[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<PaymentApproval>({
      index: 'listing',
      partition: billingIndexKeys.pendingApprovals(propertyId, '', '').listingPk,
      cursor,
      limit: 100,
    });
    items.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return { items };
});

/** The payment's allocation taken back: each request over the version read, its month open. */
async function reversalOps(store: Store, propertyId: string, payment: Payment, kind: 'void' | 'refund') {
  const ops: WriteOp[] = [];
  for (const period of periodsOf(payment)) {
    const request = await requestOf(store, propertyId, period, payment.householdId);
    if (!request) throw notFound(`Payment request ${period}`);
    const { next, receivedCents, householdsPaid } = applyTo(
      request as PaymentRequest,
      payment.allocations,
      -1,
    );
    ops.push(
      ...requestWriteOps(propertyId, request, next),
      monthFiguresOp(propertyId, period, { receivedCents, householdsPaid }),
    );
  }
  if (payment.creditCents > 0)
    ops.push(...creditOps(propertyId, payment, -payment.creditCents, kind, useActor()));
  return ops;
}

export const decideApproval = fn(
  z.object({ propertyId: id, approvalId: id, body: decisionBody }),
  ({ propertyId, approvalId, body }) => {
    const store = propertyStore(propertyId);
    const actor = useActor();
    return retryLostRace(async (): Promise<PaymentApproval> => {
      const approval = await store.get<PaymentApproval>(billingKeys.paymentApproval(propertyId, approvalId), {
        consistent: true,
      });
      if (!approval) throw notFound('Approval');
      if (approval.state !== 'pending')
        throw conflict('already_decided', `This was already ${approval.state}`);
      if (approval.requestedBy === actor.staffId)
        throw new AppError(
          403,
          'second_person_required',
          'A second finance person must decide what you asked for',
        );
      const decided: PaymentApproval = {
        ...approval,
        state: body.approve ? 'approved' : 'rejected',
        decidedBy: actor.staffId,
        decidedByName: actor.name,
        decidedAt: new Date().toISOString(),
        decisionNote: body.note || null,
        version: approval.version + 1,
      };
      const ops: WriteOp[] = [{ put: approvalItem(decided), ...overVersion(approval.version, 'approval') }];
      if (approval.kind === 'refund_credit') {
        if (body.approve)
          ops.push(
            ...creditOps(
              propertyId,
              { householdId: approval.householdId, receiptNumber: null },
              -approval.amountCents,
              'refund',
              actor,
            ),
          );
      } else {
        const payment = await receiptOf(store, propertyId, approval.receiptNumber!);
        const kind = approval.kind === 'void' ? 'void' : 'refund';
        if (body.approve) ops.push(...(await reversalOps(store, propertyId, payment, kind)));
        ops.push({
          put: paymentItem({
            ...payment,
            pendingApprovalId: null,
            ...(body.approve && {
              state: kind === 'void' ? 'voided' : 'refunded',
              reversal: {
                kind,
                reason: approval.reason,
                requestedBy: approval.requestedBy,
                requestedByName: approval.requestedByName,
                approvedBy: actor.staffId,
                approvedByName: actor.name,
                at: decided.decidedAt!,
                channel: approval.channel,
              },
            }),
            version: payment.version + 1,
          }),
          ...overVersion(payment.version, 'receipt'),
        });
      }
      await store.apply(ops, {
        action: body.approve ? 'payment.approvalGranted' : 'payment.approvalRefused',
        entity: 'paymentApproval',
        entityId: approval.id,
        after: { kind: approval.kind, receiptNumber: approval.receiptNumber, note: body.note },
      });
      return decided;
    });
  },
);
