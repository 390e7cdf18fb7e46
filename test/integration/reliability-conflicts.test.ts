import { beforeAll, expect, it } from 'vitest';
import { parallelSaves } from '../support/faults-scenarios.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

/**
 * Fifty clerks save the same household at once, each from the same version: exactly one change is
 * kept, the other 49 are told it changed under them (409), and the audit trail has one entry.
 */
let world: PropertyWorld;

beforeAll(async () => {
  world = await makeProperty('RC');
});

it('front desk: 50 parallel saves of one household from the same version → 1 saved, 49 × 409, 1 audit entry', async () => {
  expect(await parallelSaves(world, 50)).toEqual({
    saved: 1,
    conflicts: 49,
    other: [],
    auditEntriesAdded: 1,
    versionAdvancedBy: 1,
  });
});
