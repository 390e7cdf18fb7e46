import { ensureTable, localCredentials, startDynamoLocal } from '../infra/local/dynamo.ts';
import type { BenchModule } from './context.ts';
import { round } from './stats.ts';

/**
 * The bill run of one property with 20,000 households, in a DynamoDB Local of its own: write units
 * per household (the transactions' items counted as AWS charges them, `write-units.ts`: DynamoDB
 * Local's ConsumedCapacity counts one item per transaction), and households billed per second against
 * plain BatchWriteItem of the same requests, one call in flight, on the same table in the same run.
 */
const households = 20_000;

const billing: BenchModule = async (ctx) => {
  const dynamo = await startDynamoLocal();
  ctx.onCleanup(dynamo.stop);
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  process.env.AWS_REGION ??= 'local';
  process.env.AWS_ACCESS_KEY_ID = localCredentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = localCredentials.secretAccessKey;
  process.env.TABLE_NAME = 'bench-billing';
  process.env.LOG_LEVEL ??= 'ERROR';
  await ensureTable(dynamo.endpoint, process.env.TABLE_NAME);
  try {
    const { withActor, asSystemOf } = await import('../functions/shared/actor.ts');
    const { companyActor } = await import('../infra/local/company-actor.ts');
    const { createProperty } = await import('../functions/directory/properties.ts');
    const { createBuilding } = await import('../functions/directory/buildings.ts');
    const { createUnit } = await import('../functions/directory/units.ts');
    const { createHousehold } = await import('../functions/directory/households.ts');
    const { createFeeStandard } = await import('../functions/billing/standards/service.ts');
    const { billPeriod } = await import('../functions/billing/run/run.ts');
    const { paymentRequestItem } = await import('../functions/billing/items.ts');
    const { propertyStore } = await import('../functions/shared/store.ts');
    const { countTransactionUnits, itemBytes } = await import('./write-units.ts');
    const { newId } = await import('../functions/shared/ids.ts');
    const { loadHouseholds, writeItems } = await import('../test/support/billing-run.ts');
    const place = await withActor(companyActor, async () => {
      const property = await createProperty({
        code: 'BB',
        name: '计费基准',
        city: '上海',
        address: '测试路 9 号',
        hotline: '021-12345678',
      });
      const building = await createBuilding({
        propertyId: property.id,
        building: { code: '1', name: '1号楼', floors: 30 },
      });
      const unit = await createUnit({
        propertyId: property.id,
        unit: { buildingId: building.id, room: '0001', floor: 1, areaSqmX100: 8950, type: 'residential' },
      });
      const household = await createHousehold({
        propertyId: property.id,
        household: {
          unitId: unit.id,
          kind: 'owner',
          name: '王芳',
          phone: '13812345678',
          moveInDate: '2023-04-01',
        },
      });
      for (const [item, name, amount] of [
        ['management', '物业管理费', 235],
        ['equipment', '房屋设备运行费', 50],
      ] as const)
        await createFeeStandard({
          propertyId: property.id,
          standard: { item, name, effectiveFrom: '2026-12', rate: { amount, scale: 0 }, basis: 'area' },
        });
      await loadHouseholds({ unit, household }, households - 1);
      return { property };
    });
    ctx.log(`billing: ${households} households loaded; billing 2026-12`);
    let runSeconds = 0;
    const { result: run, units } = await countTransactionUnits(async () => {
      const started = performance.now();
      const billed = await asSystemOf(place.property.id, () =>
        billPeriod(propertyStore(place.property.id), place.property, '2026-12', {
          by: 'bench',
          deadline: Date.now() + 3_600_000,
        }),
      );
      runSeconds = (performance.now() - started) / 1000;
      return billed;
    });
    if (run.state !== 'finished' || run.issued !== households)
      throw new Error(`the run issued ${run.issued} of ${households} requests (${run.state})`);
    // The same requests, written again under another period by plain BatchWriteItem, one call in flight.
    const sample = await asSystemOf(place.property.id, () =>
      propertyStore(place.property.id).query<Parameters<typeof paymentRequestItem>[0]>({
        partition: `P#${place.property.id}`,
        beginsWith: 'BILL#2026-12#',
        limit: 100,
      }),
    );
    const copies = Array.from({ length: households }, (_, i) =>
      paymentRequestItem({
        ...sample.items[i % sample.items.length]!,
        period: '2027-12',
        householdId: newId(),
      }),
    );
    const plainStarted = performance.now();
    await writeItems(copies, 1);
    const plainSeconds = (performance.now() - plainStarted) / 1000;
    const billedPerSecond = households / runSeconds;
    const writtenPerSecond = households / plainSeconds;
    return {
      'billing.wru_per_household': round(units / households, 2),
      'billing.request_item_bytes': itemBytes(paymentRequestItem(sample.items[0]!)),
      'billing.rate_vs_batchwrite': round(billedPerSecond / writtenPerSecond, 2),
      'billing.households_per_run': households,
      'billing.households_per_s': round(billedPerSecond, 0),
      'billing.batchwrite_items_per_s': round(writtenPerSecond, 0),
    };
  } finally {
    await dynamo.stop();
  }
};

export default billing;
