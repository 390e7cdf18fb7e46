import type { channelNames, deliveryStatuses, notificationKinds } from './schemas.ts';

export type ChannelName = (typeof channelNames)[number];
export type OutboundChannel = Exclude<ChannelName, 'inApp'>;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export interface Delivery {
  channel: ChannelName;
  status: DeliveryStatus;
  /** When the status was set. */
  at: string;
  /** Which adapter carried it: inApp, outbox (local), ses, sns. */
  provider?: string;
  error?: string;
}

/** A notification as the API returns it (storage attributes stripped). */
export interface Notification {
  id: string;
  propertyId: string;
  recipientId: string;
  kind: (typeof notificationKinds)[number];
  title: string;
  body: string;
  link: string;
  subject: { type: string; id: string };
  channels: ChannelName[];
  deliveries: Delivery[];
  readAt: string | null;
  /** True until the outbound channels' results are written back. */
  outboundPending: boolean;
  idempotencyKey: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One outbound message of a notification, as the outbox page lists it; a phone is kept masked. */
export interface OutboxEntry {
  id: string;
  notificationId: string;
  propertyId: string;
  channel: OutboundChannel;
  provider: string;
  recipientId: string;
  recipientName: string;
  /** E-mail address, or the masked phone number. */
  to: string;
  kind: Notification['kind'];
  title: string;
  body: string;
  link: string;
  status: DeliveryStatus;
  at: string;
  error?: string;
  createdAt: string;
}
