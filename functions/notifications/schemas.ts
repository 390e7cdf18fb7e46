import { z } from '@hono/zod-openapi';
import { id, pageQuery } from '../directory/schemas.ts';
import { page } from '../shared/openapi.ts';
import { channelNames, deliveryStatuses, notificationKinds } from './enums.ts';

export { channelNames, deliveryStatuses, id, notificationKinds };

/** Printable ASCII without spaces: `sla:<ticketId>:<event>:<recipient>`. */
const idempotencyKey = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'Printable ASCII without spaces');

export const notifyInput = z.strictObject({
  propertyId: id,
  recipientId: id,
  kind: z.enum(notificationKinds),
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().max(2000).default(''),
  /** A dashboard path, e.g. /tickets/01abc…: never an absolute URL. */
  link: z
    .string()
    .max(300)
    .regex(/^\/(?!\/)[^\s]*$/, 'A dashboard path starting with /'),
  subject: z.strictObject({ type: z.string().regex(/^[a-z][a-z_]{0,29}$/), id }),
  /** The in-app notification is always written; e-mail and SMS are added on request. */
  channels: z.array(z.enum(channelNames)).max(3).default(['inApp']),
  idempotencyKey,
});
export type NotifyInput = z.input<typeof notifyInput>;

export const inboxQuery = pageQuery.extend({
  unread: z.enum(['true', 'false']).optional(),
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
  provider: z.string().optional(),
  error: z.string().optional(),
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
    readAt: z.string().nullable(),
    /** True until the outbound channels' results are written back. */
    outboundPending: z.boolean(),
    idempotencyKey: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Notification');

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
    error: z.string().optional(),
    createdAt: z.string(),
  })
  .openapi('OutboxEntry');

const unreadCount = z.number().int().min(0);
export const inboxRecord = page(notificationRecord).extend({ unreadCount }).openapi('Inbox');
export const unreadCountRecord = z.object({ unreadCount }).openapi('UnreadCount');
export const markedRead = z.object({ marked: z.number().int(), unreadCount }).openapi('MarkedRead');
export const readNotification = notificationRecord.extend({ unreadCount }).openapi('ReadNotification');
