import { z } from '@hono/zod-openapi';
import { createDomain } from '../shared/http.ts';
import { ok, pageSchema, recordSchema } from '../shared/openapi.ts';
import { listInbox, markAllRead, markRead, unreadCount } from './inbox.ts';
import { listOutbox } from './outbox.ts';
import { inboxQuery, notificationParams, pageQuery, propertyParams } from './schemas.ts';

export const notifications = createDomain('notifications');

const inbox = z
  .object({ items: z.array(recordSchema), cursor: z.string().nullable(), unreadCount: z.number().int() })
  .openapi('Inbox');
const count = z.object({ unreadCount: z.number().int() }).openapi('UnreadCount');

notifications.route(
  {
    method: 'get',
    path: '/inbox',
    permission: 'notification.read',
    request: { query: inboxQuery },
    responses: ok(inbox, 'The caller’s own notifications, newest first, with the unread count'),
  },
  async (c) => c.json(await listInbox(c.req.valid('query'))),
);

notifications.route(
  {
    method: 'get',
    path: '/unread-count',
    permission: 'notification.read',
    responses: ok(count, 'How many of the caller’s notifications are unread'),
  },
  async (c) => c.json({ unreadCount: await unreadCount() }),
);

notifications.route(
  {
    method: 'post',
    path: '/inbox/read-all',
    permission: 'notification.read',
    responses: ok(
      z.object({ marked: z.number().int(), unreadCount: z.number().int() }),
      'How many were marked',
    ),
  },
  async (c) => c.json(await markAllRead(undefined)),
);

notifications.route(
  {
    method: 'post',
    path: '/inbox/{notificationId}/read',
    permission: 'notification.read',
    request: { params: notificationParams },
    responses: ok(recordSchema, 'The notification, read, with the caller’s unread count'),
  },
  async (c) => c.json(await markRead(c.req.valid('param'))),
);

notifications.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/outbox',
    permission: 'outbox.read',
    request: { params: propertyParams, query: pageQuery },
    responses: ok(
      pageSchema,
      'E-mails and SMS the property’s notifications sent or would have sent, newest first',
    ),
  },
  async (c) => c.json(await listOutbox({ ...c.req.valid('param'), page: c.req.valid('query') })),
);
