import { describe, expect, it } from 'vitest';
import { newHousehold } from '../../functions/directory/households.ts';
import { itemCount, mergeOps } from '../../functions/directory/import/merge-ops.ts';
import type { WriteGroup } from '../../functions/directory/import/plan.ts';
import { undoOf } from '../../functions/directory/import/undo.ts';
import { maxTransactionItems, packTransactions } from '../../functions/directory/import/write.ts';
import { newUnit } from '../../functions/directory/units.ts';
import type { WriteOp } from '../../functions/shared/store.ts';
import { keys } from '../../functions/shared/table.ts';

const pid = 'prop0001';
const building = { id: 'bldg0001', code: '3' };
const household = {
  kind: 'owner' as const,
  name: '王芳',
  phone: '13812345678',
  moveInDate: null,
  status: 'active' as const,
};

/** The writes of a new unit with its household, as the record builders make them. */
function unitWithHousehold(room: string) {
  const unit = newUnit(pid, building, { room, floor: 15, areaSqmX100: 8950, type: 'residential' });
  const home = newHousehold(
    pid,
    { id: unit.item.id as string, roomCode: unit.item.roomCode as string, activeHouseholds: 0 },
    household,
  );
  return {
    unit,
    home,
    ops: [{ put: unit.item }, ...unit.extra, { put: home.item }, ...home.extra] as WriteOp[],
  };
}

describe('one write per item in a transaction', () => {
  it('a new unit and its household: the move-in lands on the new unit item, the figures in one ADD', () => {
    const { unit, home, ops } = unitWithHousehold('1502');
    expect(itemCount(ops)).toBe(4); // unit, room guard, figures, household
    const merged = mergeOps(ops);
    expect(merged).toHaveLength(4);
    const unitPut = merged.find((op) => 'put' in op && op.put.sk === unit.item.sk) as {
      put: Record<string, unknown>;
    };
    expect(unitPut.put).toMatchObject({ activeHouseholds: 1, occupancy: 'occupied' });
    const stats = merged.find((op) => 'update' in op && op.update.sk === 'STATS');
    expect(stats).toEqual({
      update: keys.propertyStats(pid),
      add: { units: 1, households: 1, occupiedUnits: 1 },
    });
    expect(merged.some((op) => 'put' in op && op.put.sk === home.item.sk)).toBe(true);
  });

  it('many units: every figure summed into one update of the stats item', () => {
    const ops = ['1501', '1502', '1503'].flatMap((room) => unitWithHousehold(room).ops);
    const stats = mergeOps(ops).filter((op) => 'update' in op && op.update.sk === 'STATS');
    expect(stats).toEqual([
      { update: keys.propertyStats(pid), add: { units: 3, households: 3, occupiedUnits: 3 } },
    ]);
  });

  it('an existing unit changed and moved into: one update with both conditions, placeholders kept apart', () => {
    const key = keys.unit(pid, 'unit0001');
    const merged = mergeOps([
      {
        update: key,
        set: { areaSqmX100: 9000, version: 3 },
        condition: '#version = :expected',
        values: { ':expected': 2 },
      },
      {
        update: key,
        add: { activeHouseholds: 1 },
        set: { occupancy: 'occupied' },
        condition: '#activeHouseholds = :before',
        values: { ':before': 0 },
      },
    ]);
    expect(merged).toEqual([
      {
        update: key,
        set: { areaSqmX100: 9000, version: 3, occupancy: 'occupied' },
        add: { activeHouseholds: 1 },
        condition: '(#version = :expected_m0) AND (#activeHouseholds = :before_m1)',
        values: { ':expected_m0': 2, ':before_m1': 0 },
      },
    ]);
  });

  it('two writes that cannot be merged are refused, not sent', () => {
    const key = keys.unit(pid, 'unit0001');
    expect(() => mergeOps([{ put: { ...key } }, { put: { ...key } }])).toThrow(/cannot share/);
    expect(() =>
      mergeOps([
        { update: key, set: { type: 'office' } },
        { update: key, set: { type: 'parking' } },
      ]),
    ).toThrow(/different values/);
  });
});

describe('packing transactions', () => {
  it('fills each transaction up to 97 records (+ lock + journal + audit = 100) and never splits a row', () => {
    const groups: WriteGroup[] = Array.from({ length: 100 }, (_, i) => ({
      ops: unitWithHousehold(String(1000 + i)).ops,
      changes: [],
    }));
    const transactions = packTransactions(groups);
    // Each row brings 3 items of its own plus the shared figures item: 32 rows → 97 items.
    expect(transactions.map((t) => t.ops.length)).toEqual([97, 97, 97, 13]);
    for (const t of transactions) expect(t.ops.length + 3).toBeLessThanOrEqual(maxTransactionItems);
  });
});

describe('taking an import back', () => {
  it('a created item is deleted only while it is as the import left it', () => {
    const { unit, ops } = unitWithHousehold('1502');
    const unitPut = mergeOps(ops)[0]!;
    expect(undoOf(unitPut, new Map(), 'imp1', 'now')).toEqual({
      delete: { pk: unit.item.pk, sk: unit.item.sk },
      condition: '#importId = :importId AND #activeHouseholds = :activeHouseholds',
      values: { ':importId': 'imp1', ':activeHouseholds': 1 },
    });
  });

  it('an update is restored from the snapshot, guarded by what it wrote, and the version moves on', () => {
    const key = keys.unit(pid, 'unit0001');
    const snapshots = new Map([
      [
        `${key.pk}\u0000${key.sk}`,
        { areaSqmX100: 8950, version: 2, activeHouseholds: 0, occupancy: 'vacant' },
      ],
    ]);
    const [op] = mergeOps([
      {
        update: key,
        set: { areaSqmX100: 9000, version: 3, updatedAt: 't1' },
        condition: '#version = :v',
        values: { ':v': 2 },
      },
      {
        update: key,
        add: { activeHouseholds: 1 },
        set: { occupancy: 'occupied' },
        condition: '#activeHouseholds = :b',
        values: { ':b': 0 },
      },
    ]);
    expect(undoOf(op!, snapshots, 'imp1', 't2')).toEqual({
      update: key,
      set: { areaSqmX100: 8950, version: 4, updatedAt: 't2', occupancy: 'vacant' },
      add: { activeHouseholds: -1 },
      remove: [],
      condition: '#version = :version AND #activeHouseholds = :activeHouseholds',
      values: { ':version': 3, ':activeHouseholds': 1 },
    });
  });

  it('the figures are given back by a negative ADD, unconditionally', () => {
    const undo = undoOf(
      { update: keys.propertyStats(pid), add: { units: 3, households: 2 } },
      new Map(),
      'imp1',
      't',
    );
    expect(undo).toEqual({
      update: keys.propertyStats(pid),
      set: {},
      add: { units: -3, households: -2 },
      remove: [],
    });
  });
});
