/**
 * A payment request put as the bill run puts one (same item builder, figures and month check), for
 * tests of what comes after a request: payments, collection, close and reports.
 */
import { collectForProperty } from '../../functions/billing/collection/open-tasks.ts';
import { householdLinkToken } from '../../functions/billing/delivery/link.ts';
import { monthFiguresOp, monthOpenCheck, paymentRequestItem } from '../../functions/billing/items.ts';
import type { PaymentRequest, RequestLine } from '../../functions/billing/records.ts';
import { asSystemOf } from '../../functions/shared/actor.ts';
import { newId } from '../../functions/shared/ids.ts';
import { propertyStore } from '../../functions/shared/store.ts';
import { asSystem } from './api.ts';
import type { PropertyWorld } from './world.ts';

export async function issueTestRequest(
  w: Pick<PropertyWorld, 'property' | 'unit' | 'household'>,
  period: string,
  lines: (Pick<RequestLine, 'name' | 'amountCents'> & Partial<RequestLine>)[],
  dueDate = `${period}-20`,
  /** What else the run would have said, e.g. the prior arrears it showed. */
  more: Pick<Partial<PaymentRequest>, 'priorArrears'> = {},
): Promise<PaymentRequest> {
  const full: RequestLine[] = lines.map((line) => ({
    id: newId(),
    kind: 'fee',
    item: 'management',
    basisText: '',
    periodFrom: `${period}-01`,
    periodTo: `${period}-28`,
    paidCents: 0,
    ...line,
  }));
  const totalCents = full.reduce((sum, line) => sum + line.amountCents, 0);
  const request: PaymentRequest = {
    id: newId(),
    propertyId: w.property.id,
    period,
    householdId: w.household.id,
    householdName: w.household.name,
    unitId: w.unit.id,
    buildingId: w.unit.buildingId,
    roomCode: w.unit.roomCode,
    lines: full,
    totalCents,
    creditAppliedCents: 0,
    paidCents: 0,
    balanceCents: totalCents,
    state: 'issued',
    issuedAt: new Date().toISOString(),
    dueDate,
    runId: `test-${period}`,
    version: 1,
    ...more,
  };
  await asSystem(() =>
    propertyStore(w.property.id).apply(
      [
        { put: paymentRequestItem(request), condition: 'attribute_not_exists(#pk)' },
        monthOpenCheck(w.property.id, period),
        monthFiguresOp(w.property.id, period, { receivableCents: totalCents, householdsBilled: 1 }),
      ],
      { action: 'paymentRequest.issue', entity: 'paymentRequest', entityId: request.id, after: { period } },
    ),
  );
  return request;
}

/** Household links of the fixtures below, by property: `pathIds` gives them as `{token}`. */
export const householdLinks = new Map<string, string>();

/**
 * What the billing GET routes read, for the OpenAPI contract test: the world's request of 2026-11
 * (`pathIds`' month), its collection task (opened after the due day, as the job does) and its link.
 */
export async function billingFixtures(w: PropertyWorld): Promise<void> {
  const request = await issueTestRequest(w, '2026-11', [{ name: '物业管理费', amountCents: 21_033 }]);
  const pid = w.property.id;
  await asSystemOf(pid, () => collectForProperty(pid, new Date('2026-11-25T04:00:00.000Z')));
  householdLinks.set(pid, householdLinkToken(request));
}
