import { beforeAll, expect, it } from 'vitest';
import { acknowledgedWrites, type Desk, lostWrites, runClient, type Send } from '../../bench/load-traffic.ts';
import { call } from '../support/api.ts';
import { seededRandom } from '../support/faults.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

/**
 * The bounded slice of the sustained-load bench: three front-desk clients at once, a few hundred
 * requests of mixed traffic (ledger contacts, room searches, repair steps, inbox polls) — no error, and
 * every acknowledged write is there afterwards. Counts only; the bench measures throughput and latency.
 */
let world: PropertyWorld;

beforeAll(async () => {
  world = await makeProperty('RL');
});

const send: Send = (token, method, path, body) => call(token, method, path, body);

it('three front-desk clients working at once: no errors, no acknowledged write lost', async () => {
  const desk: Desk = {
    propertyId: world.property.id,
    frontDeskToken: world.tokens.front_desk,
    technicianToken: world.tokens.technician,
    technicianId: world.staff.technician.id,
    units: [world.unit, world.vacantUnit].map((u) => ({ id: u.id, roomCode: u.roomCode })),
  };
  const acknowledged = acknowledgedWrites();
  const outcomes = await Promise.all(
    [1, 2, 3].map((seed) =>
      runClient(send, desk, { rng: seededRandom(seed), more: (done) => done < 80, acknowledged }),
    ),
  );
  expect(outcomes.flatMap((o) => o.errors)).toEqual([]);
  expect(outcomes.reduce((n, o) => n + o.requests, 0)).toBeGreaterThanOrEqual(240);
  expect(acknowledged.tickets.size).toBeGreaterThan(10);
  expect(await lostWrites(send, desk, acknowledged)).toEqual([]);
}, 180_000);
