import { beforeAll, describe, expect, it } from 'vitest';
import { recountProperty } from '../../functions/directory/recount.ts';
import { propertyStore } from '../../functions/shared/store.ts';
import { keys } from '../../functions/shared/table.ts';
import { asSystem, call } from '../support/api.ts';
import { makeHeadOffice, makeProperty, type PropertyWorld } from '../support/world.ts';

let world: PropertyWorld;
let other: PropertyWorld;
let hq: string;
const base = () => `/api/directory/properties/${world.property.id}`;

beforeAll(async () => {
  [world, other] = await Promise.all([makeProperty('DA'), makeProperty('DB')]);
  hq = (await makeHeadOffice()).token;
});

describe('front desk', () => {
  it('front desk: finds a unit by the room code as typed, in any common spelling', async () => {
    for (const typed of ['3-1502', '3 1502', '3/1502', '3-15']) {
      const reply = await call<{ items: { roomCode: string }[] }>(
        world.tokens.front_desk,
        'GET',
        `${base()}/units?room=${encodeURIComponent(typed)}`,
      );
      expect(reply.status).toBe(200);
      expect(reply.body.items.map((u) => u.roomCode)).toContain('3-1502');
    }
    const none = await call<{ items: unknown[] }>(world.tokens.front_desk, 'GET', `${base()}/units?room=9-`);
    expect(none.body.items).toEqual([]);
  });

  it('front desk: sees household phones masked in lists, on the record and on the unit page', async () => {
    const list = await call<{ items: { phone: string }[] }>(
      world.tokens.front_desk,
      'GET',
      `${base()}/households`,
    );
    expect(list.body.items[0]?.phone).toBe('138****5678');
    const one = await call<{ phone: string }>(
      world.tokens.front_desk,
      'GET',
      `${base()}/households/${world.household.id}`,
    );
    expect(one.body.phone).toBe('138****5678');
    const unit = await call(world.tokens.front_desk, 'GET', `${base()}/units/${world.unit.id}`);
    expect(JSON.stringify(unit.body)).toContain('138****5678');
    for (const reply of [list, one, unit]) expect(JSON.stringify(reply.body)).not.toContain('13812345678');
  });

  it('front desk: revealing a phone shows the full number and leaves an audit entry naming who looked', async () => {
    const reply = await call<{ phone: string }>(
      world.tokens.front_desk,
      'POST',
      `${base()}/households/${world.household.id}/reveal-phone`,
    );
    expect(reply.body.phone).toBe('13812345678');
    const audit = await call<{ items: { action: string; actorName: string; after: { phone: string } }[] }>(
      world.tokens.property_manager,
      'GET',
      `${base()}/audit`,
    );
    const entry = audit.body.items.find((e) => e.action === 'household.revealPhone');
    expect(entry?.actorName).toBe(world.staff.front_desk.name);
    expect(JSON.stringify(audit.body)).not.toContain('13812345678');
  });

  it('technician: may not reveal a household phone', async () => {
    const reply = await call(
      world.tokens.technician,
      'POST',
      `${base()}/households/${world.household.id}/reveal-phone`,
    );
    expect(reply.status).toBe(403);
  });

  it('front desk: cannot open a property or edit its settings', async () => {
    const create = await call(world.tokens.front_desk, 'POST', '/api/directory/properties', {
      code: 'NOPE',
      name: 'x',
      city: 'x',
      address: 'x',
      hotline: '021-1234567',
    });
    expect(create.status).toBe(403);
    const edit = await call(world.tokens.front_desk, 'PATCH', base(), { version: 1, hotline: '021-7654321' });
    expect(edit.status).toBe(403);
  });
});

describe('occupancy figures', () => {
  it('front desk: a move-in and a move-out keep the unit and the property figures true', async () => {
    const stats = () => call<Record<string, number>>(world.tokens.front_desk, 'GET', `${base()}/stats`);
    const before = (await stats()).body;
    const created = await call<{ id: string; version: number }>(
      world.tokens.front_desk,
      'POST',
      `${base()}/households`,
      {
        unitId: world.vacantUnit.id,
        kind: 'tenant',
        name: '李娜',
        phone: '13900001234',
      },
    );
    expect(created.status).toBe(201);
    const unit = await call<{ occupancy: string; households: unknown[] }>(
      world.tokens.front_desk,
      'GET',
      `${base()}/units/${world.vacantUnit.id}`,
    );
    expect(unit.body.occupancy).toBe('occupied');
    expect(unit.body.households).toHaveLength(1);
    expect((await stats()).body).toMatchObject({
      households: before.households! + 1,
      occupiedUnits: before.occupiedUnits! + 1,
    });
    const moved = await call(world.tokens.front_desk, 'PATCH', `${base()}/households/${created.body.id}`, {
      version: created.body.version,
      status: 'moved_out',
    });
    expect(moved.status).toBe(200);
    expect((await stats()).body).toEqual(before);
  });

  it('head office: the nightly recount finds nothing to fix after normal work, and repairs drift once', async () => {
    const clean = await asSystem(() => recountProperty(world.property.id));
    expect(clean.changed).toBe(false);
    await asSystem(() =>
      propertyStore(world.property.id).apply(
        [{ update: keys.propertyStats(world.property.id), add: { units: 5 } }],
        {
          action: 'test.drift',
          entity: 'stats',
          entityId: world.property.id,
        },
      ),
    );
    expect((await asSystem(() => recountProperty(world.property.id))).changed).toBe(true);
    expect((await asSystem(() => recountProperty(world.property.id))).changed).toBe(false);
    const stats = await call<{ units: number }>(hq, 'GET', `${base()}/stats`);
    expect(stats.body.units).toBe(2);
  });
});

describe('concurrent edits', () => {
  it('two clerks edit one household at once: one wins, the other gets 409 and nothing is lost', async () => {
    const { body: current } = await call<{ version: number }>(
      world.tokens.front_desk,
      'GET',
      `${base()}/households/${world.household.id}`,
    );
    const edits = await Promise.all(
      ['王芳（业主）', '王芳 Wang Fang'].map((name) =>
        call(world.tokens.front_desk, 'PATCH', `${base()}/households/${world.household.id}`, {
          version: current.version,
          name,
        }),
      ),
    );
    expect(edits.map((e) => e.status).sort()).toEqual([200, 409]);
    const loser = edits.find((e) => e.status === 409)!;
    expect(loser.body).toMatchObject({ error: { code: 'stale_version' } });
    const after = await call<{ version: number; name: string }>(
      world.tokens.front_desk,
      'GET',
      `${base()}/households/${world.household.id}`,
    );
    expect(after.body.version).toBe(current.version + 1);
  });

  it('property manager: a room number that already exists is a 409, and the property figures do not move', async () => {
    const before = (await call<Record<string, number>>(hq, 'GET', `${base()}/stats`)).body;
    const reply = await call(world.tokens.property_manager, 'POST', `${base()}/units`, {
      buildingId: world.building.id,
      room: '1502',
      floor: 15,
      areaSqmX100: 8950,
      type: 'residential',
    });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ error: { code: 'duplicate_room' } });
    expect((await call(hq, 'GET', `${base()}/stats`)).body).toEqual(before);
  });

  it('property manager: a unit moved to another floor is listed on that floor, in floor order', async () => {
    const pm = world.tokens.property_manager;
    const make = (room: string, floor: number) =>
      call<{ id: string; version: number }>(pm, 'POST', `${base()}/units`, {
        buildingId: world.building.id,
        room,
        floor,
        areaSqmX100: 6000,
        type: 'residential',
      });
    const low = (await make('0301', 3)).body;
    const high = (await make('1001', 10)).body;
    const order = async () =>
      (
        await call<{ items: { id: string }[] }>(
          pm,
          'GET',
          `${base()}/units?buildingId=${world.building.id}&limit=100`,
        )
      ).body.items
        .map((u) => u.id)
        .filter((id) => id === low.id || id === high.id);
    expect(await order()).toEqual([low.id, high.id]);
    const moved = await call(pm, 'PATCH', `${base()}/units/${high.id}`, { version: high.version, floor: 2 });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await order()).toEqual([high.id, low.id]);
  });

  it('property manager: a unit above the building’s top floor is refused', async () => {
    const reply = await call(world.tokens.property_manager, 'POST', `${base()}/units`, {
      buildingId: world.building.id,
      room: '9901',
      floor: 99,
      areaSqmX100: 8950,
      type: 'residential',
    });
    expect(reply.status).toBe(422);
  });
});

describe('staff and head office', () => {
  it('head office: sees every property side by side; a property manager only their own', async () => {
    const all = await call<{ items: { property: { id: string } }[] }>(hq, 'GET', '/api/directory/overview');
    const ids = all.body.items.map((i) => i.property.id);
    expect(ids).toEqual(expect.arrayContaining([world.property.id, other.property.id]));
    const own = await call<{ items: { property: { id: string } }[] }>(
      world.tokens.property_manager,
      'GET',
      '/api/directory/overview',
    );
    expect(own.body.items.map((i) => i.property.id)).toEqual([world.property.id]);
  });

  it('property manager: can add a clerk to their own property but cannot grant head office or another property', async () => {
    const clerk = {
      email: `clerk.${Date.now()}@test.propdesk.cn`,
      name: '新前台',
      phone: '13700000000',
      department: 'customer_service',
      roles: ['front_desk'],
    };
    const ok = await call(world.tokens.property_manager, 'POST', '/api/directory/staff', {
      ...clerk,
      propertyIds: [world.property.id],
    });
    expect(ok.status).toBe(201);
    const duplicate = await call(world.tokens.property_manager, 'POST', '/api/directory/staff', {
      ...clerk,
      propertyIds: [world.property.id],
    });
    expect(duplicate.status).toBe(409);
    const grant = await call(world.tokens.property_manager, 'POST', '/api/directory/staff', {
      ...clerk,
      email: `boss.${Date.now()}@test.propdesk.cn`,
      roles: ['head_office'],
      propertyIds: [world.property.id],
    });
    expect(grant.status).toBe(403);
    const elsewhere = await call(world.tokens.property_manager, 'POST', '/api/directory/staff', {
      ...clerk,
      email: `far.${Date.now()}@test.propdesk.cn`,
      propertyIds: [other.property.id],
    });
    expect(elsewhere.status).toBe(404);
  });

  it('property manager: a disabled clerk is signed out on their next request', async () => {
    const clerk = world.staff.security;
    const { body } = await call<{ version: number }>(
      world.tokens.property_manager,
      'GET',
      `/api/directory/staff/${clerk.id}`,
    );
    const off = await call(world.tokens.property_manager, 'PATCH', `/api/directory/staff/${clerk.id}`, {
      version: body.version,
      active: false,
    });
    expect(off.status).toBe(200);
    const reply = await call(world.tokens.security, 'GET', '/api/directory/me');
    expect(reply.status).toBe(403);
  });

  it('anyone: a forged token is refused', async () => {
    const [header, payload] = world.tokens.front_desk.split('.');
    const reply = await call(`${header}.${payload}.c2lnbmF0dXJl`, 'GET', '/api/directory/me');
    expect(reply.status).toBe(401);
  });
});

describe('platform', () => {
  it('anyone: the health check reports the database reachable', async () => {
    const reply = await call(undefined, 'GET', '/api/health');
    expect(reply.body).toMatchObject({ status: 'ok', database: 'reachable' });
  });

  it('developer: the OpenAPI document lists every directory route', async () => {
    const reply = await call<{ paths: Record<string, unknown> }>(
      world.tokens.front_desk,
      'GET',
      '/api/openapi.json',
    );
    expect(Object.keys(reply.body.paths)).toContain('/api/directory/properties/{propertyId}/units');
  });

  it('front desk: every API answer reports its DynamoDB cost in Server-Timing', async () => {
    const reply = await call(world.tokens.front_desk, 'GET', `${base()}/units?room=3-15`);
    expect(reply.headers.get('server-timing')).toMatch(
      /ddb;dur=[\d.]+;desc="calls=[1-9]\d* rcu=[\d.]+ wcu=0"/,
    );
  });
});
