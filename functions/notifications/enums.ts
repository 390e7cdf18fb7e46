/**
 * The notifications' enumerations, kept free of zod so that the dashboard can import the lists
 * themselves (its labels) without bundling a schema library. The schemas build their enums from these.
 */

/** What a notification is about; the SLA job and ticket events add theirs here. */
export const notificationKinds = [
  'complaint.urgent',
  'sla.warning',
  'sla.breach',
  'escalation',
  'ticket.assigned',
  'appointment.missed',
  'ticket.completed',
  'followUp.due',
  'report.ready',
  'report.unopened',
  'calendar.holidaysMissing',
  // Messages to households about their payment requests (functions/billing/delivery), in the outbox.
  'billing.notice',
  'billing.reminder',
  'billing.collection',
] as const;
export const channelNames = ['inApp', 'email', 'sms'] as const;
export const deliveryStatuses = ['pending', 'sent', 'failed', 'skipped'] as const;
