/** The payments part's stored items, every key computed from the record (docs/data-model.md, Billing). */
import type { Item } from '../../shared/store.ts';
import { billingIndexKeys, billingKeys } from '../../shared/table.ts';
import type { CreditEntry, Payment, PaymentApproval, Reprint } from './records.ts';

/** A payment: its receipt number is its key (a shift reads its receipts from there); listed by household and by cashier. */
export const paymentItem = (p: Payment): Item => ({
  ...billingKeys.payment(p.propertyId, p.receiptNumber),
  recordType: 'payment',
  ...p,
  ...billingIndexKeys.paymentsOfHousehold(p.propertyId, p.householdId, p.takenAt, p.receiptNumber),
  ...billingIndexKeys.paymentsOfCashier(p.propertyId, p.takenBy, p.takenAt, p.receiptNumber),
});

export const creditEntryItem = (propertyId: string, e: CreditEntry): Item => ({
  ...billingKeys.creditEntry(propertyId, e.householdId, e.at, e.id),
  recordType: 'creditEntry',
  ...e,
});

/** An approval: on the approvals queue while pending. */
export const approvalItem = (a: PaymentApproval): Item => ({
  ...billingKeys.paymentApproval(a.propertyId, a.id),
  recordType: 'paymentApproval',
  ...a,
  ...(a.state === 'pending' ? billingIndexKeys.pendingApprovals(a.propertyId, a.requestedAt, a.id) : {}),
});

export const reprintItem = (propertyId: string, r: Reprint): Item => ({
  ...billingKeys.receiptReprint(propertyId, r.receiptNumber, r.id),
  recordType: 'receiptReprint',
  ...r,
});
