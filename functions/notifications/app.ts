import { createDomain } from '../shared/http.ts';
import { components, ok, page } from '../shared/openapi.ts';
import { listInbox, markAllRead, markRead, unreadCount } from './inbox.ts';
import {
  inboxQuery,
  inboxRecord,
  markedRead,
  notificationParams,
  outboxRecord,
  pageQuery,
  propertyParams,
  readNotification,
  unreadCountRecord,
} from './schemas.ts';

export const notifications = createDomain('notifications');

notifications.route(
  {
    method: 'get',
    path: '/inbox',
    operationId: 'listInbox',
    summary: 'Read one’s own notifications, newest first',
    permission: 'notification.read',
    request: { query: inboxQuery },
    responses: ok(inboxRecord, 'The caller’s own notifications, newest first, with the unread count'),
  },
  async (c) => c.json(await listInbox(c.req.valid('query'))),
);

notifications.route(
  {
    method: 'get',
    path: '/unread-count',
    operationId: 'getUnreadCount',
    summary: 'Count one’s unread notifications',
    permission: 'notification.read',
    responses: ok(unreadCountRecord, 'How many of the caller’s notifications are unread'),
  },
  async (c) => c.json({ unreadCount: await unreadCount() }),
);

notifications.route(
  {
    method: 'post',
    path: '/inbox/read-all',
    operationId: 'markAllRead',
    summary: 'Mark all of one’s notifications read',
    permission: 'notification.read',
    responses: ok(markedRead, 'How many were marked'),
  },
  async (c) => c.json(await markAllRead(undefined)),
);

notifications.route(
  {
    method: 'post',
    path: '/inbox/{notificationId}/read',
    operationId: 'markRead',
    summary: 'Mark one notification read',
    permission: 'notification.read',
    request: { params: notificationParams },
    responses: ok(readNotification, 'The notification, read, with the caller’s unread count'),
  },
  async (c) => c.json(await markRead(c.req.valid('param'))),
);

/** Read when a manager checks what was sent: its code (./outbox.ts) loads on the first request. */
const outbox = notifications.lazy(() => import('./outbox.ts'));

outbox.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/outbox',
    operationId: 'listOutbox',
    summary: 'List the e-mails and SMS a property’s notifications sent',
    permission: 'outbox.read',
    request: { params: propertyParams, query: pageQuery },
    responses: ok(
      page(outboxRecord).register(components, { id: 'OutboxPage' }),
      'E-mails and SMS the property’s notifications sent or would have sent, newest first',
    ),
  },
  async (c, outbox) =>
    c.json(await outbox.listOutbox({ ...c.req.valid('param'), page: c.req.valid('query') })),
);
