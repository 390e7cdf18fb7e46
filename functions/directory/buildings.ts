import * as z from 'zod/mini';
import { conflict } from '../shared/errors.ts';
import { fn } from '../shared/fn.ts';
import { newId } from '../shared/ids.ts';
import { naturalCompare } from '../shared/natural-sort.ts';
import { propertyStore, type WriteOp } from '../shared/store.ts';
import { keys, skPrefix } from '../shared/table.ts';
import { buildingItem } from './items.ts';
import { readInProperty } from './properties.ts';
import type { Building } from './records.ts';
import { type BuildingCreate, buildingCreate, buildingUpdate, id, pageQuery } from './schemas.ts';

/** The item and side records of a new building; shared by the create route and the importer. */
export function newBuilding(propertyId: string, input: BuildingCreate, importId?: string) {
  const buildingId = newId();
  const code = input.code.toUpperCase();
  const item = buildingItem({
    id: buildingId,
    propertyId,
    ...input,
    code,
    ...(importId ? { importId } : {}),
  });
  const extra: WriteOp[] = [
    {
      put: { ...keys.propertyUnique(propertyId, 'building', code), buildingId },
      condition: 'attribute_not_exists(#pk)',
      onFail: conflict('duplicate_code', `Building ${code} already exists`),
    },
    { update: keys.propertyStats(propertyId), add: { buildings: 1 } },
  ];
  return { item, extra };
}

export const createBuilding = fn(
  z.object({ propertyId: id, building: buildingCreate }),
  async ({ propertyId, building }) => {
    const store = propertyStore(propertyId);
    await store.mustGet(keys.property(propertyId), 'Property');
    const { item, extra } = newBuilding(propertyId, building);
    return store.create<Building>(
      item,
      { action: 'building.create', entity: 'building', entityId: item.id as string },
      { extra },
    );
  },
);

export const getBuilding = fn(z.object({ propertyId: id, buildingId: id }), ({ propertyId, buildingId }) =>
  propertyStore(propertyId).mustGet<Building>(keys.building(propertyId, buildingId), 'Building'),
);

/** A page of buildings in natural order of their codes (2 before 10): a property has a few dozen at most. */
export const listBuildings = fn(z.object({ propertyId: id, page: pageQuery }), ({ propertyId, page }) =>
  readInProperty(propertyId, async (store) => {
    const found = await store.query<Building>({
      partition: keys.property(propertyId).pk,
      beginsWith: skPrefix.building,
      ...page,
    });
    return { ...found, items: [...found.items].sort((a, b) => naturalCompare(a.code, b.code)) };
  }),
);

export const updateBuilding = fn(
  z.object({ propertyId: id, buildingId: id, changes: buildingUpdate }),
  ({ propertyId, buildingId, changes: { version, ...changes } }) =>
    propertyStore(propertyId).update<Building>(
      keys.building(propertyId, buildingId),
      'Building',
      version,
      changes,
      {
        action: 'building.update',
        entity: 'building',
        entityId: buildingId,
      },
      { item: buildingItem },
    ),
);
