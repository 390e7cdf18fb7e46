/**
 * A STAND-IN for the payments part (bill-pay), for the tests of what is built on payments (close,
 * reports, reconcile) until payments land: it moves a request's paid amount the way a payment or its
 * void does — through the real item builders, the month-open check and the month-figures ADD, in one
 * transaction with its audit entry. No receipt, no allocation record: only the request and figures.
 */
import { monthFiguresOp, monthOpenCheck, paymentRequestItem } from '../../functions/billing/items.ts';
import type { PaymentRequest, RequestLine } from '../../functions/billing/records.ts';
import { conflict } from '../../functions/shared/errors.ts';
import { propertyStore } from '../../functions/shared/store.ts';
import { billingKeys } from '../../functions/shared/table.ts';
import { asSystem } from './api.ts';

/** Pays `cents` (oldest line first) or, negative, takes it back (newest line first), like a void. */
export async function applyTestPaymentDelta(
  propertyId: string,
  period: string,
  householdId: string,
  cents: number,
): Promise<PaymentRequest> {
  return asSystem(async () => {
    const store = propertyStore(propertyId);
    const current = await store.get<PaymentRequest>(
      billingKeys.paymentRequest(propertyId, period, householdId),
      {
        consistent: true,
      },
    );
    if (!current) throw new Error(`no request ${period} ${householdId}`);
    if (cents > current.balanceCents || -cents > current.paidCents)
      throw conflict('out_of_range', 'more than the request allows');
    let left = Math.abs(cents);
    const order = cents > 0 ? current.lines : [...current.lines].reverse();
    const moved = new Map<string, number>();
    for (const line of order) {
      const room = cents > 0 ? line.amountCents - line.paidCents : line.paidCents;
      const take = Math.min(room, left);
      moved.set(line.id, take);
      left -= take;
    }
    const lines: RequestLine[] = current.lines.map((line) => ({
      ...line,
      paidCents: line.paidCents + Math.sign(cents) * (moved.get(line.id) ?? 0),
    }));
    const paidCents = current.paidCents + cents;
    const balanceCents = current.balanceCents - cents;
    const next: PaymentRequest = {
      ...current,
      lines,
      paidCents,
      balanceCents,
      state: balanceCents === 0 ? 'paid' : paidCents > 0 ? 'partially_paid' : 'issued',
      version: current.version + 1,
    };
    const householdsPaid = Number(balanceCents === 0) - Number(current.balanceCents === 0);
    await store.apply(
      [
        {
          put: paymentRequestItem(next),
          condition: '#version = :v',
          values: { ':v': current.version },
        },
        monthOpenCheck(propertyId, period),
        monthFiguresOp(propertyId, period, { receivedCents: cents, householdsPaid }),
      ],
      { action: 'test.paymentDelta', entity: 'paymentRequest', entityId: current.id, after: { cents } },
    );
    return next;
  });
}
