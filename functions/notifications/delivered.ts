/**
 * Whether a notification made under an idempotency key has reached its recipient, and when: the
 * in-app notification counts as delivered the moment it is written (it is in their notification
 * centre), an e-mail or SMS the moment its channel accepted it. Read by clocks that measure reaching
 * people (the urgent complaint notice, ../tickets/notice-delivery.ts).
 */
import type { Store } from '../shared/store.ts';
import { keys } from '../shared/table.ts';
import { guardKey } from './notify.ts';
import type { Notification } from './records.ts';

export async function deliveredAt(
  store: Store,
  input: { propertyId: string; idempotencyKey: string },
): Promise<string | null> {
  const guard = await store.get<{ notificationId: string }>(guardKey(input), { consistent: true });
  if (!guard) return null;
  const found = await store.get<Notification>(keys.notification(input.propertyId, guard.notificationId), {
    consistent: true,
  });
  const sent = (found?.deliveries ?? []).filter((d) => d.status === 'sent').map((d) => d.at);
  return sent.length ? sent.sort()[0]! : null;
}
