/**
 * A property with today's repairs (some completed, some open) and, on demand, a past of closed repairs
 * completed on earlier days, written straight into the table: the scenario of the reports bench
 * (bench/reports.ts).
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Property } from '../../functions/directory/records.ts';
import { membersOf, repairsContent } from '../../functions/reports/build.ts';
import { defaultReportSettings, periodOf } from '../../functions/reports/kinds.ts';
import { addDays, localDay } from '../../functions/reports/periods.ts';
import { ddb, trackDbUsage } from '../../functions/shared/db.ts';
import { newId } from '../../functions/shared/ids.ts';
import { type Item, propertyStore, toRecord } from '../../functions/shared/store.ts';
import { reportKeys, tableName } from '../../functions/shared/table.ts';
import { ticketItem } from '../../functions/tickets/items.ts';
import type { Ticket } from '../../functions/tickets/records.ts';
import { actOnTicket, recordContact } from '../../functions/tickets/service.ts';
import { asSystem } from './api.ts';
import { deskContact, makeProperty, type PropertyWorld } from './world.ts';

export interface ReportPlace {
  world: PropertyWorld;
  /** A repair completed today, as the API stored it: the model of the history's copies. */
  model: Ticket;
}

async function step(w: PropertyWorld, ticket: Ticket, action: string, input: object): Promise<Ticket> {
  const { ticket: next } = await actOnTicket({
    propertyId: w.property.id,
    ticketId: ticket.id,
    action,
    version: ticket.version,
    input,
  });
  return next as Ticket;
}

/** `done` repairs completed today and `open` ones still registered, taken through the API's functions. */
export async function todaysRepairs(code: string, done: number, open: number): Promise<ReportPlace> {
  const world = await makeProperty(code);
  return asSystem(async () => {
    let model: Ticket | undefined;
    for (let i = 0; i < done + open; i++) {
      const { ticket } = await recordContact({
        propertyId: world.property.id,
        contact: deskContact(world, { category: 'repair', summary: `今天的报修 ${i}` }) as never,
      });
      let t = ticket as Ticket;
      if (i >= done) continue;
      t = await step(world, t, 'verify', { inScope: true });
      t = await step(world, t, 'dispatch', {
        technicianId: world.staff.technician.id,
        appointmentAt: new Date().toISOString(),
      });
      t = await step(world, t, 'start', {});
      model = await step(world, t, 'complete', { workDone: '已修好', feeCents: 0, photoIds: [] });
    }
    return { world, model: model! };
  });
}

/** `count` closed repairs completed on the 60 days before today, each with its day's completion mark. */
export async function repairHistory(place: ReportPlace, count: number): Promise<void> {
  const { property } = place.world;
  const today = localDay(new Date(), property.timeZone);
  const shape = toRecord<Ticket>(place.model as unknown as Record<string, unknown>);
  const items: Item[] = [];
  for (let i = 0; i < count; i++) {
    const day = addDays(today, -1 - (i % 60));
    const at = `${day}T03:00:00.000Z`;
    const id = newId();
    items.push(
      ticketItem({
        ...shape,
        id,
        state: 'closed',
        nextDueAt: null,
        completion: { ...(shape.completion as object), at },
      }),
      { ...reportKeys.repairDone(property.id, day, id), recordType: 'repairDone', ticketId: id, day, at },
    );
  }
  const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) =>
    items.slice(i * 25, i * 25 + 25),
  );
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let request: Record<string, unknown[]> = {
        [tableName()]: batch.map((Item) => ({ PutRequest: { Item } })),
      };
      while (Object.keys(request).length) {
        const out = await ddb().send(new BatchWriteCommand({ RequestItems: request as never }));
        request = (out.UnprocessedItems ?? {}) as typeof request;
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

/** What producing today's 17:10 report reads: the staff (names) and the day's repairs. */
export async function readOfDailyReport(place: ReportPlace): Promise<{ itemsRead: number; done: number }> {
  const property: Property = place.world.property;
  const p = periodOf(
    'repairs-daily',
    localDay(new Date(), property.timeZone),
    property.timeZone,
    defaultReportSettings,
  );
  const { result, usage } = await asSystem(() =>
    trackDbUsage(async () => {
      const store = propertyStore(property.id);
      return repairsContent(store, property.id, p, property.timeZone, await membersOf(store, property.id));
    }),
  );
  return { itemsRead: usage.itemsRead, done: result.done.length };
}
