/**
 * Households for bill-run tests and the `billing` bench: `count` units with one household each,
 * copies of the world's unit and household under new ids and rooms, written straight into the table
 * (BatchWriteItem) with the directory's own item builders.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { householdItem, unitItem } from '../../functions/directory/items.ts';
import type { Household, Unit } from '../../functions/directory/records.ts';
import { ddb } from '../../functions/shared/db.ts';
import { newId } from '../../functions/shared/ids.ts';
import { type Item, toRecord } from '../../functions/shared/store.ts';
import { tableName } from '../../functions/shared/table.ts';

export async function writeItems(items: Item[], concurrency = 4): Promise<void> {
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let request: Record<string, unknown[]> = {
        [tableName()]: batch.map((Item) => ({ PutRequest: { Item } })),
      };
      while (Object.keys(request).length) {
        const out = await ddb().send(new BatchWriteCommand({ RequestItems: request as never }));
        request = (out.UnprocessedItems ?? {}) as typeof request;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export async function loadHouseholds(
  model: { unit: Unit; household: Household },
  count: number,
  options: { vacantEvery?: number } = {},
): Promise<{ units: Unit[]; households: Household[] }> {
  const unitShape = toRecord<Unit>(model.unit as unknown as Record<string, unknown>);
  const householdShape = toRecord<Household>(model.household as unknown as Record<string, unknown>);
  const units: Unit[] = [];
  const households: Household[] = [];
  for (let i = 0; i < count; i++) {
    const floor = 1 + (i % 30);
    const room = `${String(floor).padStart(2, '0')}${String(100 + Math.floor(i / 30)).slice(-3)}`;
    const unit: Unit = {
      ...unitShape,
      id: newId(),
      room,
      floor,
      roomCode: `${unitShape.buildingCode}-${room}`,
      // 60.00 – 149.99 m²: areas that do not round evenly.
      areaSqmX100: 6000 + ((i * 7919) % 9000),
      occupancy: 'occupied',
      activeHouseholds: 1,
    };
    const vacant = options.vacantEvery !== undefined && i % options.vacantEvery === 0;
    const household: Household = {
      ...householdShape,
      id: newId(),
      unitId: unit.id,
      roomCode: unit.roomCode,
      name: `住户${i}`,
      phone: '13800000000',
      moveInDate: vacant ? null : '2024-01-01',
    };
    units.push(unit);
    households.push(household);
  }
  await writeItems([...units.map(unitItem), ...households.map(householdItem)]);
  return { units, households };
}
