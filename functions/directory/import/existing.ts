import type { Page, QueryInput, Store } from '../../shared/store.ts';
import { indexKeys, keys, skPrefix } from '../../shared/table.ts';
import type { Building, Household, Unit } from '../records.ts';
import { roomCodeOf } from '../units.ts';
import type { ImportRow } from './rows.ts';

/** What the property already holds of what the file describes. */
export interface Existing {
  buildingsByCode: Map<string, Building>;
  unitsByRoom: Map<string, Unit>;
  /** Households of the existing units the file gives a household for (others are not read). */
  householdsByUnit: Map<string, Household[]>;
}

async function everyPage<T>(store: Store, input: Omit<QueryInput, 'cursor' | 'limit'>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page: Page<T> = await store.query<T>({ ...input, limit: 500, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return items;
}

/** Runs `work` over `inputs`, at most `width` at a time: enough to be quick, few enough not to throttle. */
async function inParallel<I, O>(inputs: I[], width: number, work: (input: I) => Promise<O>): Promise<O[]> {
  const out: O[] = new Array(inputs.length);
  let next = 0;
  const lane = async () => {
    while (next < inputs.length) {
      const i = next++;
      out[i] = await work(inputs[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, inputs.length) }, lane));
  return out;
}

/**
 * Queries only, no Scan: the property's buildings from its partition, its units from the room-code
 * index, and the households of the units the file names from each unit's listing.
 */
export async function loadExisting(store: Store, propertyId: string, rows: ImportRow[]): Promise<Existing> {
  const [buildings, units] = await Promise.all([
    everyPage<Building>(store, { partition: keys.property(propertyId).pk, beginsWith: skPrefix.building }),
    everyPage<Unit>(store, { index: 'lookup', partition: indexKeys.unitByRoom(propertyId, '').lookupPk }),
  ]);
  const unitsByRoom = new Map(units.map((u) => [u.roomCode, u]));
  const withHousehold = rows
    .filter((r) => r.household)
    .map((r) => unitsByRoom.get(roomCodeOf(r.building.code, r.unit.room)))
    .filter((u): u is Unit => u !== undefined);
  const households = await inParallel(withHousehold, 16, (unit) =>
    everyPage<Household>(store, {
      index: 'listing',
      partition: indexKeys.householdsOfUnit(propertyId, unit.id, '').listingPk,
    }),
  );
  return {
    buildingsByCode: new Map(buildings.map((b) => [b.code, b])),
    unitsByRoom,
    householdsByUnit: new Map(withHousehold.map((u, i) => [u.id, households[i]!])),
  };
}
