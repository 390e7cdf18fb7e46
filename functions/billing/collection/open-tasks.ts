/**
 * The collection job: once a property's local day begins, every unpaid request whose due day has
 * ended (the due day is before today in the property's time zone) gets its collection task, once,
 * and open tasks whose request has since been paid leave the worklist. A day's pass is marked done
 * only when it finished, so a crash is followed by a complete re-run; each step is idempotent
 * (a task is put only where none exists, a close is conditional on the task's version).
 */
import type { Property } from '../../directory/records.ts';
import type { JobPayload, JobResult } from '../../jobs/index.ts';
import { AppError, conflict } from '../../shared/errors.ts';
import { logger } from '../../shared/log.ts';
import { forEachProperty, propertyStore, type Store } from '../../shared/store.ts';
import { billingIndexKeys, billingKeys, keys } from '../../shared/table.ts';
import { localDay } from '../../tickets/local-day.ts';
import type { PaymentRequest } from '../records.ts';
import { collectionTaskItem } from './items.ts';
import type { CollectionTask } from './records.ts';

const taskKey = (r: { propertyId: string; period: string; householdId: string }) =>
  billingKeys.collectionTask(r.propertyId, r.period, r.householdId);

export function newTask(request: PaymentRequest, at: string): CollectionTask {
  return {
    id: `${request.period.replace('-', '')}${request.householdId}`,
    propertyId: request.propertyId,
    period: request.period,
    householdId: request.householdId,
    householdName: request.householdName,
    unitId: request.unitId,
    buildingId: request.buildingId,
    roomCode: request.roomCode,
    requestId: request.id,
    dueDate: request.dueDate,
    openedBalanceCents: request.balanceCents,
    openedAt: at,
    state: 'open',
    visits: 0,
    version: 1,
  };
}

/** Opens the tasks of requests overdue on `today`; the number opened. */
async function openTasks(store: Store, propertyId: string, today: string, at: string) {
  let opened = 0;
  let read = 0;
  let cursor: string | undefined;
  do {
    const page = await store.query<PaymentRequest>({
      index: 'lookup',
      partition: billingIndexKeys.unpaidRequests(propertyId, '', '', '', '').lookupPk,
      limit: 100,
      cursor,
    });
    read += page.items.length;
    const overdue = page.items.filter((r) => r.balanceCents > 0 && r.dueDate < today);
    const existing = new Set(
      (await store.batchGet<CollectionTask>(overdue.map(taskKey))).map((t) => `${t.period}#${t.householdId}`),
    );
    for (const request of overdue.filter((r) => !existing.has(`${r.period}#${r.householdId}`))) {
      const task = newTask(request, at);
      try {
        await store.apply(
          [
            {
              put: collectionTaskItem(task),
              condition: 'attribute_not_exists(#pk)',
              onFail: conflict('task_exists', 'The collection task is already open'),
            },
          ],
          {
            action: 'collectionTask.open',
            entity: 'collectionTask',
            entityId: task.id,
            after: { period: task.period, room: task.roomCode, balanceCents: task.openedBalanceCents },
          },
        );
        opened++;
      } catch (error) {
        // A concurrent run opened it first.
        if (!(error instanceof AppError && error.code === 'task_exists')) throw error;
      }
    }
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return { read, opened };
}

/** Closes a task; false when someone changed it meanwhile (it is looked at again the next day). */
export async function closeTask(store: Store, task: CollectionTask, at: string, reason: string) {
  const closed: CollectionTask = { ...task, state: 'closed', closedAt: at, version: task.version + 1 };
  await store.apply(
    [
      {
        put: collectionTaskItem(closed),
        condition: '#version = :v',
        values: { ':v': task.version },
        onFail: conflict('stale_version', 'The collection task was changed by someone else; reload it'),
      },
    ],
    { action: 'collectionTask.close', entity: 'collectionTask', entityId: task.id, after: { reason } },
  );
  return closed;
}

/** Takes paid requests' tasks off the worklist. */
async function closePaid(store: Store, propertyId: string, at: string) {
  let closed = 0;
  let cursor: string | undefined;
  do {
    const page = await store.query<CollectionTask>({
      index: 'listing',
      partition: billingIndexKeys.openCollectionTasks(propertyId, '', '', '', '').listingPk,
      limit: 100,
      cursor,
    });
    const requests = await store.batchGet<PaymentRequest>(
      page.items.map((t) => billingKeys.paymentRequest(propertyId, t.period, t.householdId)),
    );
    const owing = new Set(
      requests.filter((r) => r.balanceCents > 0).map((r) => `${r.period}#${r.householdId}`),
    );
    for (const task of page.items.filter((t) => !owing.has(`${t.period}#${t.householdId}`))) {
      try {
        await closeTask(store, task, at, 'paid');
        closed++;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'stale_version')) throw error;
      }
    }
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return closed;
}

/** One property at `now`, as its system: nothing until its local day's pass is due. */
export async function collectForProperty(propertyId: string, now: Date): Promise<JobResult> {
  const store = propertyStore(propertyId);
  const property = await store.get<Property>(keys.property(propertyId));
  if (!property) return { read: 0, changed: 0 };
  const today = localDay(now, property.timeZone);
  const mark = billingKeys.collectionDay(propertyId, today);
  if (await store.get(mark)) return { read: 1, changed: 0 };
  const at = now.toISOString();
  const { read, opened } = await openTasks(store, propertyId, today, at);
  const closed = await closePaid(store, propertyId, at);
  // Kept a few weeks (TTL): only today's mark is ever read.
  const expiresAt = Math.floor(now.getTime() / 1000) + 40 * 86_400;
  await store.apply(
    [{ put: { ...mark, recordType: 'collectionDay', day: today, opened, closed, at, expiresAt } }],
    {
      action: 'collection.dayDone',
      entity: 'property',
      entityId: propertyId,
      after: { day: today, opened, closed },
    },
  );
  return { read, changed: opened + closed };
}

/** The declared job `billing-collection` (functions/jobs/index.ts). */
export async function runCollection(payload: JobPayload): Promise<JobResult> {
  const now = payload.scheduledAt ? new Date(payload.scheduledAt) : new Date();
  const results = await forEachProperty(async (propertyId) => {
    try {
      return await collectForProperty(propertyId, now);
    } catch (error) {
      logger.error('Collection failed for a property', { propertyId, error: error as Error });
      return { read: 0, changed: 0 };
    }
  });
  return {
    read: results.reduce((n, r) => n + r.read, 0),
    changed: results.reduce((n, r) => n + r.changed, 0),
  };
}
