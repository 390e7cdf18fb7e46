import { beforeAll, describe, expect, it } from 'vitest';
import { propertyStore } from '../../functions/shared/store.ts';
import { keys, skPrefix } from '../../functions/shared/table.ts';
import { allRoutes, asSystem, call } from '../support/api.ts';
import { exampleBody, fillPath, pathIds } from '../support/routes.ts';
import { makeHeadOffice, makeProperty, type PropertyWorld } from '../support/world.ts';

/**
 * Generated from the route list: head office (who may do everything) sends each writing route a
 * broken request; every one is a 4xx with the JSON error shape, and nothing is written.
 */
let world: PropertyWorld;
let token: string;

const auditCount = () =>
  asSystem(async () => {
    const page = await propertyStore(world.property.id).query({
      partition: keys.property(world.property.id).pk,
      beginsWith: skPrefix.audit,
      limit: 100,
    });
    return page.items.length;
  });

beforeAll(async () => {
  world = await makeProperty('BI');
  token = (await makeHeadOffice()).token;
});

const jsonWrites = allRoutes.filter((r) => r.hasBody && r.permission !== 'public');

type Breakage = [name: string, make: (example: Record<string, unknown>) => { raw?: string; body?: unknown }];
const breakages: Breakage[] = [
  ['malformed JSON', () => ({ raw: '{"name": "王芳",' })],
  ['an unknown field', (example) => ({ body: { ...example, isAdmin: true } })],
  ['a JSON array instead of an object', () => ({ body: [] })],
  ['an oversized body', (example) => ({ body: { ...example, padding: 'x'.repeat(300 * 1024) } })],
  [
    'every field of the wrong type',
    (example) => ({ body: Object.fromEntries(Object.keys(example).map((k) => [k, { wrong: true }])) }),
  ],
];

describe.each(jsonWrites.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_, route) => {
  it.each(breakages)('head office: %s gets a 4xx and changes nothing', async (_name, make) => {
    const example = exampleBody(route, world);
    if (example.raw !== undefined) return; // file uploads are checked by their own tests
    const broken = make((example.body ?? {}) as Record<string, unknown>);
    const before = await auditCount();
    const reply = await call(token, route.method, fillPath(route, pathIds(world)), broken.body, {
      ...(broken.raw !== undefined ? { rawBody: broken.raw } : {}),
    });
    expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(reply.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(await auditCount()).toBe(before);
  });
});

describe('invalid ids', () => {
  const withIds = allRoutes.filter((r) => r.path.includes('{'));
  it.each(withIds.map((r) => [`${r.method} ${r.path}`, r] as const))(
    'head office: %s with a malformed id is a 400, an unknown id a 404',
    async (_, route) => {
      const before = await auditCount();
      const ids = pathIds(world);
      const example = exampleBody(route, world);
      if (example.raw !== undefined) return;
      const param = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).pop()!;
      const malformed = await call(
        token,
        route.method,
        fillPath(route, { ...ids, [param]: 'NOT-AN-ID!' }),
        example.body,
      );
      expect(malformed.status, JSON.stringify(malformed.body)).toBe(400);
      expect(malformed.body).toMatchObject({ error: { code: 'invalid_input' } });
      const unknown = await call(
        token,
        route.method,
        fillPath(route, { ...ids, [param]: '0000unknown0000' }),
        example.body,
      );
      expect(unknown.status, JSON.stringify(unknown.body)).toBe(404);
      expect(await auditCount()).toBe(before);
    },
  );
});

it('head office: a list with a doctored page cursor gets 400, not another property’s page', async () => {
  const other = await makeProperty('BJ');
  const forged = Buffer.from(JSON.stringify({ pk: `P#${other.property.id}`, sk: 'UNIT#x' })).toString(
    'base64url',
  );
  const reply = await call(
    token,
    'GET',
    `/api/directory/properties/${world.property.id}/households?cursor=${forged}`,
  );
  expect(reply.status).toBe(400);
  expect(reply.body).toMatchObject({ error: { code: 'invalid_cursor' } });
});
