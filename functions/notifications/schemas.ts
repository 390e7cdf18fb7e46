import * as z from 'zod/mini';
import { id, pageQuery } from '../directory/schemas.ts';
import { components, page } from '../shared/openapi.ts';
import { channelNames, deliveryStatuses, notificationKinds } from './enums.ts';

export { channelNames, deliveryStatuses, id, notificationKinds };

/** Printable ASCII without spaces: `sla:<ticketId>:<event>:<recipient>`. */
const idempotencyKey = z
  .string()
  .check(z.minLength(1), z.maxLength(200), z.regex(/^[\x21-\x7e]+$/, 'Printable ASCII without spaces'));

const title = z.string().check(z.trim(), z.minLength(1), z.maxLength(120));
const body = z._default(z.string().check(z.trim(), z.maxLength(2000)), '');

export const notifyInput = z.strictObject({
  propertyId: id,
  recipientId: id,
  kind: z.enum(notificationKinds),
  /** In Chinese: what a recipient reads unless they chose English and `en` is given. */
  title,
  body,
  /** The same title and body in English, for a recipient whose staff record says `language: 'en'`. */
  en: z.optional(z.strictObject({ title, body })),
  /** A dashboard path, e.g. /tickets/01abc…: never an absolute URL. */
  link: z.string().check(z.maxLength(300), z.regex(/^\/(?!\/)[^\s]*$/, 'A dashboard path starting with /')),
  subject: z.strictObject({ type: z.string().check(z.regex(/^[a-z][a-z_]{0,29}$/)), id }),
  /** The in-app notification is always written; e-mail and SMS are added on request. */
  channels: z._default(z.array(z.enum(channelNames)).check(z.maxLength(3)), ['inApp']),
  idempotencyKey,
});
export type NotifyInput = z.input<typeof notifyInput>;

export const inboxQuery = z.extend(pageQuery, {
  unread: z.optional(z.enum(['true', 'false'])),
});

export const notificationParams = z.object({ notificationId: id });
export const propertyParams = z.object({ propertyId: id });
export { pageQuery };

/* The records as the API returns them (storage attributes stripped); records.ts types are inferred from these. */

const delivery = z.object({
  channel: z.enum(channelNames),
  status: z.enum(deliveryStatuses),
  /** When the status was set. */
  at: z.string(),
  /** Which adapter carried it: inApp, outbox (local), ses, sns. */
  provider: z.optional(z.string()),
  error: z.optional(z.string()),
});

export const notificationRecord = z
  .object({
    id: z.string(),
    propertyId: z.string(),
    recipientId: z.string(),
    kind: z.enum(notificationKinds),
    title: z.string(),
    body: z.string(),
    link: z.string(),
    subject: z.object({ type: z.string(), id: z.string() }),
    channels: z.array(z.enum(channelNames)),
    deliveries: z.array(delivery),
    readAt: z.nullable(z.string()),
    /** True until the outbound channels' results are written back. */
    outboundPending: z.boolean(),
    idempotencyKey: z.string(),
    version: z.int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .register(components, { id: 'Notification' });

const outboundChannels = ['email', 'sms'] as const satisfies readonly (typeof channelNames)[number][];

/** One outbound message of a notification, as the outbox page lists it; a phone is kept masked. */
export const outboxRecord = z
  .object({
    id: z.string(),
    notificationId: z.string(),
    propertyId: z.string(),
    channel: z.enum(outboundChannels),
    provider: z.string(),
    recipientId: z.string(),
    recipientName: z.string(),
    /** E-mail address, or the masked phone number. */
    to: z.string(),
    kind: z.enum(notificationKinds),
    title: z.string(),
    body: z.string(),
    link: z.string(),
    status: z.enum(deliveryStatuses),
    at: z.string(),
    error: z.optional(z.string()),
    createdAt: z.string(),
  })
  .register(components, { id: 'OutboxEntry' });

const unreadCount = z.int().check(z.gte(0));
export const inboxRecord = z
  .extend(page(notificationRecord), { unreadCount })
  .register(components, { id: 'Inbox' });
export const unreadCountRecord = z.object({ unreadCount }).register(components, { id: 'UnreadCount' });
export const markedRead = z
  .object({ marked: z.int(), unreadCount })
  .register(components, { id: 'MarkedRead' });
export const readNotification = z
  .extend(notificationRecord, { unreadCount })
  .register(components, { id: 'ReadNotification' });
