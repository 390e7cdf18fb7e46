/**
 * What one ticket search reads as the property's history grows, shared by
 * test/integration/ticket-search.test.ts (50 vs 500 tickets) and the `search` bench module (1,000 vs
 * 100,000): a property whose history is copies of one repair (卫生间下水管漏水, found by 漏水), and one
 * repair of its own (赵敏, 门禁卡失灵) that a rare search must find.
 */
import { withActor } from '../../functions/shared/actor.ts';
import { trackDbUsage } from '../../functions/shared/db.ts';
import { numberRaces } from '../../functions/tickets/numbers.ts';
import { listTickets } from '../../functions/tickets/reads.ts';
import type { Ticket } from '../../functions/tickets/records.ts';
import { recordContact } from '../../functions/tickets/service.ts';
import { loadOpenTickets } from './bulk-tickets.ts';
import { type CapacityPlace, capacityPlace } from './sweep-capacity.ts';

export interface SearchPlace extends CapacityPlace {
  /** The one ticket a search for its caller's name finds. */
  target: Ticket;
}

/** The tokens the copies are found by: every ticket, every repair, and the common word 漏水. */
const historyTokens = ['@all', '@kind:repair', '漏水'];

export async function searchPlace(code: string): Promise<SearchPlace> {
  const place = await capacityPlace(code);
  const { ticket } = await withActor(place.frontDesk, () =>
    recordContact({
      propertyId: place.propertyId,
      contact: {
        time: new Date().toISOString(),
        channel: 'phone',
        caller: { name: '赵敏', phone: '13600002468' },
        unitId: place.unitId,
        category: 'repair',
        summary: '门禁卡失灵',
      },
    }),
  );
  return { ...place, target: ticket! };
}

/** `count` more tickets of history (copies of the model repair), written straight into the table. */
export const addHistory = (place: SearchPlace, count: number) =>
  loadOpenTickets(place.model, count, { searchTokens: historyTokens, concurrency: count > 1000 ? 16 : 6 });

/** One search as the front desk makes it (a page of 20), with what it read from DynamoDB. */
export const measuredSearch = (place: SearchPlace, q: string) =>
  trackDbUsage(() =>
    withActor(place.frontDesk, () => listTickets({ propertyId: place.propertyId, query: { q, limit: 20 } })),
  );

/**
 * Seconds to open `count` repairs on one day of the place, `inFlight` at a time (1: one after the
 * other), and the races for the day's ticket number they lost.
 */
export async function timedNumbering(place: SearchPlace, day: string, count: number, inFlight: number) {
  const lostBefore = numberRaces.lost;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) {
        next += 1;
        await withActor(place.frontDesk, () =>
          recordContact({
            propertyId: place.propertyId,
            contact: {
              time: `${day}T02:00:00.000Z`,
              channel: 'phone',
              caller: { name: '王芳', phone: '13812345678' },
              unitId: place.unitId,
              category: 'repair',
              summary: '卫生间下水管漏水',
            },
          }),
        );
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, lostRaces: numberRaces.lost - lostBefore };
}
