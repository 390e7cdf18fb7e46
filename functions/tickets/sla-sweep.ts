/**
 * The SLA check job (every minute): reads only the sparse `due` index up to `now`, re-reads each due
 * ticket from its property's partition and records its due moments — warning, breach, escalation step —
 * once each. Notifications go first through `notify` (idempotent on `sla:<ticket>:<moment key>:<who>`),
 * then one transaction conditioned on the ticket's version records the moments (breach records, day
 * counters, timeline entries) and re-keys `dueSk` to the next moment: an overlapping run or a retry
 * finds the ticket changed or its moments done, and writes nothing.
 */
import type { JobPayload, JobResult } from '../jobs/index.ts';
import { asSystemOf, systemStaffId } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { count } from '../shared/log.ts';
import { propertyStore, readDue, type Store, updateFrom, type WriteOp } from '../shared/store.ts';
import { dueShards, ticketKeys } from '../shared/table.ts';
import { breachCounters, figureOps } from './figures.ts';
import { slaBreachItem, ticketEventItem, ticketItem } from './items.ts';
import { settleUrgentNotice } from './notice-delivery.ts';
import type { Ticket } from './records.ts';
import { type SlaMoment, slaMoments } from './sla-moments.ts';
import {
  headOfficeOnce,
  notifyMoment,
  type PropertyContext,
  propertyContext,
  recipientsOf,
} from './sla-notify.ts';

export interface SweepResult extends JobResult {
  /** Moments recorded by this run. */
  events: { ticketId: string; key: string }[];
}

/** Records the due moments of one ticket; returns the keys recorded (none when another run won). */
async function sweepTicket(
  store: Store,
  ticket: Ticket,
  due: SlaMoment[],
  ctx: PropertyContext,
  now: Date,
): Promise<string[]> {
  for (const moment of due) await notifyMoment(ticket, moment, ctx);
  const recorded = [...((ticket.slaRecorded as string[] | undefined) ?? []), ...due.map((m) => m.key)];
  const rest = slaMoments({ ...ticket, slaRecorded: recorded }, ctx.settings);
  const next = rest[0]?.at ?? null;
  const at = now.toISOString();
  const breaches = due.filter((m) => m.type === 'breach');
  const escalations = due.filter((m) => m.type === 'escalation');
  const ops: WriteOp[] = [];
  for (const b of breaches) {
    ops.push({
      put: slaBreachItem({
        propertyId: ticket.propertyId,
        ticketId: ticket.id,
        kind: ticket.kind,
        clock: b.clock,
        clockStartedAt: b.start,
        dueAt: b.at,
        recordedAt: at,
      }),
      condition: 'attribute_not_exists(#pk)',
    });
  }
  ops.push(...figureOps(ctx.property, breachCounters(ticket, breaches, ctx.property.timeZone)));
  for (const e of due) {
    // A warning and a missed appointment are told, not recorded on the timeline (the job shows the latter).
    if (e.type === 'warning' || e.type === 'appointment') continue;
    ops.push({
      put: ticketEventItem(ticket, {
        action: e.type === 'escalation' ? 'sla.escalate' : 'sla.breach',
        from: ticket.state,
        to: ticket.state,
        input: e.type === 'escalation' ? { step: e.step, notify: e.notify } : { clock: e.clock },
        recipients: await recipientsOf(ticket, e, ctx),
        slaEvents: [],
        domainEvents: [],
        at,
        by: systemStaffId,
      }),
    });
  }
  const changes: Partial<Ticket> = {
    slaRecorded: recorded,
    ...(breaches.length
      ? {
          breaches: [
            ...((ticket.breaches as unknown[] | undefined) ?? []),
            ...breaches.map((b) => ({
              clock: b.clock,
              clockStartedAt: b.start,
              dueAt: b.at,
              recordedAt: at,
            })),
          ],
        }
      : {}),
    ...(escalations.length
      ? {
          escalations: [
            ...((ticket.escalations as unknown[] | undefined) ?? []),
            ...escalations.map((e) => ({ step: e.step, notify: e.notify, dueAt: e.at, recordedAt: at })),
          ],
        }
      : {}),
    nextDueAt: next,
    version: ticket.version + 1,
    updatedAt: at,
  };
  ops.unshift({
    ...updateFrom(ticketItem({ ...ticket, ...changes }), Object.keys(changes)),
    condition: '#version = :expected',
    values: { ':expected': ticket.version },
  });
  try {
    await store.apply(ops, {
      action: 'ticket.sla',
      entity: 'ticket',
      entityId: ticket.id,
      before: { kind: ticket.kind, version: ticket.version },
      after: { kind: ticket.kind, version: ticket.version + 1, recorded: due.map((m) => m.key).join(', ') },
    });
    count('SlaBreaches', breaches.length);
    return due.map((m) => m.key);
  } catch (error) {
    // Another run (or a staff action) changed the ticket first: the next minute sees its new state.
    if (error instanceof AppError) return [];
    throw error;
  }
}

/** One run of the SLA check at `now`: each due ticket is handled as the system of its property. */
export async function sweepSla(now: Date): Promise<SweepResult> {
  const contexts = new Map<string, Promise<PropertyContext | null>>();
  const headOffice = headOfficeOnce();
  const result: SweepResult = { read: 0, changed: 0, events: [] };
  let failed: unknown;
  for (let shard = 0; shard < dueShards; shard++) {
    for await (const { propertyId, ticketId } of readDue('sla', shard, now.toISOString())) {
      result.read += 1;
      // Each entry's work runs as the system of its own property.
      await asSystemOf(propertyId, async () => {
        const store = propertyStore(propertyId);
        if (!contexts.has(propertyId))
          contexts.set(propertyId, propertyContext(store, propertyId, headOffice));
        const ctx = await contexts.get(propertyId)!;
        if (!ctx) return;
        const stored = await store.get<Ticket>(ticketKeys.ticket(propertyId, ticketId), { consistent: true });
        if (!stored) return;
        // An urgent notice the ladder has delivered since stops its clock before its breach is weighed.
        const ticket = await settleUrgentNotice(store, stored, ctx);
        // The due instant itself is still on time (clock.ts isBreached): a breach is strictly after it.
        const at = now.toISOString();
        // An appointment is missed only once its time has passed, like a breach.
        const due = slaMoments(ticket, ctx.settings).filter((m) =>
          m.type === 'breach' || m.type === 'appointment' ? m.at < at : m.at <= at,
        );
        if (!due.length) return;
        let keysDone: string[];
        try {
          keysDone = await sweepTicket(store, ticket, due, ctx, now);
        } catch (error) {
          // One ticket the database failed on does not hold up the others; the run still fails (below),
          // so the scheduler retries it and the next run finds this ticket's moments still due.
          failed ??= error;
          return;
        }
        if (keysDone.length) result.changed += 1;
        result.events.push(...keysDone.map((key) => ({ ticketId, key })));
      });
    }
  }
  if (failed) throw failed;
  return result;
}

/** The job entry point: `scheduledAt` (the run's idempotency key) is the sweep's now. */
export const runSlaCheck = async (payload: JobPayload): Promise<SweepResult> =>
  sweepSla(payload.scheduledAt ? new Date(payload.scheduledAt) : new Date());
