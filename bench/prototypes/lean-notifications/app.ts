import { listInbox, markAllRead, markRead, unreadCount } from '../../../functions/notifications/inbox.ts';
import { listOutbox } from '../../../functions/notifications/outbox.ts';
import { createLeanDomain, openApiDocument } from './http.ts';
import {
  count,
  inbox,
  inboxQuery,
  marked,
  notificationParams,
  pageQuery,
  pageSchema,
  propertyParams,
  recordSchema,
} from './schemas.ts';

/** functions/notifications/app.ts, route for route, on the lean domain. */
export const notifications = createLeanDomain('notifications');

const ok = <S extends typeof recordSchema | typeof pageSchema | typeof inbox | typeof count | typeof marked>(
  schema: S,
  description: string,
) => ({ 200: { description, schema } });

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
    responses: ok(marked, 'How many were marked'),
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

// The document only when asked for: its generator (and zod's JSON Schema code) loads with this route.
notifications.app.get('/openapi.json', async (c) => c.json(await openApiDocument([notifications])));
