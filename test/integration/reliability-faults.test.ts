import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgedWrites, type Desk, lostWrites, runClient, type Send } from '../../bench/load-traffic.ts';
import { call } from '../support/api.ts';
import { type FaultInjector, type FaultKind, injectFaults, seededRandom } from '../support/faults.ts';
import { partialRecords } from '../support/faults-records.ts';
import { slaJobThroughFaults } from '../support/faults-scenarios.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

/**
 * A DynamoDB that fails one call in ten (throttled, 500, timed out, transaction cancelled), injected as
 * a client middleware in this process: the front desk keeps working or is told to retry (503 with
 * Retry-After), a change is never half written, and the SLA job re-run after failures notifies once.
 * The seeds are fixed, so a failure reproduces.
 */
let world: PropertyWorld;
let faults: FaultInjector | undefined;

beforeAll(async () => {
  world = await makeProperty('RF');
});
afterEach(() => {
  faults?.remove();
  faults = undefined;
});

const send: Send = (token, method, path, body) => call(token, method, path, body);
const deskOf = (w: PropertyWorld): Desk => ({
  propertyId: w.property.id,
  frontDeskToken: w.tokens.front_desk,
  technicianToken: w.tokens.technician,
  technicianId: w.staff.technician.id,
  units: [w.unit, w.vacantUnit].map((u) => ({ id: u.id, roomCode: u.roomCode })),
});

describe.each<FaultKind>(['throttling', 'internal', 'timeout', 'cancelled'])(
  'a database fault: %s',
  (kind) => {
    it('front desk: a request that meets it is told to retry (503, Retry-After, JSON error, no internals)', async () => {
      faults = injectFaults({ rate: 1, seed: 1, kinds: [kind] });
      const reply = await call(
        world.tokens.front_desk,
        'POST',
        `/api/tickets/properties/${world.property.id}/contacts`,
        {
          time: new Date().toISOString(),
          channel: 'phone',
          caller: { name: '王芳' },
          unitId: world.unit.id,
          category: 'repair',
          summary: '卫生间下水管漏水',
        },
      );
      expect(reply.status, JSON.stringify(reply.body)).toBe(503);
      expect(reply.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(reply.body).toEqual({
        error: { code: 'unavailable', message: expect.any(String), details: null },
      });
      expect(JSON.stringify(reply.body)).not.toMatch(/127\.0\.0\.1|Exception|Throttl|dynamo|:\d{2,5}/i);
    });
  },
);

it('front desk under a flaky database: every answer is a success or a 503 to retry, and no change is half written', async () => {
  faults = injectFaults({ rate: 0.1, seed: 20261201 });
  const acknowledged = acknowledgedWrites();
  const desk = deskOf(world);
  const outcome = await runClient(send, desk, {
    rng: seededRandom(42),
    more: (done) => done < 200,
    allowUnavailable: true,
    acknowledged,
  });
  const injected = faults.counts.failed;
  faults.remove();

  expect(outcome.errors).toEqual([]);
  expect(injected).toBeGreaterThan(10);
  expect(outcome.unavailable).toBeGreaterThan(0);
  expect(acknowledged.tickets.size).toBeGreaterThan(0);
  expect(await partialRecords(world.property.id)).toEqual([]);
  expect(await lostWrites(send, desk, acknowledged)).toEqual([]);
}, 180_000);

it('the SLA job re-run through faults until it succeeds: each escalation step notifies each person once', async () => {
  const outcome = await slaJobThroughFaults('RJ', 7);
  expect(outcome.succeeded).toBe(true);
  expect(outcome.injected).toBeGreaterThan(0);
  expect(outcome.steps).toEqual([0, 1, 2]);
  expect(outcome.notices).toEqual({ propertyManager: 1, frontDesk: 1, headOffice: 1 });
  expect(outcome.partial).toEqual([]);
});
