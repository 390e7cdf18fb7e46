/**
 * Adjustments (调整): the only way to correct a closed month. Entered in an open month (never a
 * future one), linked to the request or payment it corrects, counted in that month's figures in the
 * same transaction (`adjustedCents`), audited; never edited or removed — a wrong adjustment is
 * corrected by another one.
 */
import * as z from 'zod/mini';
import { exampleIds } from '../../directory/schemas.ts';
import { useActor } from '../../shared/actor.ts';
import { notFound, unprocessable } from '../../shared/errors.ts';
import { fn } from '../../shared/fn.ts';
import { newId } from '../../shared/ids.ts';
import { components } from '../../shared/openapi.ts';
import { propertyStore } from '../../shared/store.ts';
import { billingKeys, billingSkPrefix, keys } from '../../shared/table.ts';
import { id } from '../../tickets/schemas.ts';
import { monthFiguresOp, monthOpenCheck } from '../items.ts';
import type { PaymentRequest } from '../records.ts';
import { adjustmentItem } from './items.ts';
import { localMonth, month, monthParam, realMonth } from './months.ts';
import type { Adjustment, Corrected } from './records.ts';
import { propertyOf } from './service.ts';

/** ¥10,000,000: beyond any one correction of a household's fees. */
const maxCents = 1_000_000_000;

export const adjustmentBody = z
  .strictObject({
    /** The open month it is entered in (counted there). */
    month,
    corrects: z.union([
      z.strictObject({ kind: z.literal('request'), period: month, householdId: id }),
      z.strictObject({
        kind: z.literal('payment'),
        receiptNumber: z.int().check(z.gte(1), z.lte(99_999_999)),
      }),
    ]),
    amountCents: z.int().check(
      z.gte(-maxCents),
      z.lte(maxCents),
      z.refine((v) => v !== 0, { message: 'An adjustment moves at least one fen' }),
    ),
    reason: z.string().check(z.trim(), z.minLength(2), z.maxLength(500)),
  })
  .register(components, {
    id: 'AdjustmentCreate',
    example: {
      month: '2026-11',
      corrects: { kind: 'request', period: '2026-10', householdId: exampleIds.household },
      amountCents: 1250,
      reason: '10月物业费面积录入有误（89.50 m² 录为 94.50 m²），多收部分冲减',
    },
  });

/** The payment fields an adjustment links to (the payment record is the payments part's). */
interface LinkedPayment {
  id: string;
  householdId: string;
  allocations?: { period: string }[];
  period?: string;
}

async function linkOf(
  store: ReturnType<typeof propertyStore>,
  propertyId: string,
  corrects: z.output<typeof adjustmentBody>['corrects'],
): Promise<Corrected> {
  if (corrects.kind === 'request') {
    const request = await store.mustGet<PaymentRequest>(
      billingKeys.paymentRequest(propertyId, corrects.period, corrects.householdId),
      'Payment request',
    );
    return {
      kind: 'request',
      period: request.period,
      householdId: request.householdId,
      requestId: request.id,
    };
  }
  const payment = await store.get<LinkedPayment>(billingKeys.payment(propertyId, corrects.receiptNumber));
  if (!payment) throw notFound('Payment');
  const period = payment.allocations?.[0]?.period ?? payment.period;
  if (!period) throw unprocessable('payment_without_period', 'The payment names no billing month');
  return {
    kind: 'payment',
    period,
    householdId: payment.householdId,
    receiptNumber: corrects.receiptNumber,
    paymentId: payment.id,
  };
}

export const enterAdjustment = fn(
  z.object({ propertyId: id, body: adjustmentBody }),
  async ({ propertyId, body }): Promise<Adjustment> => {
    const store = propertyStore(propertyId);
    const property = await propertyOf(store, propertyId);
    if (body.month > localMonth(new Date(), property.timeZone))
      throw unprocessable('future_month', `${body.month} has not begun: enter the adjustment in this month`);
    const corrects = await linkOf(store, propertyId, body.corrects);
    if (corrects.period > body.month)
      throw unprocessable(
        'corrects_later_month',
        'An adjustment is entered in the month it corrects or later',
        {
          month: body.month,
          corrects: corrects.period,
        },
      );
    const household = await store.mustGet<{ name: string; unitId: string }>(
      keys.household(propertyId, corrects.householdId),
      'Household',
    );
    const unit = await store.mustGet<{ buildingId: string; roomCode: string }>(
      keys.unit(propertyId, household.unitId),
      'Unit',
    );
    const actor = useActor();
    const adjustment: Adjustment = {
      id: newId(),
      propertyId,
      month: body.month,
      corrects,
      householdId: corrects.householdId,
      householdName: household.name,
      buildingId: unit.buildingId,
      roomCode: unit.roomCode,
      amountCents: body.amountCents,
      reason: body.reason,
      enteredBy: actor.staffId,
      enteredByName: actor.name,
      enteredAt: new Date().toISOString(),
    };
    await store.apply(
      [
        { put: adjustmentItem(adjustment), condition: 'attribute_not_exists(#pk)' },
        monthOpenCheck(propertyId, body.month),
        monthFiguresOp(propertyId, body.month, { adjustedCents: body.amountCents }),
      ],
      {
        action: 'billing.adjust',
        entity: 'billingAdjustment',
        entityId: adjustment.id,
        after: {
          month: adjustment.month,
          corrects,
          amountCents: adjustment.amountCents,
          reason: adjustment.reason,
        },
      },
    );
    return adjustment;
  },
);

export const adjustmentQuery = z.strictObject({ cursor: z.optional(z.string().check(z.maxLength(2048))) });

export const listAdjustments = fn(
  z.object({ propertyId: id, month: monthParam, query: adjustmentQuery }),
  async ({ propertyId, month: m, query }) => {
    const store = propertyStore(propertyId);
    await propertyOf(store, propertyId);
    const month = realMonth(m);
    return store.query<Adjustment>({
      partition: keys.property(propertyId).pk,
      beginsWith: billingSkPrefix.adjustmentsOfMonth(month),
      cursor: query.cursor,
      limit: 100,
    });
  },
);
