import { z } from '@hono/zod-openapi';
import { id, pageQuery } from '../directory/schemas.ts';

export { id };

/** What a notification is about; the SLA job and ticket events add theirs here. */
export const notificationKinds = [
  'complaint.urgent',
  'sla.warning',
  'sla.breach',
  'escalation',
  'ticket.assigned',
] as const;

export const channelNames = ['inApp', 'email', 'sms'] as const;
export const deliveryStatuses = ['pending', 'sent', 'failed', 'skipped'] as const;

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
