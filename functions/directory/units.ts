import * as z from 'zod/mini';
import { conflict, unprocessable } from '../shared/errors.ts';
import { fn } from '../shared/fn.ts';
import { newId } from '../shared/ids.ts';
import { naturalCompare } from '../shared/natural-sort.ts';
import { withMaskedPhone } from '../shared/personal-data.ts';
import { propertyStore, type WriteOp } from '../shared/store.ts';
import { indexKeys, keys } from '../shared/table.ts';
import { unitItem } from './items.ts';
import { readInProperty } from './properties.ts';
import type { Building, Household, Unit } from './records.ts';
import { id, type UnitCreate, unitCreate, unitQuery, unitUpdate } from './schemas.ts';

/** "3 1502", "3/1502", "3－1502", "３-１５０２" and "3-1502" are the same room to a clerk. */
export function normalizeRoomCode(typed: string): string {
  return typed
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .replace(/[\s/#－—–_]+/g, '-');
}

export const roomCodeOf = (buildingCode: string, room: string) => `${buildingCode}-${room}`.toUpperCase();

export function checkFloor(building: Building, floor: number) {
  if (floor > building.floors)
    throw unprocessable('floor_out_of_range', `Building ${building.code} has ${building.floors} floors`, {
      floor,
      floors: building.floors,
    });
}

/** The item and side records of a new unit; shared by the create route and the importer. */
export function newUnit(
  propertyId: string,
  building: Pick<Building, 'id' | 'code'>,
  input: Omit<UnitCreate, 'buildingId'>,
  importId?: string,
) {
  const unitId = newId();
  const room = input.room.toUpperCase();
  const roomCode = roomCodeOf(building.code, room);
  const item = unitItem({
    id: unitId,
    propertyId,
    buildingId: building.id,
    buildingCode: building.code,
    room,
    roomCode,
    floor: input.floor,
    areaSqmX100: input.areaSqmX100,
    ...(input.innerAreaSqmX100 ? { innerAreaSqmX100: input.innerAreaSqmX100 } : {}),
    type: input.type,
    occupancy: 'vacant',
    activeHouseholds: 0,
    ...(importId ? { importId } : {}),
  });
  const extra: WriteOp[] = [
    {
      put: { ...keys.propertyUnique(propertyId, 'room', roomCode), unitId },
      condition: 'attribute_not_exists(#pk)',
      onFail: conflict('duplicate_room', `Room ${roomCode} already exists`),
    },
    { update: keys.propertyStats(propertyId), add: { units: 1 } },
  ];
  return { item, extra };
}

export const createUnit = fn(z.object({ propertyId: id, unit: unitCreate }), async ({ propertyId, unit }) => {
  const store = propertyStore(propertyId);
  const building = await store.mustGet<Building>(keys.building(propertyId, unit.buildingId), 'Building');
  checkFloor(building, unit.floor);
  const { item, extra } = newUnit(propertyId, building, unit);
  return store.create<Unit>(
    item,
    { action: 'unit.create', entity: 'unit', entityId: item.id as string },
    { extra },
  );
});

export const getUnit = fn(z.object({ propertyId: id, unitId: id }), async ({ propertyId, unitId }) => {
  const store = propertyStore(propertyId);
  const [unit, households] = await Promise.all([
    store.mustGet<Unit>(keys.unit(propertyId, unitId), 'Unit'),
    store.query<Household>({
      index: 'listing',
      partition: indexKeys.householdsOfUnit(propertyId, unitId, '').listingPk,
      limit: 100,
    }),
  ]);
  return { ...unit, households: households.items.map(withMaskedPhone) };
});

/**
 * Three ways in, one per index: by room code prefix (what the front desk types), by building in
 * floor order, or every unit in room-code order.
 */
export const listUnits = fn(z.object({ propertyId: id, query: unitQuery }), ({ propertyId, query }) => {
  const { buildingId, room, cursor, limit } = query;
  return readInProperty(propertyId, async (store) => {
    if (buildingId && !room) {
      return store.query<Unit>({
        index: 'listing',
        partition: indexKeys.unitsOfBuilding(propertyId, buildingId, 0, '').listingPk,
        cursor,
        limit,
      });
    }
    const page = await store.query<Unit>({
      index: 'lookup',
      partition: indexKeys.unitByRoom(propertyId, '').lookupPk,
      ...(room ? { beginsWith: normalizeRoomCode(room) } : {}),
      ...(buildingId && room
        ? { filter: { expression: '#buildingId = :b', values: { ':b': buildingId } } }
        : {}),
      cursor,
      limit,
    });
    // The index holds room codes as typed (exact and prefix look-ups need them so): a page is put in
    // natural order here, 3-201 before 3-1502. Pages follow one another in the index's order.
    return { ...page, items: [...page.items].sort((a, b) => naturalCompare(a.roomCode, b.roomCode)) };
  });
});

export const updateUnit = fn(
  z.object({ propertyId: id, unitId: id, changes: unitUpdate }),
  async ({ propertyId, unitId, changes: { version, ...changes } }) => {
    const store = propertyStore(propertyId);
    const key = keys.unit(propertyId, unitId);
    const current = await store.mustGet<Unit>(key, 'Unit');
    if (changes.floor !== undefined && changes.floor !== current.floor) {
      const building = await store.mustGet<Building>(
        keys.building(propertyId, current.buildingId),
        'Building',
      );
      checkFloor(building, changes.floor);
    }
    return store.update<Unit>(
      key,
      'Unit',
      version,
      changes,
      { action: 'unit.update', entity: 'unit', entityId: unitId },
      { current, item: unitItem },
    );
  },
);
