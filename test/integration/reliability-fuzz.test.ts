import { beforeAll, expect, it } from 'vitest';
import { allRoutes, call } from '../support/api.ts';
import { type Callers, casesOf, emptyReport, runCases, variants } from '../support/fuzz.ts';
import { makeHeadOffice, makeProperty } from '../support/world.ts';

/**
 * The seeded slice of the fuzz suite (the bench sends ≥ 10,000 of these with a fresh seed each run):
 * every operation of the OpenAPI document, valid, boundary and broken requests, from a caller who may
 * and one who may not. Never a 5xx, never a write on a rejection, never a refused caller let through.
 */
let callers: Callers;

beforeAll(async () => {
  const [world, other, hq] = await Promise.all([makeProperty('FZ'), makeProperty('FY'), makeHeadOffice()]);
  callers = { world, other, headOffice: hq.token };
});

const seed = 20261201;
const perRoute = 8;

it('every operation of the API document is in the fuzz run', () => {
  expect(allRoutes.length).toBeGreaterThan(40);
  expect(variants.length).toBeGreaterThanOrEqual(11);
});

it('anyone sending generated requests to every operation: no 5xx, a rejected request writes nothing, a caller who may not is refused', async () => {
  const report = emptyReport();
  for (const [i, route] of allRoutes.entries())
    await runCases(casesOf(route, callers.world, seed + i, perRoute), callers, report);
  expect(report.fiveXx).toEqual([]);
  expect(report.writesOnRejected).toEqual([]);
  expect(report.other).toEqual([]);
  expect(report.requests).toBe(allRoutes.length * perRoute);
}, 300_000);

// What the fuzz found, kept as plain cases.
it('property manager: figures asked up to an impossible date get a 422, not a 500', async () => {
  const { world } = callers;
  const reply = await call(
    world.tokens.property_manager,
    'GET',
    `/api/tickets/properties/${world.property.id}/figures?to=2026-13-45`,
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(422);
  expect(reply.body).toMatchObject({ error: { code: 'invalid_date' } });
});

it('property manager: a week review with a long run of digits instead of a week gets a 400, not a 500', async () => {
  const { world } = callers;
  const reply = await call(
    world.tokens.property_manager,
    'POST',
    `/api/tickets/properties/${world.property.id}/ledger-reviews/weeks`,
    { week: '9'.repeat(400) },
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(400);
});
