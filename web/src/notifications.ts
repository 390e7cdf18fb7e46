import { signal } from '@preact/signals';
import type {
  Inbox,
  MarkedRead,
  Notification,
  OutboxEntry,
  Page,
  ReadNotification,
} from '../../functions/contract.ts';
import { request } from './api.ts';
import type { MsgKey } from './i18n.ts';

export type { Notification, OutboxEntry };

export const kindLabel: Record<Notification['kind'], MsgKey> = {
  'complaint.urgent': 'kind.complaint.urgent',
  'sla.warning': 'kind.sla.warning',
  'sla.breach': 'kind.sla.breach',
  escalation: 'kind.escalation',
  'ticket.assigned': 'kind.ticket.assigned',
  'appointment.missed': 'kind.appointment.missed',
  'ticket.completed': 'kind.ticket.completed',
  'followUp.due': 'kind.followUp.due',
  'report.ready': 'kind.report.ready',
  'report.unopened': 'kind.report.unopened',
  'billing.notice': 'kind.billing.notice',
  'billing.reminder': 'kind.billing.reminder',
  'billing.collection': 'kind.billing.collection',
  'calendar.holidaysMissing': 'kind.calendar.holidaysMissing',
};

/** Kinds that must stand out: someone is waiting, or a target is already missed. */
export const isUrgent = (n: Pick<Notification, 'kind'>) =>
  n.kind === 'complaint.urgent' ||
  n.kind === 'escalation' ||
  n.kind === 'sla.breach' ||
  n.kind === 'appointment.missed';

const base = '/api/notifications';

/** Notifications being marked read: the centre's list waits for them, so it never shows one as unread again. */
const markingRead = new Set<Promise<unknown>>();

export const inbox = {
  list: async (query: { cursor: string | null; unread?: boolean }, signal: AbortSignal) => {
    await Promise.allSettled(markingRead);
    return request<Inbox>(`${base}/inbox`, {
      query: { cursor: query.cursor, limit: 30, unread: query.unread ? 'true' : undefined },
      signal,
    });
  },
  markRead: (id: string) => {
    const marked = request<ReadNotification>(`${base}/inbox/${id}/read`, { method: 'POST' });
    markingRead.add(marked);
    void marked.finally(() => markingRead.delete(marked)).catch(() => undefined);
    return marked;
  },
  markAllRead: () => request<MarkedRead>(`${base}/inbox/read-all`, { method: 'POST' }),
  outbox: (propertyId: string, cursor: string | null, signal: AbortSignal) =>
    request<Page<OutboxEntry>>(`${base}/properties/${propertyId}/outbox`, {
      query: { cursor, limit: 50 },
      signal,
    }),
};

/** The signed-in user's unread count, shown on the bell; null until first read. */
export const unreadCount = signal<number | null>(null);

/** Reads the unread count again; a failed poll keeps the last known count. */
export async function refreshUnread(): Promise<void> {
  try {
    unreadCount.value = (await request<{ unreadCount: number }>(`${base}/unread-count`)).unreadCount;
  } catch {
    // The next poll (or focus) tries again.
  }
}
