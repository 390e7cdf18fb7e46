import type { Staff } from '../directory/records.ts';
import { useActor } from '../shared/actor.ts';
import { AppError, conflict, unprocessable } from '../shared/errors.ts';
import { fn } from '../shared/fn.ts';
import { newId } from '../shared/ids.ts';
import { count, logger } from '../shared/log.ts';
import { maskPhone } from '../shared/personal-data.ts';
import { type Item, propertyStore, type Store, staffStore, type WriteOp } from '../shared/store.ts';
import { indexKeys, keys } from '../shared/table.ts';
import { channelFor, configuredProvider, type Recipient } from './channels/index.ts';
import type { ChannelName, Delivery, Notification, OutboundChannel, OutboxEntry } from './records.ts';
import { channelNames, type NotifyInput, notifyInput } from './schemas.ts';

/** A channel that has not answered by then counts as failed; the in-app notification stands regardless. */
const sendTimeoutMs = 10_000;

export const guardKey = (input: { propertyId: string; idempotencyKey: string }) =>
  keys.propertyUnique(input.propertyId, 'notify', input.idempotencyKey);

/** The notification an idempotency key already made, if any. */
async function findExisting(
  store: Store,
  input: { propertyId: string; recipientId: string; idempotencyKey: string },
  consistent: boolean,
): Promise<Notification | undefined> {
  const guard = await store.get<{ notificationId: string }>(guardKey(input), { consistent });
  if (!guard) return undefined;
  const found = await store.get<Notification>(keys.notification(input.propertyId, guard.notificationId), {
    consistent: true,
  });
  if (!found) throw new Error(`Idempotency guard ${input.idempotencyKey} points at a missing notification`);
  if (found.recipientId !== input.recipientId)
    throw conflict('idempotency_key_reused', 'This idempotency key was used for another recipient');
  return found;
}

/** The recipient must be an active staff member of the property (or head office). */
async function readRecipient(recipientId: string, propertyId: string): Promise<Staff> {
  // Someone the notifier may not see is, to them, nobody.
  const staff = await staffStore<Staff>(recipientId).then(
    (found) => found.staff,
    (error: unknown) => {
      if (error instanceof AppError && error.status === 404) return undefined;
      throw error;
    },
  );
  if (!staff?.active) throw unprocessable('unknown_recipient', 'The recipient is not an active staff member');
  if (!staff.roles.includes('head_office') && !staff.propertyIds.includes(propertyId))
    throw unprocessable('recipient_not_member', 'The recipient does not work in this property');
  return staff;
}

const outboundAddress = (channel: OutboundChannel, staff: Staff) =>
  channel === 'email' ? staff.email : staff.phone;

function newNotification(input: ReturnType<typeof notifyInput.parse>, staff: Staff) {
  const notificationId = newId();
  // Written in the recipient's language (their staff record's); Chinese when they chose none.
  const { title, body } = staff.language === 'en' && input.en ? input.en : input;
  const at = new Date().toISOString();
  const channels: ChannelName[] = channelNames.filter((c) => c === 'inApp' || input.channels.includes(c));
  const deliveries: Delivery[] = channels.map((channel) => {
    if (channel === 'inApp') return { channel, status: 'sent', at, provider: 'inApp' };
    const provider = configuredProvider(channel);
    return outboundAddress(channel, staff)
      ? { channel, status: 'pending', at, provider }
      : { channel, status: 'skipped', at, provider, error: `No ${channel === 'email' ? 'e-mail' : 'phone'}` };
  });
  const item: Item = {
    ...keys.notification(input.propertyId, notificationId),
    ...indexKeys.inboxOfStaff(staff.id, notificationId),
    recordType: 'notification',
    id: notificationId,
    propertyId: input.propertyId,
    recipientId: staff.id,
    kind: input.kind,
    title,
    body,
    link: input.link,
    subject: input.subject,
    channels,
    deliveries,
    readAt: null,
    outboundPending: deliveries.some((d) => d.status === 'pending'),
    idempotencyKey: input.idempotencyKey,
  };
  const outbox: WriteOp[] = deliveries
    .filter((d): d is Delivery & { channel: OutboundChannel } => d.channel !== 'inApp')
    .map((d) => {
      const entry: Omit<OutboxEntry, 'createdAt'> = {
        id: `${notificationId}-${d.channel}`,
        notificationId,
        propertyId: input.propertyId,
        channel: d.channel,
        provider: d.provider ?? 'outbox',
        recipientId: staff.id,
        recipientName: staff.name,
        // Listed on the outbox page: a phone number is stored there masked, like everywhere it is listed.
        to: d.channel === 'sms' ? maskPhone(staff.phone ?? '') : (staff.email ?? ''),
        kind: input.kind,
        title,
        body,
        link: input.link,
        status: d.status,
        at,
        ...(d.error ? { error: d.error } : {}),
      };
      return {
        put: {
          ...keys.outbox(input.propertyId, notificationId, d.channel),
          recordType: 'outbox',
          ...entry,
          createdAt: at,
        },
      };
    });
  return { item, outbox };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sendWithTimeout(channel: OutboundChannel, notification: Notification, recipient: Recipient) {
  let provider = configuredProvider(channel);
  let timer: NodeJS.Timeout | undefined;
  try {
    // A misconfigured channel (unknown NOTIFY_EMAIL/NOTIFY_SMS) fails its delivery, not the notification.
    const adapter = await channelFor(channel);
    provider = adapter.name;
    const result = await Promise.race([
      adapter.send(notification, recipient),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`No answer in ${sendTimeoutMs} ms`)), sendTimeoutMs);
      }),
    ]);
    return { provider, ...result };
  } catch (error) {
    return {
      provider,
      status: 'failed' as const,
      error: (error as Error).message || String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends the pending outbound channels and writes their results back to the notification and its
 * outbox entries, conditional on the results not being written yet (`outboundPending`).
 */
async function deliver(store: Store, notification: Notification, staff: Staff): Promise<Notification> {
  const pending = notification.deliveries.filter((d) => d.status === 'pending');
  if (!pending.length) return notification;
  const recipient: Recipient = { id: staff.id, name: staff.name, email: staff.email, phone: staff.phone };
  const results: Delivery[] = await Promise.all(
    pending.map(async (d) => {
      const sent = await sendWithTimeout(d.channel as OutboundChannel, notification, recipient);
      return {
        channel: d.channel,
        status: sent.status,
        at: new Date().toISOString(),
        provider: sent.provider,
        ...(sent.error ? { error: sent.error.slice(0, 500) } : {}),
      };
    }),
  );
  count('NotificationsSent', results.filter((r) => r.status === 'sent').length);
  count('NotificationsFailed', results.filter((r) => r.status !== 'sent').length);
  const deliveries = notification.deliveries.map((d) => results.find((r) => r.channel === d.channel) ?? d);
  const at = new Date().toISOString();
  const { propertyId, id } = notification;
  try {
    await store.apply(
      [
        {
          update: keys.notification(propertyId, id),
          set: { deliveries, outboundPending: false, updatedAt: at },
          condition: '#outboundPending = :pending',
          values: { ':pending': true },
          onFail: conflict('already_delivered', 'The delivery results were already written'),
        },
        ...results.map(
          (r): WriteOp => ({
            update: keys.outbox(propertyId, id, r.channel),
            set: { status: r.status, at: r.at, provider: r.provider, error: r.error },
            condition: '#status = :pending',
            values: { ':pending': 'pending' },
          }),
        ),
      ],
      {
        action: 'notification.deliver',
        entity: 'notification',
        entityId: id,
        after: { deliveries: results.map((r) => `${r.channel}:${r.status}`).join(', ') },
      },
    );
  } catch (error) {
    // The messages went (or failed) either way; a record left `pending` is visible on the outbox page.
    logger.warn('Could not write notification delivery results', {
      notificationId: id,
      error: error as Error,
    });
    return notification;
  }
  return { ...notification, deliveries, outboundPending: false, updatedAt: at };
}

/**
 * Tells one staff member about something in one property: an in-app notification (their unread count
 * goes up in the same transaction), plus e-mail and/or SMS through the configured channels. Called by
 * other domains and jobs, as the system or as a staff member of the property.
 *
 * Idempotent on `idempotencyKey`: the key's guard item is written in the same transaction, so a second
 * call (a retried job, or a concurrent duplicate) writes and sends nothing and returns the first
 * notification.
 */
export const notify = fn(notifyInput, async (input): Promise<Notification> => {
  const store = propertyStore(input.propertyId, useActor());
  const existing = await findExisting(store, input, false);
  if (existing) return existing;
  const staff = await readRecipient(input.recipientId, input.propertyId);
  for (let attempt = 0; ; attempt++) {
    const { item, outbox } = newNotification(input, staff);
    try {
      const created = await store.create<Notification>(
        item,
        { action: 'notification.create', entity: 'notification', entityId: item.id as string },
        {
          extra: [
            {
              put: { ...guardKey(input), recordType: 'unique', notificationId: item.id },
              condition: 'attribute_not_exists(#pk)',
              onFail: conflict('duplicate_notification', 'This notification was already sent'),
            },
            {
              update: keys.inboxCounter(staff.id),
              add: { unread: 1 },
              set: { recordType: 'inboxCounter', staffId: staff.id },
            },
            ...outbox,
          ],
        },
      );
      return await deliver(store, created, staff);
    } catch (error) {
      const raced = error instanceof AppError && ['duplicate_notification', 'busy'].includes(error.code);
      if (!raced) throw error;
      // Lost to a concurrent call with the same key: answer with what it made.
      const winner = await findExisting(store, input, true);
      if (winner) return winner;
      if (attempt >= 4) throw error;
      await sleep(20 + Math.random() * 80 * (attempt + 1));
    }
  }
});

export type { NotifyInput };
