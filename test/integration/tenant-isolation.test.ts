import { beforeAll, describe, expect, it } from 'vitest';
import { propertyStore } from '../../functions/shared/store.ts';
import { keys, skPrefix } from '../../functions/shared/table.ts';
import { allRoutes, asSystem, call } from '../support/api.ts';
import { exampleBody, fillPath, pathIds } from '../support/routes.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

/**
 * Generated from the route list: every route of every domain, called by every role of property A
 * with property B's ids, must refuse (403/404), leak nothing of B, and write nothing to B.
 * A route added later is covered here without a new test.
 */
let a: PropertyWorld;
let b: PropertyWorld;

async function footprint(world: PropertyWorld) {
  return asSystem(async () => {
    const store = propertyStore(world.property.id);
    const audit = await store.query({
      partition: keys.property(world.property.id).pk,
      beginsWith: skPrefix.audit,
      limit: 100,
    });
    return JSON.stringify({
      audit: audit.items.length,
      property: await store.get(keys.property(world.property.id)),
    });
  });
}

beforeAll(async () => {
  [a, b] = await Promise.all([makeProperty('TA'), makeProperty('TB')]);
});

const staffRoles = [
  'front_desk',
  'property_manager',
  'technician',
  'finance',
  'security',
  'service_lead',
] as const;
const roleNames = {
  front_desk: 'front desk',
  property_manager: 'property manager',
  technician: 'technician',
  finance: 'finance',
  security: 'security',
  service_lead: 'service team lead',
};

describe.each(staffRoles)('%s of property A', (role) => {
  const protectedRoutes = allRoutes.filter((r) => r.permission !== 'public');

  it.each(protectedRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    `${roleNames[role]}: cannot reach property B's records through %s`,
    async (_, route) => {
      const before = await footprint(b);
      const { body, raw, type } = exampleBody(route, b);
      const reply = await call(a.tokens[role], route.method, fillPath(route, pathIds(b)), body, {
        ...(raw !== undefined ? { rawBody: raw, contentType: type } : {}),
      });
      const leaked = JSON.stringify(reply.body).includes(b.property.id);
      if (route.path.includes('{')) {
        expect(reply.status, JSON.stringify(reply.body)).toBeOneOf([403, 404]);
      } else {
        // Routes without ids answer from the caller's own scope (or refuse): never with B's records.
        expect(reply.status, JSON.stringify(reply.body)).toBeOneOf([200, 403, 404]);
      }
      expect(leaked).toBe(false);
      expect(await footprint(b)).toBe(before);
    },
  );
});

it('no route is left without a permission', () => {
  expect(allRoutes.length).toBeGreaterThan(20);
  for (const route of allRoutes) expect(route.permission, `${route.method} ${route.path}`).toBeTruthy();
});

it('anyone without a token: every protected route answers 401', async () => {
  for (const route of allRoutes.filter((r) => r.permission !== 'public')) {
    const reply = await call(undefined, route.method, fillPath(route, pathIds(a)));
    expect(reply.status, `${route.method} ${route.path}`).toBe(401);
    expect(reply.body).toMatchObject({ error: { code: 'unauthorized' } });
  }
});
