/**
 * Ticket numbers people can read out on the phone: `SHJA-BX-20261201-007` — the property's code, the
 * kind (报修 BX, 投诉 TS, 咨询 ZX), the property-local day the call was taken and a sequence of at least
 * three digits. A per property/kind/day counter item holds the last number given; the ticket's own
 * transaction moves it on with a condition on the value it read, so two tickets can never get the same
 * number and a number is never given twice (a cancelled transaction gives nothing away). A lost race
 * re-reads the counter and tries again after a jittered pause. See docs/decisions/017-ticket-search.md.
 */
import { AppError, conflict } from '../shared/errors.ts';
import type { Store, WriteOp } from '../shared/store.ts';
import { ticketKeys } from '../shared/table.ts';
import type { TicketKind } from './machines/index.ts';

export const kindCodes: Record<TicketKind, string> = { repair: 'BX', complaint: 'TS', inquiry: 'ZX' };

export const formatTicketNumber = (propertyCode: string, kind: TicketKind, day: string, sequence: number) =>
  `${propertyCode}-${kindCodes[kind]}-${day.replaceAll('-', '')}-${String(sequence).padStart(3, '0')}`;

interface Counter {
  last: number;
}

const numberTaken = () => conflict('ticket_number_taken', 'Another ticket took this number first');

/** Races lost in this process: what contention costs, read by the concurrency test. */
export const numberRaces = { lost: 0 };

/** Attempts before a caller is told to try again (409 busy): far beyond what a front desk produces. */
const maxAttempts = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Full jitter, capped: racers spread out instead of colliding again in step. */
const backoff = (attempt: number) => Math.random() * Math.min(500, 10 * 2 ** attempt);

/**
 * Runs `write` with the next number of `kind` on `day`: `write(number, counterOp)` must put `counterOp`
 * in the same transaction as the ticket. Retries when another ticket took the number (or touched the
 * same counters) meanwhile.
 */
export async function withTicketNumber<T>(
  store: Store,
  place: { propertyId: string; propertyCode: string; kind: TicketKind; day: string },
  write: (number: string, counterOp: WriteOp) => Promise<T>,
): Promise<T> {
  const key = ticketKeys.numberCounter(place.propertyId, kindCodes[place.kind], place.day);
  for (let attempt = 0; ; attempt++) {
    const counter = await store.get<Counter>(key, { consistent: true });
    const last = counter?.last ?? 0;
    const next = last + 1;
    const counterOp: WriteOp = {
      update: key,
      set: { recordType: 'ticketNumberCounter', propertyId: place.propertyId, day: place.day, last: next },
      ...(counter
        ? { condition: '#last = :last', values: { ':last': last } }
        : { condition: 'attribute_not_exists(#pk)' }),
      onFail: numberTaken(),
    };
    try {
      return await write(formatTicketNumber(place.propertyCode, place.kind, place.day, next), counterOp);
    } catch (error) {
      const raced = error instanceof AppError && ['ticket_number_taken', 'busy'].includes(error.code);
      if (!raced) throw error;
      numberRaces.lost += 1;
      if (attempt + 1 >= maxAttempts)
        throw conflict('busy', 'Many tickets are being opened at once; try again');
      await sleep(backoff(attempt));
    }
  }
}
