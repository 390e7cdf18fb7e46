/**
 * Sends one message to a household through the notification channels (SMS: the outbox locally, SNS in
 * AWS). The message is recorded before it is sent, in one transaction with its guard and whatever
 * else the caller writes, so a retried job that lost the guard sends nothing; the result is written
 * back afterwards, conditional on the record still being pending (as notify does for staff).
 */
import type { Household, Property } from '../../directory/records.ts';
import { channelFor, configuredProvider } from '../../notifications/channels/index.ts';
import type { Notification, OutboxEntry } from '../../notifications/records.ts';
import { AppError, conflict } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { logger } from '../../shared/log.ts';
import { maskPhone } from '../../shared/personal-data.ts';
import type { Store, WriteOp } from '../../shared/store.ts';
import { billingKeys, keys } from '../../shared/table.ts';
import type { PaymentRequest } from '../records.ts';
import { householdLinkPath, householdLinkToken } from './link.ts';
import type { HouseholdNotice, NoticeKind } from './records.ts';
import { noticeTexts } from './texts.ts';

const sendTimeoutMs = 10_000;

const notificationKind = {
  request: 'billing.notice',
  reminder: 'billing.reminder',
  collection: 'billing.collection',
} as const satisfies Record<NoticeKind, Notification['kind']>;

export interface SendInput {
  store: Store;
  property: Property;
  request: PaymentRequest;
  kind: NoticeKind;
  /** Unique per message that must go once (`<period>#<hid>#request`); absent, every call sends. */
  onceKey?: string;
  /** Written in the same transaction as the message's record (e.g. the request leaving the notice-due list). */
  extra?: WriteOp[];
  sentBy: string;
  now?: Date;
}

/** The message as the channel adapters take it: they read its title (the text) and link. */
function asNotification(notice: HouseholdNotice, link: string, onceKey: string): Notification {
  return {
    id: notice.id,
    propertyId: notice.propertyId,
    recipientId: notice.householdId,
    kind: notificationKind[notice.kind],
    title: notice.text,
    body: '',
    link,
    subject: { type: 'paymentRequest', id: notice.requestId },
    channels: ['sms'],
    deliveries: [],
    readAt: null,
    outboundPending: true,
    idempotencyKey: onceKey,
    version: 1,
    createdAt: notice.createdAt,
    updatedAt: notice.createdAt,
  };
}

async function sendSms(message: Notification, household: Household) {
  let provider = configuredProvider('sms');
  let timer: NodeJS.Timeout | undefined;
  try {
    const adapter = await channelFor('sms');
    provider = adapter.name;
    const result = await Promise.race([
      adapter.send(message, { id: household.id, name: household.name, email: '', phone: household.phone }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`No answer in ${sendTimeoutMs} ms`)), sendTimeoutMs);
      }),
    ]);
    return { provider, ...result };
  } catch (error) {
    return { provider, status: 'failed' as const, error: (error as Error).message || String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Records and sends the message; undefined when `onceKey` shows it was already sent (the extra writes
 * are then not made either: the caller decides what that means).
 */
export async function sendToHousehold(input: SendInput): Promise<HouseholdNotice | undefined> {
  const { store, property, request, kind } = input;
  const now = input.now ?? new Date();
  const household = await store.get<Household>(keys.household(property.id, request.householdId));
  const phone = household?.phone ?? '';
  const link = householdLinkPath(householdLinkToken(request, now));
  const createdAt = now.toISOString();
  const notice: HouseholdNotice = {
    id: newId(now.getTime()),
    propertyId: property.id,
    householdId: request.householdId,
    period: request.period,
    requestId: request.id,
    kind,
    channel: 'sms',
    provider: configuredProvider('sms'),
    to: maskPhone(phone),
    text: noticeTexts[kind]({
      propertyName: property.name,
      hotline: property.hotline,
      roomCode: request.roomCode,
      period: request.period,
      dueDate: request.dueDate,
      balanceCents: request.balanceCents,
    }),
    status: phone ? 'pending' : 'skipped',
    ...(phone ? {} : { error: 'No phone number' }),
    sentBy: input.sentBy,
    createdAt,
  };
  const onceKey = input.onceKey ?? `${request.period}#${request.householdId}#${notice.id}`;
  const noticeKey = billingKeys.householdNotice(property.id, request.householdId, request.period, notice.id);
  const outboxKey = keys.outbox(property.id, notice.id, 'sms');
  const outbox: Omit<OutboxEntry, 'createdAt'> = {
    id: `${notice.id}-sms`,
    notificationId: notice.id,
    propertyId: property.id,
    channel: 'sms',
    provider: notice.provider,
    recipientId: request.householdId,
    recipientName: request.householdName,
    to: notice.to,
    kind: notificationKind[kind],
    title: notice.text,
    body: '',
    link,
    status: notice.status,
    at: createdAt,
    ...(notice.error ? { error: notice.error } : {}),
  };
  try {
    await store.apply(
      [
        {
          put: {
            ...keys.propertyUnique(property.id, 'householdNotice', onceKey),
            recordType: 'unique',
            noticeId: notice.id,
          },
          condition: 'attribute_not_exists(#pk)',
          onFail: conflict('already_sent', 'This message was already sent'),
        },
        { put: { ...noticeKey, recordType: 'householdNotice', ...notice } },
        { put: { ...outboxKey, recordType: 'outbox', ...outbox, createdAt } },
        ...(input.extra ?? []),
      ],
      {
        action: `householdNotice.${kind}`,
        entity: 'paymentRequest',
        entityId: request.id,
        after: { to: notice.to },
      },
    );
  } catch (error) {
    if (error instanceof AppError && error.code === 'already_sent') return undefined;
    throw error;
  }
  if (notice.status !== 'pending') return notice;
  const sent = await sendSms(asNotification(notice, link, onceKey), household!);
  const deliveredAt = new Date().toISOString();
  const result = {
    status: sent.status,
    provider: sent.provider,
    deliveredAt,
    ...(sent.error ? { error: sent.error.slice(0, 500) } : {}),
  };
  try {
    await store.apply(
      [
        {
          update: noticeKey,
          set: result,
          condition: '#status = :pending',
          values: { ':pending': 'pending' },
        },
        {
          update: outboxKey,
          set: { status: sent.status, at: deliveredAt, provider: sent.provider, error: result.error },
          condition: '#status = :pending',
          values: { ':pending': 'pending' },
        },
      ],
      {
        action: 'householdNotice.deliver',
        entity: 'paymentRequest',
        entityId: request.id,
        after: { status: sent.status },
      },
    );
  } catch (error) {
    // The message went (or failed) either way; a record left pending shows in the arrears file.
    logger.warn('Could not write a household notice result', { noticeId: notice.id, error: error as Error });
    return notice;
  }
  return { ...notice, ...result };
}
