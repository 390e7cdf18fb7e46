/** The collectors' worklist and what they do from it: log a visit, send a reminder, ask for a waiver. */
import * as z from 'zod/mini';
import type { Building, Household } from '../../directory/records.ts';
import { useActor } from '../../shared/actor.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../shared/errors.ts';
import { fn } from '../../shared/fn.ts';
import { newId } from '../../shared/ids.ts';
import { maskPhone } from '../../shared/personal-data.ts';
import { propertyStore, type Store } from '../../shared/store.ts';
import { billingIndexKeys, billingKeys, keys } from '../../shared/table.ts';
import { localDay } from '../../tickets/local-day.ts';
import { sendToHousehold } from '../delivery/send.ts';
import type { PaymentRequest } from '../records.ts';
import { collectionTaskItem, collectionVisitItem } from './items.ts';
import type { CollectionTask, CollectionVisit } from './records.ts';
import { taskParams, versionBody, visitBody, waiverBody, worklistQuery } from './schemas.ts';
import { propertyOf } from './settings.ts';

/** Open tasks by building and room (natural order), with what each request owes now. */
export const listWorklist = fn(
  z.extend(worklistQuery, { propertyId: z.string() }),
  async ({ propertyId, buildingId, cursor, limit }) => {
    const store = propertyStore(propertyId);
    await propertyOf(store, propertyId);
    const page = await store.query<CollectionTask>({
      index: 'listing',
      partition: billingIndexKeys.openCollectionTasks(propertyId, '', '', '', '').listingPk,
      ...(buildingId ? { beginsWith: `${buildingId}#` } : {}),
      cursor,
      limit: limit ?? 50,
    });
    const tasks = page.items;
    const [requests, households, buildings] = await Promise.all([
      store.batchGet<PaymentRequest>(
        tasks.map((t) => billingKeys.paymentRequest(propertyId, t.period, t.householdId)),
      ),
      store.batchGet<Household>(
        [...new Set(tasks.map((t) => t.householdId))].map((h) => keys.household(propertyId, h)),
      ),
      store.batchGet<Building>(
        [...new Set(tasks.map((t) => t.buildingId))].map((b) => keys.building(propertyId, b)),
      ),
    ]);
    const balance = new Map(requests.map((r) => [`${r.period}#${r.householdId}`, r.balanceCents]));
    const phone = new Map(households.map((h) => [h.id, maskPhone(h.phone)]));
    const building = new Map(buildings.map((b) => [b.id, b.name]));
    return {
      items: tasks.map((t) => ({
        ...t,
        balanceCents: balance.get(`${t.period}#${t.householdId}`) ?? 0,
        buildingName: building.get(t.buildingId) ?? '',
        phone: phone.get(t.householdId) ?? '',
      })),
      cursor: page.cursor,
    };
  },
);

async function taskOf(store: Store, propertyId: string, month: string, householdId: string) {
  const task = await store.get<CollectionTask>(billingKeys.collectionTask(propertyId, month, householdId), {
    consistent: true,
  });
  if (!task) throw notFound('Collection task');
  return task;
}

const fresh = (task: CollectionTask, version: number) => {
  if (task.version !== version)
    throw conflict('stale_version', 'The collection task was changed by someone else; reload it', {
      currentVersion: task.version,
    });
};

const putTask = (task: CollectionTask, expected: number) => ({
  put: collectionTaskItem(task),
  condition: '#version = :v',
  values: { ':v': expected },
  onFail: conflict('stale_version', 'The collection task was changed by someone else; reload it'),
});

export const getTask = fn(taskParams, async ({ propertyId, month, householdId }) =>
  taskOf(propertyStore(propertyId), propertyId, month, householdId),
);

/**
 * A visit: its log entry and the task's last outcome, promise and next visit, in one transaction. A
 * visit that found the request paid in full closes the task.
 */
export const logVisit = fn(
  z.extend(taskParams, { body: visitBody }),
  async ({ propertyId, month, householdId, body }) => {
    const actor = useActor();
    const store = propertyStore(propertyId);
    const task = await taskOf(store, propertyId, month, householdId);
    fresh(task, body.version);
    if (task.state !== 'open') throw conflict('task_closed', 'This collection task is closed');
    const request = await store.get<PaymentRequest>(
      billingKeys.paymentRequest(propertyId, month, householdId),
    );
    const at = new Date().toISOString();
    const visit: CollectionVisit = {
      id: newId(),
      propertyId,
      householdId,
      period: month,
      at,
      collectorId: actor.staffId,
      collectorName: actor.name,
      outcome: body.outcome,
      ...(body.promisedDate ? { promisedDate: body.promisedDate } : {}),
      ...(body.nextVisitDate ? { nextVisitDate: body.nextVisitDate } : {}),
      note: body.note,
    };
    const paidInFull = body.outcome === 'paid' && (request?.balanceCents ?? 0) <= 0;
    const next: CollectionTask = {
      ...task,
      visits: task.visits + 1,
      lastOutcome: body.outcome,
      lastVisitAt: at,
      promisedDate: body.promisedDate ?? (body.outcome === 'promised' ? task.promisedDate : undefined),
      nextVisitDate: body.nextVisitDate,
      ...(paidInFull ? { state: 'closed' as const, closedAt: at } : {}),
      version: task.version + 1,
    };
    await store.apply(
      [
        putTask(next, task.version),
        { put: collectionVisitItem(visit), condition: 'attribute_not_exists(#pk)' },
      ],
      {
        action: 'collectionTask.visit',
        entity: 'collectionTask',
        entityId: task.id,
        after: {
          outcome: body.outcome,
          promisedDate: body.promisedDate ?? null,
          nextVisitDate: body.nextVisitDate ?? null,
        },
      },
    );
    return { task: next, visit };
  },
);

/** A reminder through the notification channel from the worklist: at most one per task and day. */
export const sendCollectionReminder = fn(taskParams, async ({ propertyId, month, householdId }) => {
  const actor = useActor();
  const store = propertyStore(propertyId);
  const task = await taskOf(store, propertyId, month, householdId);
  if (task.state !== 'open') throw conflict('task_closed', 'This collection task is closed');
  const property = await propertyOf(store, propertyId);
  const request = await store.get<PaymentRequest>(billingKeys.paymentRequest(propertyId, month, householdId));
  if (!request) throw notFound('Payment request');
  const today = localDay(new Date(), property.timeZone);
  const notice = await sendToHousehold({
    store,
    property,
    request,
    kind: 'collection',
    onceKey: `${month}#${householdId}#collection#${today}`,
    sentBy: actor.staffId,
  });
  if (!notice) throw conflict('already_reminded', 'A reminder about this request already went out today');
  return notice;
});

/** Asks that the late fee of this request be waived; finance approves it (another person). */
export const requestWaiver = fn(
  z.extend(taskParams, { body: waiverBody }),
  async ({ propertyId, month, householdId, body }) => {
    const actor = useActor();
    const store = propertyStore(propertyId);
    const task = await taskOf(store, propertyId, month, householdId);
    fresh(task, body.version);
    if (task.lateFeeWaiver?.approvedAt) throw conflict('waiver_approved', 'The late fee is already waived');
    const next: CollectionTask = {
      ...task,
      lateFeeWaiver: {
        reason: body.reason,
        requestedBy: actor.staffId,
        requestedByName: actor.name,
        requestedAt: new Date().toISOString(),
      },
      version: task.version + 1,
    };
    await store.apply([putTask(next, task.version)], {
      action: 'collectionTask.waiverRequest',
      entity: 'collectionTask',
      entityId: task.id,
      after: { reason: body.reason },
    });
    return next;
  },
);

export const approveWaiver = fn(
  z.extend(taskParams, { body: versionBody }),
  async ({ propertyId, month, householdId, body }) => {
    const actor = useActor();
    const store = propertyStore(propertyId);
    const task = await taskOf(store, propertyId, month, householdId);
    fresh(task, body.version);
    const waiver = task.lateFeeWaiver;
    if (!waiver) throw unprocessable('no_waiver_request', 'Nobody asked for this late fee to be waived');
    if (waiver.approvedAt) throw conflict('waiver_approved', 'The late fee is already waived');
    if (waiver.requestedBy === actor.staffId)
      throw forbidden('A waiver is approved by someone other than who asked for it');
    const next: CollectionTask = {
      ...task,
      lateFeeWaiver: {
        ...waiver,
        approvedBy: actor.staffId,
        approvedByName: actor.name,
        approvedAt: new Date().toISOString(),
      },
      version: task.version + 1,
    };
    await store.apply([putTask(next, task.version)], {
      action: 'collectionTask.waiverApprove',
      entity: 'collectionTask',
      entityId: task.id,
      after: { requestedBy: waiver.requestedByName },
    });
    return next;
  },
);
