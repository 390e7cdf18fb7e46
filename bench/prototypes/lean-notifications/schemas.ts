import {
  _default,
  array,
  coerce,
  enum as enumOf,
  gte,
  type input,
  int,
  lte,
  maxLength,
  minLength,
  nullable,
  object,
  optional,
  pipe,
  record,
  regex,
  registry,
  strictObject,
  string,
  trim,
  unknown,
} from 'zod/mini';

/**
 * functions/notifications/schemas.ts (and the id and page query it takes from the directory) in zod/mini:
 * the same constraints, written as checks. Named schemas go in `components` for the OpenAPI document.
 */
export const components = registry<{ id: string }>();

export const id = string().check(regex(/^[0-9a-z]{4,40}$/, 'Not a valid id'));

export const pageQuery = strictObject({
  cursor: optional(string().check(maxLength(2048))),
  limit: optional(pipe(coerce.number(), int().check(gte(1), lte(100)))),
});

export const recordSchema = record(string(), unknown()).register(components, { id: 'Record' });
export const pageSchema = object({ items: array(recordSchema), cursor: nullable(string()) }).register(
  components,
  { id: 'Page' },
);

export const notificationKinds = [
  'complaint.urgent',
  'sla.warning',
  'sla.breach',
  'escalation',
  'ticket.assigned',
] as const;

export const channelNames = ['inApp', 'email', 'sms'] as const;
export const deliveryStatuses = ['pending', 'sent', 'failed', 'skipped'] as const;

const idempotencyKey = string().check(
  minLength(1),
  maxLength(200),
  regex(/^[\x21-\x7e]+$/, 'Printable ASCII without spaces'),
);

export const notifyInput = strictObject({
  propertyId: id,
  recipientId: id,
  kind: enumOf(notificationKinds),
  title: string().check(trim(), minLength(1), maxLength(120)),
  body: _default(string().check(trim(), maxLength(2000)), ''),
  link: string().check(maxLength(300), regex(/^\/(?!\/)[^\s]*$/, 'A dashboard path starting with /')),
  subject: strictObject({ type: string().check(regex(/^[a-z][a-z_]{0,29}$/)), id }),
  channels: _default(array(enumOf(channelNames)).check(maxLength(3)), ['inApp']),
  idempotencyKey,
});
export type NotifyInput = input<typeof notifyInput>;

export const inboxQuery = strictObject({
  ...pageQuery.shape,
  unread: optional(enumOf(['true', 'false'])),
});

export const notificationParams = object({ notificationId: id });
export const propertyParams = object({ propertyId: id });

export const inbox = object({
  items: array(recordSchema),
  cursor: nullable(string()),
  unreadCount: int(),
}).register(components, { id: 'Inbox' });
export const count = object({ unreadCount: int() }).register(components, { id: 'UnreadCount' });
export const marked = object({ marked: int(), unreadCount: int() });
