import type * as z from 'zod/mini';
import { addMonths, localMonth } from '../../functions/billing/close/months.ts';
import { enterMeterReading } from '../../functions/billing/standards/meters.ts';
import type { feeStandardCreate } from '../../functions/billing/standards/schemas.ts';
import { createFeeStandard } from '../../functions/billing/standards/service.ts';
import type { Property } from '../../functions/directory/records.ts';

type FeeStandardCreate = z.input<typeof feeStandardCreate>;

/** The month the demo's fee standards take effect: early enough for finance to bill any month since. */
export const demoBillingFrom = '2026-01';

/** The common water meter whose consumption every household shares by area (公共区域用水分摊). */
const commonWaterMeter = 'GW-1';

/** 物业管理费 per m² by property (the demo's rates differ, one with a fraction of a fen per m²). */
const managementRates: Record<string, FeeStandardCreate['rate']> = {
  SHJA: { amount: 235, scale: 0 },
  SHPD: { amount: 280, scale: 0 },
  HZXH: { amount: 1955, scale: 1 },
};

/**
 * The fee standards (收费标准) of a demo property, through the billing service as finance would enter
 * them, so a bill run of any month from `demoBillingFrom` has something to bill. The demo directory
 * has residential units only, so there is no parking standard; unit meters would need a reading per
 * household and month, so water is a common meter shared by area, read once a month.
 */
function standardsOf(property: Property): FeeStandardCreate[] {
  const from = { effectiveFrom: demoBillingFrom, unitTypes: ['residential' as const] };
  return [
    {
      item: 'management',
      name: '物业管理费（住宅）',
      basis: 'area',
      rate: managementRates[property.code] ?? { amount: 235, scale: 0 },
      // Shanghai's rule for a unit handed over but not moved into: 70% of the fee.
      vacantPercent: 70,
      note: '物业服务合同第五条',
      ...from,
    },
    {
      item: 'equipment',
      name: '房屋设备运行费',
      basis: 'area',
      rate: { amount: 45, scale: 0 },
      vacantPercent: 100,
      note: '电梯、二次供水设备运行',
      ...from,
    },
    {
      item: 'other',
      name: '生活垃圾清运费',
      basis: 'fixed',
      rate: { amount: 800, scale: 0 },
      vacantPercent: 0,
      ...from,
    },
    {
      item: 'water',
      name: '公共区域用水分摊',
      basis: 'shared_by_area',
      meter: commonWaterMeter,
      rate: { amount: 345, scale: 0 },
      vacantPercent: 100,
      ...from,
    },
  ];
}

/** Fee standards, and the common meter read every month from the first one up to the current one. */
export async function seedBilling(property: Property, now = new Date()): Promise<void> {
  for (const standard of standardsOf(property))
    await createFeeStandard({ propertyId: property.id, standard });
  const last = localMonth(now, property.timeZone);
  let reading = 10_000;
  for (let month = demoBillingFrom, i = 0; month <= last; month = addMonths(month, 1), i++) {
    const previousReading = month === demoBillingFrom ? reading : undefined;
    // A plausible month of common-area water: 240–320 m³, the same in every fresh demo.
    reading += 240 + ((i * 37) % 81);
    await enterMeterReading({
      propertyId: property.id,
      reading: { meter: commonWaterMeter, month, reading, ...(previousReading ? { previousReading } : {}) },
    });
  }
}
