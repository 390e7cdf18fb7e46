/**
 * The names of the staff a ticket's history mentions (who acted, who it was handed to), so that a
 * timeline reads "王芳 派工给 石平刚" and never shows an id. Read from the property's memberships in one
 * BatchGet; someone no longer a member is simply not named (the page says "a colleague").
 */
import { systemStaffId } from '../shared/actor.ts';
import { propertyStore } from '../shared/store.ts';
import { keys } from '../shared/table.ts';

/** Inputs of an action that name a member of staff. */
const staffFields = ['technicianId', 'assigneeId'] as const;

/** The staff ids a list of timeline entries mentions: each entry's actor and the staff its input names. */
export function staffIdsOf(events: readonly Record<string, unknown>[]): string[] {
  const ids = new Set<string>();
  for (const event of events) {
    if (typeof event.by === 'string') ids.add(event.by);
    const input = (event.input ?? {}) as Record<string, unknown>;
    for (const field of staffFields) if (typeof input[field] === 'string') ids.add(input[field] as string);
  }
  ids.delete(systemStaffId);
  return [...ids];
}

export async function staffNames(
  propertyId: string,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (!ids.length) return [];
  const members = await propertyStore(propertyId).batchGet<{ id: string; name: string }>(
    ids.map((id) => keys.membership(propertyId, id)),
  );
  return members.map((m) => ({ id: m.id, name: m.name }));
}
