/**
 * For the bill run: the late-fee line (滞纳金) to put on a household's next request for an overdue
 * one, or none — late fees off, nothing accrued yet, or waived by approval. Call it as the property's
 * system; it reads the property, its settings and the request's collection task (three gets).
 */
import type { Property } from '../../directory/records.ts';
import { newId } from '../../shared/ids.ts';
import { propertyStore } from '../../shared/store.ts';
import { billingKeys, keys } from '../../shared/table.ts';
import { yuan } from '../money.ts';
import type { PaymentRequest, RequestLine } from '../records.ts';
import { lateFeeOf, overduePrincipal } from './late-fees.ts';
import type { CollectionTask } from './records.ts';
import { settingsOf } from './settings.ts';

/** `asOf` is the property-local day the fee is computed to (the new request's period start, say). */
export async function lateFeeLine(request: PaymentRequest, asOf: string): Promise<RequestLine | undefined> {
  const store = propertyStore(request.propertyId);
  const property = await store.get<Property>(keys.property(request.propertyId));
  if (!property) return undefined;
  const { lateFee } = await settingsOf(store, property);
  if (!lateFee.enabled) return undefined;
  const task = await store.get<CollectionTask>(
    billingKeys.collectionTask(request.propertyId, request.period, request.householdId),
  );
  if (task?.lateFeeWaiver?.approvedAt) return undefined;
  const principal = Math.min(request.balanceCents, overduePrincipal(request.lines));
  const fee = lateFeeOf(lateFee, principal, request.dueDate, asOf);
  if (!fee.cents) return undefined;
  return {
    id: newId(),
    kind: 'late_fee',
    item: 'other',
    name: `滞纳金（${request.period}）`,
    basisText: `${yuan(fee.principalCents)} × 万分之${lateFee.dailyRatePerTenThousand}/日 × ${fee.days} 天${fee.capped ? `，以 ${lateFee.capPercent}% 封顶` : ''}（${lateFee.clause}）`,
    periodFrom: request.dueDate,
    periodTo: asOf,
    amountCents: fee.cents,
    paidCents: 0,
  };
}
