/**
 * What a household's link shows, with no sign-in: its one request and how much of it is paid, with the
 * personal data masked. The link's signature names the request; a request put again under the same key
 * (another id) is not what the link named, and is not shown.
 */
import type { Property } from '../../directory/records.ts';
import { asSystemOf } from '../../shared/actor.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { propertyStore } from '../../shared/store.ts';
import { billingKeys, keys } from '../../shared/table.ts';
import type { PaymentRequest } from '../records.ts';
import { verifyHouseholdLink } from './link.ts';

/** 王芳 → 王*, 欧阳娜娜 → 欧***: enough for a household to know it is theirs. */
export const maskName = (name: string) => {
  const chars = [...name];
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
};

export async function householdView(token: string, now = new Date()) {
  const checked = verifyHouseholdLink(token, now);
  if (!checked.ok) {
    if (checked.reason === 'expired')
      throw new AppError(403, 'link_expired', 'This link has expired; ask the property office for a new one');
    throw notFound('Payment request');
  }
  const { propertyId, period, householdId, requestId } = checked.claims;
  return asSystemOf(propertyId, async () => {
    const store = propertyStore(propertyId);
    const [property, request] = await Promise.all([
      store.get<Property>(keys.property(propertyId)),
      store.get<PaymentRequest>(billingKeys.paymentRequest(propertyId, period, householdId)),
    ]);
    if (!property || !request || request.id !== requestId) throw notFound('Payment request');
    return {
      property: { name: property.name, hotline: property.hotline, address: property.address },
      request: {
        period: request.period,
        roomCode: request.roomCode,
        householdName: maskName(request.householdName),
        lines: request.lines.map((l) => ({
          name: l.name,
          basisText: l.basisText,
          periodFrom: l.periodFrom,
          periodTo: l.periodTo,
          amountCents: l.amountCents,
          paidCents: l.paidCents,
        })),
        totalCents: request.totalCents,
        creditAppliedCents: request.creditAppliedCents,
        paidCents: request.paidCents,
        balanceCents: request.balanceCents,
        state: request.state,
        dueDate: request.dueDate,
        issuedAt: request.issuedAt,
      },
      linkExpiresAt: new Date(checked.claims.expiresAt * 1000).toISOString(),
    };
  });
}
