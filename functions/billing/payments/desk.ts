/**
 * The front desk's look-up (前台收费): a room number typed as the clerk says it → the unit(s) with that
 * code → their households → each one's open requests, its credit, and whether each request's month is
 * still open (a closed month is paid through the open month's request, which carries the arrears).
 */
import * as z from 'zod/mini';
import type { Household, Unit } from '../../directory/records.ts';
import { normalizeRoomCode } from '../../directory/units.ts';
import { notFound } from '../../shared/errors.ts';
import { fn } from '../../shared/fn.ts';
import { propertyStore, type Store } from '../../shared/store.ts';
import { billingKeys, indexKeys } from '../../shared/table.ts';
import { id } from '../../tickets/schemas.ts';
import type { Credit } from './records.ts';
import { openRequestsOf } from './requests.ts';

export const roomParams = z.object({
  propertyId: id,
  /** As the clerk types it: letters, digits, spaces and the dashes and slashes between them. */
  room: z.string().check(z.regex(/^[\p{L}\p{N}\s\-－—–_/#]{1,40}$/u, 'A room number, e.g. 3-1502')),
});

async function householdsOf(store: Store, propertyId: string, unitId: string) {
  const page = await store.query<Household>({
    index: 'listing',
    partition: indexKeys.householdsOfUnit(propertyId, unitId, '').listingPk,
    limit: 50,
  });
  return page.items;
}

export const roomOpenRequestsOf = fn(roomParams, async ({ propertyId, room }) => {
  const store = propertyStore(propertyId);
  const roomCode = normalizeRoomCode(room);
  const page = await store.query<Unit>({
    index: 'lookup',
    partition: indexKeys.unitByRoom(propertyId, '').lookupPk,
    beginsWith: roomCode,
    limit: 50,
  });
  const units = page.items.filter((u) => u.roomCode === roomCode);
  if (!units.length) throw notFound(`Room ${roomCode}`);
  return {
    roomCode,
    units: await Promise.all(
      units.map(async (unit) => ({
        unitId: unit.id,
        roomCode: unit.roomCode,
        households: await Promise.all(
          (await householdsOf(store, propertyId, unit.id)).map(async (household) => {
            const [requests, credit] = await Promise.all([
              openRequestsOf(store, propertyId, household.id),
              store.get<Credit>(billingKeys.credit(propertyId, household.id)),
            ]);
            const closes = await store.batchGet<{ month: string }>(
              [...new Set(requests.map((r) => r.period))].map((m) => billingKeys.monthClose(propertyId, m)),
            );
            const closed = new Set(closes.map((c) => c.month));
            return {
              householdId: household.id,
              name: household.name,
              kind: household.kind,
              creditCents: credit?.balanceCents ?? 0,
              openCents: requests
                .filter((r) => !closed.has(r.period))
                .reduce((sum, r) => sum + r.balanceCents, 0),
              requests: requests.map((r) => ({
                id: r.id,
                period: r.period,
                dueDate: r.dueDate,
                totalCents: r.totalCents,
                creditAppliedCents: r.creditAppliedCents,
                paidCents: r.paidCents,
                balanceCents: r.balanceCents,
                state: r.state,
                monthClosed: closed.has(r.period),
                lines: r.lines.map(({ id, kind, name, basisText, amountCents, paidCents }) => ({
                  id,
                  kind,
                  name,
                  basisText,
                  amountCents,
                  paidCents,
                })),
              })),
            };
          }),
        ),
      })),
    ),
  };
});
