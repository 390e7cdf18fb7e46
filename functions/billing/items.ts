/**
 * The stored item of every billing record, one builder per record type: the primary key and every index
 * key computed from the record's own fields each time it is written (docs/data-model.md, Billing).
 */
import { conflict } from '../shared/errors.ts';
import type { Item, WriteOp } from '../shared/store.ts';
import { billingIndexKeys, billingKeys } from '../shared/table.ts';
import type { FeeStandard, MeterReading, MonthFiguresDelta, PaymentRequest } from './records.ts';

/** A payment request: in its household's statement, and on the unpaid list while a balance is left. */
export function paymentRequestItem(request: PaymentRequest): Item {
  const { propertyId: pid, period, householdId } = request;
  return {
    ...billingKeys.paymentRequest(pid, period, householdId),
    recordType: 'paymentRequest',
    ...request,
    ...billingIndexKeys.requestsOfHousehold(pid, householdId, period),
    ...(request.balanceCents > 0
      ? billingIndexKeys.unpaidRequests(pid, period, request.buildingId, request.roomCode, householdId)
      : {}),
    // Written with the request, so no request is put without its notice coming (delivery/notices.ts).
    ...(request.noticedAt ? {} : billingIndexKeys.noticeDue(pid, period, householdId)),
  };
}

/** ADDs `delta` to a property's figures of a billing month (the period of the request it concerns). */
export function monthFiguresOp(propertyId: string, month: string, delta: MonthFiguresDelta): WriteOp {
  const add = Object.fromEntries(Object.entries(delta).filter(([, v]) => v)) as Record<string, number>;
  return {
    update: billingKeys.monthFigures(propertyId, month),
    set: { recordType: 'billingMonthFigures', propertyId, month },
    add,
  };
}

/**
 * A write that holds only while `month` is open: part of every transaction that changes a month's
 * requests, payments or figures, so a closed month answers 409 and nothing is written.
 */
export function monthOpenCheck(propertyId: string, month: string): WriteOp {
  return {
    check: billingKeys.monthClose(propertyId, month),
    condition: 'attribute_not_exists(#pk)',
    onFail: conflict('month_closed', `${month} is closed: enter an adjustment in an open month instead`),
  };
}

/** A fee standard with every version it has had. */
export const feeStandardItem = (standard: FeeStandard): Item => ({
  ...billingKeys.feeStandard(standard.propertyId, standard.id),
  recordType: 'feeStandard',
  ...standard,
});

/** A meter's reading of a month. */
export const meterReadingItem = (reading: MeterReading): Item => ({
  ...billingKeys.meterReading(reading.propertyId, reading.meterId, reading.period),
  recordType: 'meterReading',
  ...reading,
});
