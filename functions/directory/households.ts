import * as z from 'zod/mini';
import { fn } from '../shared/fn.ts';
import { newId } from '../shared/ids.ts';
import { maskPhone, withMaskedPhone } from '../shared/personal-data.ts';
import { propertyStore, type WriteOp } from '../shared/store.ts';
import { indexKeys, keys, skPrefix } from '../shared/table.ts';
import { householdItem } from './items.ts';
import { readInProperty } from './properties.ts';
import type { Household, Unit } from './records.ts';
import { type HouseholdCreate, householdCreate, householdQuery, householdUpdate, id } from './schemas.ts';

/**
 * Moving the number of active households of a unit by `delta` keeps the unit's occupancy and the
 * property's figures true in the same transaction. The unit's counter is the condition, so two
 * concurrent move-ins cannot both believe the unit was empty.
 */
export function occupancyOps(
  propertyId: string,
  unit: Pick<Unit, 'id' | 'activeHouseholds'>,
  delta: number,
): WriteOp[] {
  if (delta === 0) return [];
  const before = unit.activeHouseholds ?? 0;
  const after = before + delta;
  const occupiedDelta = before === 0 && after > 0 ? 1 : before > 0 && after === 0 ? -1 : 0;
  return [
    {
      update: keys.unit(propertyId, unit.id),
      add: { activeHouseholds: delta },
      set: { occupancy: after > 0 ? 'occupied' : 'vacant' },
      condition: '#activeHouseholds = :before',
      values: { ':before': before },
    },
    { update: keys.propertyStats(propertyId), add: { households: delta, occupiedUnits: occupiedDelta } },
  ];
}

export function newHousehold(
  propertyId: string,
  unit: Pick<Unit, 'id' | 'roomCode' | 'activeHouseholds'>,
  input: Omit<HouseholdCreate, 'unitId'>,
  importId?: string,
) {
  const householdId = newId();
  const item = householdItem({
    id: householdId,
    propertyId,
    unitId: unit.id,
    roomCode: unit.roomCode,
    ...input,
    ...(importId ? { importId } : {}),
  });
  return { item, extra: occupancyOps(propertyId, unit, input.status === 'active' ? 1 : 0) };
}

export const createHousehold = fn(
  z.object({ propertyId: id, household: householdCreate }),
  async ({ propertyId, household: { unitId, ...household } }) => {
    const store = propertyStore(propertyId);
    const unit = await store.mustGet<Unit>(keys.unit(propertyId, unitId), 'Unit');
    const { item, extra } = newHousehold(propertyId, unit, household);
    const created = await store.create<Household>(
      item,
      { action: 'household.create', entity: 'household', entityId: item.id as string },
      { extra },
    );
    return withMaskedPhone(created);
  },
);

export const getHousehold = fn(
  z.object({ propertyId: id, householdId: id }),
  async ({ propertyId, householdId }) =>
    withMaskedPhone(
      await propertyStore(propertyId).mustGet<Household>(
        keys.household(propertyId, householdId),
        'Household',
      ),
    ),
);

export const listHouseholds = fn(
  z.object({ propertyId: id, query: householdQuery }),
  async ({ propertyId, query: { unitId, cursor, limit } }) => {
    const page = await readInProperty(propertyId, (store) =>
      unitId
        ? store.query<Household>({
            index: 'listing',
            partition: indexKeys.householdsOfUnit(propertyId, unitId, '').listingPk,
            cursor,
            limit,
          })
        : store.query<Household>({
            partition: keys.property(propertyId).pk,
            beginsWith: skPrefix.household,
            cursor,
            limit,
          }),
    );
    return { ...page, items: page.items.map(withMaskedPhone) };
  },
);

/** The full number, for a call back; every reveal is an audit entry. */
export const revealPhone = fn(
  z.object({ propertyId: id, householdId: id }),
  async ({ propertyId, householdId }) => {
    const store = propertyStore(propertyId);
    const household = await store.mustGet<Household>(keys.household(propertyId, householdId), 'Household');
    await store.apply([], {
      action: 'household.revealPhone',
      entity: 'household',
      entityId: householdId,
      after: { phone: maskPhone(household.phone) },
    });
    return { phone: household.phone };
  },
);

export const updateHousehold = fn(
  z.object({ propertyId: id, householdId: id, changes: householdUpdate }),
  async ({ propertyId, householdId, changes: { version, ...changes } }) => {
    const store = propertyStore(propertyId);
    const key = keys.household(propertyId, householdId);
    const current = await store.mustGet<Household>(key, 'Household');
    const delta =
      changes.status && changes.status !== current.status ? (changes.status === 'active' ? 1 : -1) : 0;
    const unit = delta ? await store.mustGet<Unit>(keys.unit(propertyId, current.unitId), 'Unit') : undefined;
    const updated = await store.update<Household>(
      key,
      'Household',
      version,
      changes,
      { action: 'household.update', entity: 'household', entityId: householdId },
      {
        current,
        item: householdItem,
        extra: () => (unit ? occupancyOps(propertyId, unit, delta) : []),
      },
    );
    return withMaskedPhone(updated);
  },
);
