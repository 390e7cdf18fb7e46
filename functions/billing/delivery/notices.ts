/**
 * The delivery job: each property's new requests get their notice, once; on the reminder day (the
 * 18th unless the property set another) the households still owing before the due date get a
 * reminder, once. Requests are found through the notice-due list and the unpaid list (both sparse
 * indexes written with the request), never by scanning. The instant is the schedule's (`scheduledAt`),
 * so a test drives it with explicit instants.
 */
import type { Property } from '../../directory/records.ts';
import type { JobPayload, JobResult } from '../../jobs/index.ts';
import { zonedInstant } from '../../reports/periods.ts';
import { logger } from '../../shared/log.ts';
import { forEachProperty, propertyStore, type Store, type WriteOp } from '../../shared/store.ts';
import { billingIndexKeys, billingKeys, keys } from '../../shared/table.ts';
import { localDay } from '../../tickets/local-day.ts';
import { settingsOf } from '../collection/settings.ts';
import type { PaymentRequest } from '../records.ts';
import { sendToHousehold } from './send.ts';

/** Requests noticed per property and run: a large property's first day spreads over a few runs. */
const noticesPerRun = 1000;
/** Reminders go out in the property's morning, not at midnight. */
const reminderTime = '09:00';

/** The request leaves the notice-due list: `noticedAt` set, and the builder's notice-due keys removed. */
const noticed = (request: PaymentRequest, at: string): WriteOp => ({
  update: billingKeys.paymentRequest(request.propertyId, request.period, request.householdId),
  set: { noticedAt: at },
  remove: Object.keys(billingIndexKeys.noticeDue('', '', '')),
  condition: 'attribute_exists(#pk)',
});

async function sendNotices(store: Store, property: Property, now: Date): Promise<JobResult> {
  const { items } = await store.query<PaymentRequest>({
    index: 'queue',
    partition: billingIndexKeys.noticeDue(property.id, '', '').queuePk,
    limit: noticesPerRun,
  });
  let changed = 0;
  for (const request of items) {
    const sent = await sendToHousehold({
      store,
      property,
      request,
      kind: 'request',
      onceKey: `${request.period}#${request.householdId}#request`,
      extra: [noticed(request, now.toISOString())],
      sentBy: 'system',
      now,
    });
    if (sent) changed++;
    // Sent before (a rewrite of the request put it back on the list): only take it off again.
    else await store.apply([noticed(request, now.toISOString())], auditNoticed(request));
  }
  return { read: items.length, changed };
}

const auditNoticed = (request: PaymentRequest) => ({
  action: 'paymentRequest.noticed',
  entity: 'paymentRequest',
  entityId: request.id,
});

/** The reminder window of the property's current month: from the reminder day's morning to the due day. */
async function sendReminders(store: Store, property: Property, now: Date): Promise<JobResult> {
  const today = localDay(now, property.timeZone);
  const period = today.slice(0, 7);
  const settings = await settingsOf(store, property);
  const from = zonedInstant(
    `${period}-${String(settings.reminderDay).padStart(2, '0')}`,
    reminderTime,
    property.timeZone,
  );
  if (now < from) return { read: 0, changed: 0 };
  const done = keys.propertyUnique(property.id, 'reminders', period);
  if (await store.get(done)) return { read: 0, changed: 0 };
  let read = 0;
  let changed = 0;
  let cursor: string | undefined;
  do {
    const page = await store.query<PaymentRequest>({
      index: 'lookup',
      partition: billingIndexKeys.unpaidRequests(property.id, '', '', '', '').lookupPk,
      beginsWith: `${period}#`,
      limit: 100,
      cursor,
    });
    for (const request of page.items) {
      read++;
      // A request already past its due day is the collectors' now, not a reminder's.
      if (request.balanceCents <= 0 || request.dueDate < today) continue;
      const sent = await sendToHousehold({
        store,
        property,
        request,
        kind: 'reminder',
        onceKey: `${request.period}#${request.householdId}#reminder`,
        sentBy: 'system',
        now,
      });
      if (sent) changed++;
    }
    cursor = page.cursor ?? undefined;
  } while (cursor);
  await store.apply([{ put: { ...done, recordType: 'unique', at: now.toISOString() } }], {
    action: 'paymentRequest.remindersSent',
    entity: 'property',
    entityId: property.id,
    after: { period, reminders: changed },
  });
  return { read, changed };
}

/** One property at `now`, as its system. */
export async function deliverForProperty(propertyId: string, now: Date): Promise<JobResult> {
  const store = propertyStore(propertyId);
  const property = await store.get<Property>(keys.property(propertyId));
  if (!property) return { read: 0, changed: 0 };
  const notices = await sendNotices(store, property, now);
  const reminders = await sendReminders(store, property, now);
  return { read: notices.read + reminders.read, changed: notices.changed + reminders.changed };
}

/** The declared job `billing-delivery` (functions/jobs/index.ts). */
export async function runBillingDelivery(payload: JobPayload): Promise<JobResult> {
  const now = payload.scheduledAt ? new Date(payload.scheduledAt) : new Date();
  const results = await forEachProperty(async (propertyId) => {
    try {
      return await deliverForProperty(propertyId, now);
    } catch (error) {
      // One property's failure keeps no other's notices back; the next run tries again.
      logger.error('Billing delivery failed for a property', { propertyId, error: error as Error });
      return { read: 0, changed: 0 };
    }
  });
  return {
    read: results.reduce((n, r) => n + r.read, 0),
    changed: results.reduce((n, r) => n + r.changed, 0),
  };
}
