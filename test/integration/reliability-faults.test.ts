import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgedWrites, type Desk, lostWrites, runClient, type Send } from '../../bench/load-traffic.ts';
import { runJob } from '../../functions/jobs/run.ts';
import type { Notification } from '../../functions/notifications/records.ts';
import type { Ticket } from '../../functions/tickets/records.ts';
import { call } from '../support/api.ts';
import { type FaultInjector, type FaultKind, injectFaults, seededRandom } from '../support/faults.ts';
import { partialRecords } from '../support/faults-records.ts';
import { makeHeadOffice, makeProperty, type PropertyWorld } from '../support/world.ts';

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
  const place = await makeProperty('RJ');
  const hq = await makeHeadOffice();
  const recorded = await call<{ ticket: Ticket }>(
    place.tokens.front_desk,
    'POST',
    `/api/tickets/properties/${place.property.id}/contacts`,
    {
      time: new Date(Date.now() - 30_000).toISOString(),
      channel: 'phone',
      caller: { name: '王芳', phone: '13812345678' },
      unitId: place.unit.id,
      householdId: place.household.id,
      category: 'complaint',
      summary: '电梯困人，无人应答',
      ticket: { category: 'facilities', severity: 'urgent' },
    },
  );
  expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
  const ticket = recorded.body.ticket;
  // Past the head-office step: the run has three escalation steps to record and notify.
  const scheduledAt = new Date(Date.parse(ticket.openedAt) + 31 * 60_000).toISOString();

  faults = injectFaults({ rate: 0.1, seed: 7 });
  let succeeded = false;
  for (let attempt = 0; attempt < 60 && !succeeded; attempt++) {
    try {
      await runJob({ job: 'sla-check', scheduledAt });
      succeeded = true;
    } catch {
      // a fault stopped this run; the next one picks up where it left off
    }
  }
  // A scheduler retries a run that succeeded too (at-least-once delivery).
  for (let retry = 0; retry < 3; retry++) await runJob({ job: 'sla-check', scheduledAt }).catch(() => {});
  const injected = faults.counts.failed;
  faults.remove();
  await runJob({ job: 'sla-check', scheduledAt });

  expect(succeeded).toBe(true);
  expect(injected).toBeGreaterThan(0);
  const detail = await call<{ timeline: { action: string; input: { step?: number } }[] }>(
    place.tokens.front_desk,
    'GET',
    `/api/tickets/properties/${place.property.id}/tickets/${ticket.id}`,
  );
  const steps = detail.body.timeline.filter((e) => e.action === 'sla.escalate').map((e) => e.input.step);
  expect(steps.sort()).toEqual([0, 1, 2]);
  const urgentTo = async (token: string) =>
    (
      await call<{ items: Notification[] }>(token, 'GET', '/api/notifications/inbox?limit=100')
    ).body.items.filter((n) => n.subject.id === ticket.id && n.kind === 'complaint.urgent');
  expect(await urgentTo(place.tokens.property_manager)).toHaveLength(1);
  expect(await urgentTo(place.tokens.front_desk)).toHaveLength(1);
  expect(await urgentTo(hq.token)).toHaveLength(1);
  expect(await partialRecords(place.property.id)).toEqual([]);
});
