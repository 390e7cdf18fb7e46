import { conflict } from '../../shared/errors.ts';
import { type Item, type Key, updateFrom, type WriteOp } from '../../shared/store.ts';
import { keys } from '../../shared/table.ts';
import { newBuilding } from '../buildings.ts';
import { newHousehold } from '../households.ts';
import { buildingItem, householdItem, unitItem } from '../items.ts';
import type { Building, Household, Unit } from '../records.ts';
import { newUnit, roomCodeOf } from '../units.ts';
import { normalizePhone } from './cells.ts';
import type { Existing } from './existing.ts';
import { keyId } from './merge-ops.ts';
import type { ImportError, ImportRow } from './rows.ts';
import type { Snapshots } from './undo.ts';

export interface Tally {
  create: number;
  update: number;
  unchanged: number;
}

export interface Summary {
  buildings: Tally;
  units: Tally;
  households: Tally;
}

/** One record the import creates or changes, as its transaction's audit entry lists it. */
export interface Change {
  entity: 'building' | 'unit' | 'household';
  id: string;
  row: number;
  action: 'create' | 'update';
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

/** Writes that go into the same transaction: a unit with its guard, its household and its move-in. */
export interface WriteGroup {
  ops: WriteOp[];
  changes: Change[];
}

export interface Plan {
  errors: ImportError[];
  summary: Summary;
  groups: WriteGroup[];
  /** Stored state of every existing record the groups update, for the rollback. */
  snapshots: Snapshots;
}

const tally = (): Tally => ({ create: 0, update: 0, unchanged: 0 });

/** Fields of `wanted` that differ from `current`; a blank (null) cell never erases a stored value. */
function changedFields<T extends object>(current: T, wanted: Partial<T>): Partial<T> {
  return Object.fromEntries(
    Object.entries(wanted).filter(
      ([k, v]) =>
        v !== null && v !== undefined && JSON.stringify(v) !== JSON.stringify(current[k as keyof T]),
    ),
  ) as Partial<T>;
}

/** The writes of a new record: stamped like Store.create stamps it, every item tagged with the import. */
function createOps(built: { item: Item; extra: WriteOp[] }, importId: string, at: string): WriteOp[] {
  return [
    {
      put: { ...built.item, version: 1, createdAt: at, updatedAt: at },
      condition: 'attribute_not_exists(#pk)',
      onFail: conflict('exists', `${String(built.item.recordType)} ${String(built.item.id)} already exists`),
    },
    ...built.extra.map((op) => ('put' in op ? { ...op, put: { ...op.put, importId } } : op)),
  ];
}

/** A version-guarded change, as Store.update writes it. */
/** The update of an existing record to `item` (built from it and the changes): fields and keys. */
function updateOp(item: Item, what: string, version: number, changes: object, at: string): WriteOp {
  return {
    ...updateFrom({ ...item, version: version + 1, updatedAt: at }, [
      ...Object.keys(changes),
      'version',
      'updatedAt',
    ]),
    condition: '#version = :expected',
    values: { ':expected': version },
    onFail: conflict('stale_version', `${what} was changed by someone else during the import`),
  };
}

const pickBefore = <T extends object>(current: T, changes: object) =>
  Object.fromEntries(Object.keys(changes).map((k) => [k, current[k as keyof T] ?? null]));

/** The file compared with what exists: what to create, what to change, what conflicts. */
export function planImport(
  propertyId: string,
  rows: ImportRow[],
  existing: Existing,
  importId: string,
): Plan {
  const at = new Date().toISOString();
  const errors: ImportError[] = [];
  const summary: Summary = { buildings: tally(), units: tally(), households: tally() };
  const groups: WriteGroup[] = [];
  const snapshots: Snapshots = new Map();
  const remember = (key: Key, record: object) => snapshots.set(keyId(key), { ...key, ...record });

  // Buildings first, each as its first row describes it (the rows agree, or they were rejected).
  const buildings = new Map<string, Pick<Building, 'id' | 'code'> & { stored?: Building }>();
  const plannedFloor = new Map(rows.map((r) => [roomCodeOf(r.building.code, r.unit.room), r.unit.floor]));
  for (const { row, building } of rows) {
    if (buildings.has(building.code)) continue;
    const stored = existing.buildingsByCode.get(building.code);
    if (!stored) {
      const built = newBuilding(propertyId, building, importId);
      buildings.set(building.code, { id: built.item.id as string, code: building.code });
      groups.push({
        ops: createOps(built, importId, at),
        changes: [{ entity: 'building', id: built.item.id as string, row, action: 'create' }],
      });
      summary.buildings.create += 1;
      continue;
    }
    buildings.set(building.code, { id: stored.id, code: stored.code, stored });
    const top = Math.max(
      ...[...existing.unitsByRoom.values()]
        .filter((u) => u.buildingId === stored.id)
        .map((u) => plannedFloor.get(u.roomCode) ?? u.floor),
    );
    if (top > building.floors)
      errors.push({
        row,
        field: 'floors',
        code: 'units_above_floors',
        params: { building: building.code, top, floors: building.floors },
        message: `Building ${building.code} has units on floor ${top}; it cannot have ${building.floors} floors`,
      });
    const changes = changedFields(stored, { name: building.name, floors: building.floors });
    if (!Object.keys(changes).length) {
      summary.buildings.unchanged += 1;
      continue;
    }
    const key = keys.building(propertyId, stored.id);
    remember(key, buildingItem(stored));
    groups.push({
      ops: [
        updateOp(
          buildingItem({ ...stored, ...changes }),
          `Building ${stored.code}`,
          stored.version,
          changes,
          at,
        ),
      ],
      changes: [
        {
          entity: 'building',
          id: stored.id,
          row,
          action: 'update',
          before: pickBefore(stored, changes),
          after: changes,
        },
      ],
    });
    summary.buildings.update += 1;
  }

  for (const r of rows) {
    const building = buildings.get(r.building.code)!;
    const roomCode = roomCodeOf(building.code, r.unit.room);
    const stored = existing.unitsByRoom.get(roomCode);
    if (stored && stored.buildingId !== building.stored?.id) {
      errors.push({
        row: r.row,
        field: 'room',
        code: 'room_of_other_building',
        params: { room: roomCode },
        message: `Room ${roomCode} exists but belongs to another building record`,
      });
      continue;
    }
    const group: WriteGroup = { ops: [], changes: [] };
    let unit: Pick<Unit, 'id' | 'roomCode' | 'activeHouseholds'>;
    if (!stored) {
      const built = newUnit(propertyId, building, r.unit, importId);
      unit = { id: built.item.id as string, roomCode, activeHouseholds: 0 };
      group.ops.push(...createOps(built, importId, at));
      group.changes.push({ entity: 'unit', id: unit.id, row: r.row, action: 'create' });
      summary.units.create += 1;
    } else {
      unit = stored;
      const key = keys.unit(propertyId, stored.id);
      remember(key, unitItem(stored));
      const changes = changedFields(stored, r.unit);
      delete changes.room; // the match key, upper-cased on both sides
      if (Object.keys(changes).length) {
        group.ops.push(
          updateOp(unitItem({ ...stored, ...changes }), `Unit ${roomCode}`, stored.version, changes, at),
        );
        group.changes.push({
          entity: 'unit',
          id: stored.id,
          row: r.row,
          action: 'update',
          before: pickBefore(stored, changes),
          after: changes,
        });
        summary.units.update += 1;
      } else summary.units.unchanged += 1;
    }
    if (r.household)
      planHousehold(r, unit, stored ? (existing.householdsByUnit.get(stored.id) ?? []) : [], group);
    if (group.ops.length) groups.push(group);
  }

  function planHousehold(
    r: ImportRow,
    unit: Pick<Unit, 'id' | 'roomCode' | 'activeHouseholds'>,
    living: Household[],
    group: WriteGroup,
  ) {
    const wanted = r.household!;
    // The same person is the same name and number in the same unit; anything else is a new household.
    const matches = living.filter((h) => h.name === wanted.name && normalizePhone(h.phone) === wanted.phone);
    const stored = matches.find((h) => h.status === 'active') ?? matches[0];
    if (!stored) {
      const built = newHousehold(propertyId, unit, wanted, importId);
      group.ops.push(...createOps(built, importId, at));
      group.changes.push({ entity: 'household', id: built.item.id as string, row: r.row, action: 'create' });
      summary.households.create += 1;
      return;
    }
    if (stored.status !== 'active') {
      errors.push({
        row: r.row,
        field: 'household_name',
        code: 'household_moved_out',
        params: { name: wanted.name, room: unit.roomCode },
        message: `${wanted.name} is recorded as moved out of ${unit.roomCode}; change their status in the directory first`,
      });
      return;
    }
    const changes = changedFields(stored, { kind: wanted.kind, moveInDate: wanted.moveInDate });
    if (!Object.keys(changes).length) {
      summary.households.unchanged += 1;
      return;
    }
    const key = keys.household(propertyId, stored.id);
    remember(key, householdItem(stored));
    group.ops.push(
      updateOp(
        householdItem({ ...stored, ...changes }),
        `Household ${stored.name} of ${unit.roomCode}`,
        stored.version,
        changes,
        at,
      ),
    );
    group.changes.push({
      entity: 'household',
      id: stored.id,
      row: r.row,
      action: 'update',
      before: pickBefore(stored, changes),
      after: changes,
    });
    summary.households.update += 1;
  }

  return { errors, summary, groups, snapshots };
}
