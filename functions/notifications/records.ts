import type * as z from 'zod/mini';
import type { channelNames, deliveryStatuses, notificationRecord, outboxRecord } from './schemas.ts';

export type ChannelName = (typeof channelNames)[number];
export type OutboundChannel = Exclude<ChannelName, 'inApp'>;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** A notification as the API returns it, typed from the schema its OpenAPI document shows. */
export type Notification = z.infer<typeof notificationRecord>;
export type Delivery = Notification['deliveries'][number];
/** One outbound message of a notification, as the outbox page lists it; a phone is kept masked. */
export type OutboxEntry = z.infer<typeof outboxRecord>;
