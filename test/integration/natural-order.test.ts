import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Building, Unit } from '../../functions/directory/records.ts';
import { rekeyUnitListings } from '../../functions/directory/recount.ts';
import { ddb } from '../../functions/shared/db.ts';
import { keys, tableName } from '../../functions/shared/table.ts';
import { asSystem, call } from '../support/api.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

let world: PropertyWorld;
let parking: Building;
const base = () => `/api/directory/properties/${world.property.id}`;

beforeAll(async () => {
  world = await makeProperty('NO');
  const made = await call<Building>(world.tokens.property_manager, 'POST', `${base()}/buildings`, {
    code: 'Ｐ',
    name: '地下车库',
    floors: 2,
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  parking = made.body;
  for (const room of ['１００１', '101', '1002', '102']) {
    const unit = await call(world.tokens.property_manager, 'POST', `${base()}/units`, {
      buildingId: parking.id,
      room,
      floor: 1,
      areaSqmX100: 1250,
      type: 'parking',
    });
    expect(unit.status, JSON.stringify(unit.body)).toBe(201);
  }
  for (const code of ['10', '2']) {
    const b = await call(world.tokens.property_manager, 'POST', `${base()}/buildings`, {
      code,
      name: `${code}号楼`,
      floors: 6,
    });
    expect(b.status, JSON.stringify(b.body)).toBe(201);
  }
});

const rooms = async (query: string) =>
  (await call<{ items: Unit[] }>(world.tokens.front_desk, 'GET', `${base()}/units?${query}`)).body.items.map(
    (u) => u.roomCode,
  );

describe('front desk: room and building numbers sort naturally', () => {
  it('a building typed in full-width (Ｐ) and a room (１００１) are stored as P and P-1001', () => {
    expect(parking.code).toBe('P');
  });

  it('the units of a building: P-101 before P-1001', async () => {
    expect(await rooms(`buildingId=${parking.id}&limit=100`)).toEqual(['P-101', 'P-102', 'P-1001', 'P-1002']);
  });

  it('the room picker (prefix P-1, full-width too): P-101 before P-1001', async () => {
    expect(await rooms('room=P-1&limit=20')).toEqual(['P-101', 'P-102', 'P-1001', 'P-1002']);
    expect(await rooms(`room=${encodeURIComponent('Ｐ－１０')}&limit=20`)).toEqual([
      'P-101',
      'P-102',
      'P-1001',
      'P-1002',
    ]);
  });

  it('buildings: 2 before 10 before P', async () => {
    const list = await call<{ items: Building[] }>(
      world.tokens.front_desk,
      'GET',
      `${base()}/buildings?limit=100`,
    );
    expect(list.body.items.map((b) => b.code)).toEqual(['2', '3', '10', 'P']);
  });
});

describe('head office: units stored with the old listing key are re-keyed once by the nightly job', () => {
  it('a unit keyed the old way is still listed; after the job it is in natural order; a re-run writes nothing', async () => {
    const w = await makeProperty('NK');
    const units = (
      await call<{ items: Unit[] }>(
        w.tokens.front_desk,
        'GET',
        `/api/directory/properties/${w.property.id}/units?buildingId=${w.building.id}&limit=100`,
      )
    ).body.items;
    // As written before natural order: "115#1502", which sorts after the padded keys.
    const first = units[0]!;
    await ddb().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.unit(w.property.id, first.id),
        UpdateExpression: 'SET listingSk = :old',
        ExpressionAttributeValues: { ':old': `115#${first.room}` },
      }),
    );
    const listed = async () =>
      (
        await call<{ items: Unit[] }>(
          w.tokens.front_desk,
          'GET',
          `/api/directory/properties/${w.property.id}/units?buildingId=${w.building.id}&limit=100`,
        )
      ).body.items.map((u) => u.roomCode);
    expect((await listed()).sort()).toEqual(units.map((u) => u.roomCode).sort());
    expect(await listed()).not.toEqual(units.map((u) => u.roomCode));

    expect(await asSystem(() => rekeyUnitListings(w.property.id))).toBe(units.length);
    expect(await listed()).toEqual(units.map((u) => u.roomCode));
    expect(await asSystem(() => rekeyUnitListings(w.property.id))).toBe(0);
  });
});
