/**
 * Properties with many billed households, for the head-office billing report's read cost (bench
 * `billing-reports`): requests put through the same builders as the bill run (issueTestRequest).
 */

import { billingOverview } from '../../functions/billing/reports/reads.ts';
import { createProperty } from '../../functions/directory/properties.ts';
import type { Household, Property, Unit } from '../../functions/directory/records.ts';
import { trackDbUsage } from '../../functions/shared/db.ts';
import { newId } from '../../functions/shared/ids.ts';
import { asSystem } from './api.ts';
import { issueTestRequest } from './billing.ts';

export async function billedProperties(count: number, code: string): Promise<Property[]> {
  const properties: Property[] = [];
  for (let i = 0; i < count; i++)
    properties.push(
      await asSystem(() =>
        createProperty({
          code: `${code}${i}`,
          name: `账单小区${i}`,
          city: '上海',
          address: '测试路 1 号',
          hotline: '021-12345678',
        }),
      ),
    );
  return properties;
}

/** Bills `households` more households of each property for `period`, a few at a time. */
export async function billHouseholds(
  properties: Property[],
  period: string,
  households: number,
): Promise<void> {
  for (const property of properties) {
    const one = async () => {
      const unit = {
        id: newId(),
        buildingId: 'b0001',
        roomCode: String(1000 + Math.floor(Math.random() * 9000)),
      } as Unit;
      const household = { id: newId(), name: '住户' } as Household;
      await issueTestRequest({ property, unit, household }, period, [
        { name: '物业管理费', amountCents: 21_033 },
      ]);
    };
    for (let i = 0; i < households; i += 10)
      await Promise.all(Array.from({ length: Math.min(10, households - i) }, one));
  }
}

/** The items the head-office overview reads for `period` (counted at the DynamoDB client). */
export async function readOfBillingOverview(period: string) {
  const { result, usage } = await asSystem(() => trackDbUsage(() => billingOverview({ month: period })));
  return { itemsRead: usage.itemsRead, billed: result.totals.householdsBilled };
}
