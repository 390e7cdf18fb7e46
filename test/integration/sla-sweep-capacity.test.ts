import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ddb, trackDbUsage } from '../../functions/shared/db.ts';
import { newId } from '../../functions/shared/ids.ts';
import { tableName, ticketIndexKeys, ticketKeys } from '../../functions/shared/table.ts';
import type { Ticket } from '../../functions/tickets/service.ts';
import { sweepSla } from '../../functions/tickets/sla-sweep.ts';
import { asSystem, call } from '../support/api.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

let world: PropertyWorld;

beforeAll(async () => {
  world = await makeProperty('CP');
});

const MINUTE = 60_000;

/** `count` open tickets whose next SLA moment is days away, written straight into the table. */
async function openNotDue(count: number) {
  const far = new Date(Date.now() + 3 * 24 * 60 * MINUTE).toISOString();
  const items = Array.from({ length: count }, () => {
    const id = newId();
    return {
      ...ticketKeys.ticket(world.property.id, id),
      ...ticketIndexKeys.ticketsOfProperty(world.property.id, 'complaint', 'recorded', id),
      ...ticketIndexKeys.due(world.property.id, id, far),
      recordType: 'ticket',
      id,
      propertyId: world.property.id,
      kind: 'complaint',
      severity: 'normal',
      state: 'recorded',
      openedAt: new Date().toISOString(),
      nextDueAt: far,
      slas: {},
      version: 1,
    };
  });
  const batches = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  for (let i = 0; i < batches.length; i += 8) {
    await Promise.all(
      batches.slice(i, i + 8).map(async (batch) => {
        let request = { [tableName()]: batch.map((Item) => ({ PutRequest: { Item } })) };
        while (Object.keys(request).length) {
          const out = await ddb().send(new BatchWriteCommand({ RequestItems: request }));
          request = (out.UnprocessedItems ?? {}) as typeof request;
        }
      }),
    );
  }
}

/** The same due set each time: three urgent complaints recorded 30 s ago, swept a minute later. */
async function dueSet(): Promise<{ tickets: Ticket[]; now: Date }> {
  const time = new Date(Date.now() - 30_000).toISOString();
  const tickets: Ticket[] = [];
  for (let i = 0; i < 3; i++) {
    const reply = await call<{ ticket: Ticket }>(
      world.tokens.front_desk,
      'POST',
      `/api/tickets/properties/${world.property.id}/contacts`,
      {
        time,
        channel: 'phone',
        caller: { name: '王芳', phone: '13812345678' },
        unitId: world.unit.id,
        householdId: world.household.id,
        category: 'complaint',
        summary: '电梯困人',
        ticket: { category: 'facilities', severity: 'urgent' },
      },
    );
    expect(reply.status).toBe(201);
    tickets.push(reply.body.ticket);
  }
  return { tickets, now: new Date(Date.parse(time) + MINUTE) };
}

async function measuredSweep(now: Date) {
  return asSystem(() => trackDbUsage(() => sweepSla(now)));
}

describe('SLA check job reads only what is due', () => {
  it('a sweep with 1,000 and with 5,000 open not-yet-due tickets and the same due set reads the same units', async () => {
    // Settle whatever makeProperty left due, so each measured run has exactly its own due set.
    await asSystem(() => sweepSla(new Date(Date.now() + MINUTE)));
    await openNotDue(1_000);
    const first = await dueSet();
    const small = await measuredSweep(first.now);
    expect(small.result.events).toHaveLength(3);
    expect(small.result.read).toBe(3);

    await openNotDue(4_000);
    const second = await dueSet();
    const large = await measuredSweep(second.now);
    expect(large.result.events).toHaveLength(3);
    expect(large.result.read).toBe(3);
    expect(large.usage.readUnits).toBeGreaterThan(0);
    // The same work: only the due entries' sizes (rounded per 4 KB of a Query page) may differ by a
    // half unit; reading the 4,000 extra open tickets would cost hundreds of units.
    expect(Math.abs(large.usage.readUnits - small.usage.readUnits)).toBeLessThanOrEqual(1);
  }, 120_000);
});
