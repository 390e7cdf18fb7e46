import * as z from 'zod/mini';
import { type Actor, useActor, visibleProperties } from '../shared/actor.ts';
import { AppError, conflict, notFound } from '../shared/errors.ts';
import { fn } from '../shared/fn.ts';
import { inboxStore, propertyStore, type WriteOp } from '../shared/store.ts';
import { inboxPk, keys } from '../shared/table.ts';
import type { Notification } from './records.ts';
import { inboxQuery, notificationParams } from './schemas.ts';

const unreadFilter = { expression: 'attribute_type(#readAt, :nullType)', values: { ':nullType': 'NULL' } };
const alreadyRead = () => conflict('already_read', 'The notification is already read');

/**
 * Notifications of properties the caller may no longer reach (they left it) stay out of sight: the
 * tenant guard is not bypassed for one's own inbox.
 */
function reachable(actor: Actor) {
  const visible = visibleProperties(actor);
  return (n: Pick<Notification, 'propertyId'>) => visible === 'all' || visible.includes(n.propertyId);
}

export async function unreadCount(staffId = useActor().staffId): Promise<number> {
  const counter = await inboxStore(staffId).get<{ unread?: number }>(keys.inboxCounter(staffId));
  return Math.max(0, counter?.unread ?? 0);
}

/** The caller's own notifications across their properties, newest first. */
export const listInbox = fn(inboxQuery, async ({ unread, cursor, limit }) => {
  const actor = useActor();
  const [page, count] = await Promise.all([
    inboxStore(actor.staffId).query<Notification>({
      index: 'listing',
      partition: inboxPk(actor.staffId),
      newestFirst: true,
      cursor,
      limit,
      ...(unread === 'true' ? { filter: unreadFilter } : {}),
    }),
    unreadCount(actor.staffId),
  ]);
  return { items: page.items.filter(reachable(actor)), cursor: page.cursor, unreadCount: count };
});

/** One of the caller's own notifications; anyone else's id is a 404. */
async function findOwn(actor: Actor, notificationId: string): Promise<Notification> {
  const { items } = await inboxStore(actor.staffId).query<Notification>({
    index: 'listing',
    partition: inboxPk(actor.staffId),
    between: [notificationId, notificationId],
    limit: 1,
  });
  const found = items[0];
  if (!found || found.recipientId !== actor.staffId || !reachable(actor)(found))
    throw notFound('Notification');
  return found;
}

const markOps = (actor: Actor, list: Notification[], at: string): WriteOp[] => [
  ...list.map(
    (n): WriteOp => ({
      update: keys.notification(n.propertyId, n.id),
      set: { readAt: at, updatedAt: at },
      // Only an unread notification of the caller's counts down: marking twice decrements once.
      condition: 'attribute_type(#readAt, :nullType) AND #recipientId = :me',
      values: { ':nullType': 'NULL', ':me': actor.staffId },
      onFail: alreadyRead(),
    }),
  ),
  { update: keys.inboxCounter(actor.staffId), add: { unread: -list.length } },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Marks one notification read; `changed` says whether this call did it (false: it already was). */
async function markOne(
  actor: Actor,
  found: Notification,
): Promise<{ notification: Notification; changed: boolean }> {
  const store = propertyStore(found.propertyId, actor);
  const key = keys.notification(found.propertyId, found.id);
  for (let attempt = 0; ; attempt++) {
    const current = attempt === 0 ? found : await store.get<Notification>(key, { consistent: true });
    if (!current) throw notFound('Notification');
    if (current.readAt) return { notification: current, changed: false };
    const at = new Date().toISOString();
    try {
      await store.apply(markOps(actor, [current], at), {
        action: 'notification.read',
        entity: 'notification',
        entityId: found.id,
      });
      return { notification: { ...current, readAt: at, updatedAt: at }, changed: true };
    } catch (error) {
      const retry = error instanceof AppError && ['already_read', 'busy'].includes(error.code);
      if (!retry || attempt >= 4) throw error;
      if (error.code === 'busy') await sleep(20 + Math.random() * 60);
    }
  }
}

export const markRead = fn(notificationParams, async ({ notificationId }) => {
  const actor = useActor();
  const { notification } = await markOne(actor, await findOwn(actor, notificationId));
  return { ...notification, unreadCount: await unreadCount(actor.staffId) };
});

/** Up to this many notifications are marked in one transaction (each is its own conditional update). */
const chunkSize = 25;

/** Marks every unread notification of the caller read, a property's chunk per transaction. */
export const markAllRead = fn(z.undefined(), async () => {
  const actor = useActor();
  const canReach = reachable(actor);
  let marked = 0;
  let cursor: string | undefined;
  // Bounded: 20 pages of 100; a caller with more calls again.
  for (let page = 0; page < 20; page++) {
    const result = await inboxStore(actor.staffId).query<Notification>({
      index: 'listing',
      partition: inboxPk(actor.staffId),
      filter: unreadFilter,
      limit: 100,
      cursor,
    });
    const byProperty = new Map<string, Notification[]>();
    for (const n of result.items.filter((n) => !n.readAt && canReach(n)))
      byProperty.set(n.propertyId, [...(byProperty.get(n.propertyId) ?? []), n]);
    for (const [propertyId, list] of byProperty) {
      const store = propertyStore(propertyId, actor);
      for (let i = 0; i < list.length; i += chunkSize) {
        const chunk = list.slice(i, i + chunkSize);
        const at = new Date().toISOString();
        try {
          await store.apply(markOps(actor, chunk, at), {
            action: 'notification.readAll',
            entity: 'inbox',
            entityId: actor.staffId,
            after: { count: chunk.length },
          });
          marked += chunk.length;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          // One of them was marked meanwhile (or the index lagged): one by one, each counted once.
          for (const n of chunk) if ((await markOne(actor, n)).changed) marked += 1;
        }
      }
    }
    if (!result.cursor) break;
    cursor = result.cursor;
  }
  return { marked, unreadCount: await unreadCount(actor.staffId) };
});
