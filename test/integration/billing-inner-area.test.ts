import { beforeAll, describe, expect, it } from 'vitest';
import type { PaymentRequest } from '../../functions/billing/records.ts';
import type { BillRun } from '../../functions/billing/run/records.ts';
import { billPeriod } from '../../functions/billing/run/run.ts';
import { createFeeStandard } from '../../functions/billing/standards/service.ts';
import { createHousehold } from '../../functions/directory/households.ts';
import { createUnit, updateUnit } from '../../functions/directory/units.ts';
import { asSystemOf } from '../../functions/shared/actor.ts';
import { propertyStore } from '../../functions/shared/store.ts';
import { billingKeys } from '../../functions/shared/table.ts';
import { asSystem } from '../support/api.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

/** A fee standard per m² of inner area (套内面积) bills the unit's inner area, or says it is missing. */
let w: PropertyWorld;
let run: BillRun;
let withInner: PaymentRequest | undefined;
let without: PaymentRequest | undefined;
const period = '2026-12';

beforeAll(async () => {
  w = await makeProperty('IA');
  const pid = w.property.id;
  const other = await asSystem(async () => {
    await updateUnit({
      propertyId: pid,
      unitId: w.unit.id,
      changes: { version: w.unit.version, innerAreaSqmX100: 7520 },
    });
    await createFeeStandard({
      propertyId: pid,
      standard: {
        item: 'other',
        name: '电梯运行费',
        effectiveFrom: period,
        rate: { amount: 150, scale: 0 },
        basis: 'inner_area',
      },
    });
    const unit = await createUnit({
      propertyId: pid,
      unit: {
        buildingId: w.unit.buildingId,
        room: '1601',
        floor: 16,
        areaSqmX100: 9000,
        type: 'residential',
      },
    });
    return createHousehold({
      propertyId: pid,
      household: {
        unitId: unit.id,
        kind: 'owner',
        name: '周婷',
        phone: '13912340000',
        moveInDate: '2024-01-01',
      },
    });
  });
  run = await asSystemOf(pid, () =>
    billPeriod(propertyStore(pid), w.property, period, { by: '测试', deadline: Date.now() + 60_000 }),
  );
  const requestOf = (householdId: string) =>
    asSystem(() =>
      propertyStore(pid).get<PaymentRequest>(billingKeys.paymentRequest(pid, period, householdId), {
        consistent: true,
      }),
    );
  [withInner, without] = await Promise.all([requestOf(w.household.id), requestOf(other.id)]);
});

describe('fees per m² of inner area', () => {
  it('finance: a unit with its inner area pays the rate on it, and the line says so', () => {
    const line = withInner?.lines.find((l) => l.name === '电梯运行费');
    // 75.20 m² × ¥1.50 = ¥112.80
    expect(line).toMatchObject({ amountCents: 11_280, basisText: '套内 75.20 m² × ¥1.50/m²' });
  });

  it('finance: a unit without an inner area gets no such line, and the run lists it as a problem instead of billing 0', () => {
    expect(without).toBeDefined();
    expect(without!.lines.some((l) => l.name === '电梯运行费')).toBe(false);
    expect(run.problems).toContain('3-1601 电梯运行费：未登记套内面积');
  });
});
