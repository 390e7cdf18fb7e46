/** The stored items of the month close and of adjustments, every key computed from the record. */
import type { Item } from '../../shared/store.ts';
import { billingIndexKeys, billingKeys } from '../../shared/table.ts';
import type { Adjustment, MonthClose } from './records.ts';

export const monthCloseItem = (close: MonthClose): Item => ({
  ...billingKeys.monthClose(close.propertyId, close.month),
  recordType: 'billingMonthClose',
  ...close,
});

/** An adjustment: in its month's list, and in its household's statement. */
export const adjustmentItem = (a: Adjustment): Item => ({
  ...billingKeys.adjustment(a.propertyId, a.month, a.id),
  recordType: 'billingAdjustment',
  ...a,
  ...billingIndexKeys.adjustmentsOfHousehold(a.propertyId, a.householdId, a.month, a.id),
});
