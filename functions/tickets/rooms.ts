import { propertyStore } from '../shared/store.ts';
import { keys } from '../shared/table.ts';

/** Tickets keep the unit's id; lists and cards show its room code ("3-1502"), read in one BatchGet. */
export async function withRooms<T extends { unitId?: unknown }>(
  propertyId: string,
  items: T[],
): Promise<(T & { roomCode?: string })[]> {
  const unitIds = [...new Set(items.map((i) => i.unitId).filter((u): u is string => typeof u === 'string'))];
  if (!unitIds.length) return items;
  const units = await propertyStore(propertyId).batchGet<{ id: string; roomCode: string }>(
    unitIds.map((unitId) => keys.unit(propertyId, unitId)),
  );
  const rooms = new Map(units.map((u) => [u.id, u.roomCode]));
  return items.map((i) => {
    const roomCode = typeof i.unitId === 'string' ? rooms.get(i.unitId) : undefined;
    return roomCode ? { ...i, roomCode } : i;
  });
}
