import type { JobPayload, JobResult } from '../jobs/index.ts';
import { logger } from '../shared/log.ts';
import { forEachProperty, propertyStore, updateFrom } from '../shared/store.ts';
import { indexKeys, keys, skPrefix } from '../shared/table.ts';
import { unitItem } from './items.ts';
import { emptyStats } from './properties.ts';
import type { PropertyStats, Unit } from './records.ts';

async function countAll<T>(
  page: (cursor?: string) => Promise<{ items: T[]; cursor: string | null }>,
  each: (item: T) => void,
) {
  let cursor: string | undefined;
  do {
    const result = await page(cursor);
    result.items.forEach(each);
    cursor = result.cursor ?? undefined;
  } while (cursor);
}

/**
 * The figures are kept on write; this nightly job proves them. It recounts one property from its own
 * partition (Query, never Scan) and writes only when a figure drifted, so a re-run changes nothing.
 */
export async function recountProperty(propertyId: string): Promise<{ read: number; changed: boolean }> {
  const store = propertyStore(propertyId);
  const counted: PropertyStats = { ...emptyStats };
  let read = 0;
  await countAll(
    (cursor) =>
      store.query({
        partition: keys.property(propertyId).pk,
        beginsWith: skPrefix.building,
        cursor,
        limit: 100,
      }),
    () => {
      counted.buildings += 1;
      read += 1;
    },
  );
  await countAll(
    (cursor) =>
      store.query<Unit>({
        index: 'lookup',
        partition: indexKeys.unitByRoom(propertyId, '').lookupPk,
        cursor,
        limit: 100,
      }),
    (unit) => {
      counted.units += 1;
      counted.households += unit.activeHouseholds ?? 0;
      if ((unit.activeHouseholds ?? 0) > 0) counted.occupiedUnits += 1;
      read += 1;
    },
  );
  const stored = { ...emptyStats, ...(await store.get<PropertyStats>(keys.propertyStats(propertyId))) };
  const drifted = (Object.keys(emptyStats) as (keyof PropertyStats)[]).filter(
    (k) => stored[k] !== counted[k],
  );
  if (!drifted.length) return { read, changed: false };
  logger.warn('property figures drifted', { propertyId, stored, counted });
  await store.apply([{ update: keys.propertyStats(propertyId), set: { ...counted, propertyId } }], {
    action: 'stats.recount',
    entity: 'stats',
    entityId: propertyId,
    before: Object.fromEntries(drifted.map((k) => [k, stored[k]])),
    after: Object.fromEntries(drifted.map((k) => [k, counted[k]])),
  });
  return { read, changed: true };
}

/**
 * Units written before rooms sorted naturally carry the old listing key (`<floor>#1502`, where 201
 * sorted after 1502): still found by every query, only out of order. Once per property the job writes
 * each unit's listing keys as the builder computes them now (one transaction per 98 units, each with
 * its audit entry), then leaves a marker so a re-run writes nothing.
 */
const naturalOrderMarker = (propertyId: string) =>
  keys.propertyUnique(propertyId, 'migration', 'unit-listing-natural-order');

export async function rekeyUnitListings(propertyId: string): Promise<number> {
  const store = propertyStore(propertyId);
  if (await store.get(naturalOrderMarker(propertyId))) return 0;
  const units: Unit[] = [];
  await countAll(
    (cursor) =>
      store.query<Unit>({
        index: 'lookup',
        partition: indexKeys.unitByRoom(propertyId, '').lookupPk,
        cursor,
        limit: 100,
      }),
    (unit) => {
      units.push(unit);
    },
  );
  for (let i = 0; i < units.length; i += 98) {
    const chunk = units.slice(i, i + 98);
    await store.apply(
      chunk.map((u) => ({ ...updateFrom(unitItem(u), []), condition: 'attribute_exists(#pk)' })),
      {
        action: 'unit.rekey',
        entity: 'unit',
        entityId: propertyId,
        before: null,
        after: { units: chunk.length },
      },
    );
  }
  await store.apply(
    [{ put: { ...naturalOrderMarker(propertyId), recordType: 'unique', units: units.length } }],
    {
      action: 'unit.rekey',
      entity: 'property',
      entityId: propertyId,
      before: null,
      after: { units: units.length, done: true },
    },
  );
  return units.length;
}

/** The nightly job: each property recounted as that property's system. */
export async function recountAllProperties(_payload: JobPayload): Promise<JobResult> {
  await forEachProperty(rekeyUnitListings);
  const counts = await forEachProperty(recountProperty);
  return {
    read: counts.reduce((n, c) => n + c.read, 0),
    changed: counts.filter((c) => c.changed).length,
  };
}
