import type { DeliveryStatus, Notification } from '../records.ts';

/** Who receives it, from their staff record; the full phone number never leaves the channel. */
export interface Recipient {
  id: string;
  name: string;
  email: string;
  phone: string;
}

export interface SendResult {
  status: Exclude<DeliveryStatus, 'pending'>;
  error?: string;
}

/** One way of telling a staff member. `send` reports failure in its result; a throw is also a failure. */
export interface Channel {
  name: string;
  send(notification: Notification, recipient: Recipient): Promise<SendResult>;
}
