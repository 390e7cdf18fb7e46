import { beforeAll, expect, it } from 'vitest';
import type { Household } from '../../functions/directory/records.ts';
import { propertyPrefix } from '../../functions/shared/table.ts';
import { call } from '../support/api.ts';
import { partitionItems } from '../support/faults-records.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

/**
 * Fifty clerks save the same household at once, each from the same version: exactly one change is
 * kept, the other 49 are told it changed under them (409), and the audit trail has one entry.
 */
let world: PropertyWorld;

beforeAll(async () => {
  world = await makeProperty('RC');
});

const auditsOf = async (entityId: string) =>
  (await partitionItems(propertyPrefix(world.property.id))).filter(
    (i) => i.sk.startsWith('AUDIT#') && i.entityId === entityId,
  ).length;

it('front desk: 50 parallel saves of one household from the same version → 1 saved, 49 × 409, 1 audit entry', async () => {
  const path = `/api/directory/properties/${world.property.id}/households/${world.household.id}`;
  const current = await call<Household>(world.tokens.front_desk, 'GET', path);
  expect(current.status).toBe(200);
  const auditsBefore = await auditsOf(world.household.id);

  const replies = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      call(world.tokens.front_desk, 'PATCH', path, { version: current.body.version, name: `王芳${i + 1}` }),
    ),
  );
  const statuses = replies.map((r) => r.status);
  expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(49);
  for (const reply of replies.filter((r) => r.status === 409))
    expect(reply.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });

  const saved = replies.find((r) => r.status === 200)!.body as unknown as Household;
  const after = await call<Household>(world.tokens.front_desk, 'GET', path);
  expect(after.body.version).toBe(current.body.version + 1);
  expect(after.body.name).toBe(saved.name);
  expect(await auditsOf(world.household.id)).toBe(auditsBefore + 1);
});
