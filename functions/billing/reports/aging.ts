/**
 * Arrears aging (欠费账龄): what is left to pay on the requests still unpaid, by how many days past
 * their due date it is on `asOf` (a property-local day). Reads the sparse unpaid index and the
 * property's adjustments — never the paid requests.
 */
import * as z from 'zod/mini';
import { date } from '../../directory/schemas.ts';
import { unprocessable } from '../../shared/errors.ts';
import { fn } from '../../shared/fn.ts';
import { propertyStore } from '../../shared/store.ts';
import { billingIndexKeys, billingSkPrefix } from '../../shared/table.ts';
import { localDay } from '../../tickets/local-day.ts';
import { id } from '../../tickets/schemas.ts';
import type { Adjustment } from '../close/records.ts';
import { propertyOf } from '../close/service.ts';
import type { PaymentRequest } from '../records.ts';
import { agingBuckets } from './labels.ts';
import { everyInPartition } from './month-figures.ts';

export type AgingBucket = (typeof agingBuckets)[number]['key'];

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
export const daysPastDue = (dueDate: string, asOf: string) => dayNumber(asOf) - dayNumber(dueDate);
export const bucketOf = (days: number): AgingBucket => agingBuckets.find((b) => days <= b.upTo)!.key;

export const agingQuery = z.strictObject({ asOf: z.optional(date) });

export interface AgingRow {
  period: string;
  householdId: string;
  householdName: string;
  buildingId: string;
  roomCode: string;
  dueDate: string;
  daysPastDue: number;
  bucket: AgingBucket;
  owingCents: number;
}

export const agingReport = fn(
  z.object({ propertyId: id, query: agingQuery }),
  async ({ propertyId, query }) => {
    const store = propertyStore(propertyId);
    const property = await propertyOf(store, propertyId);
    const asOf = query.asOf ?? localDay(new Date(), property.timeZone);
    if (Number.isNaN(dayNumber(asOf))) throw unprocessable('invalid_date', `${asOf} is not a date`);
    const unpaid: PaymentRequest[] = [];
    const partition = billingIndexKeys.unpaidRequests(propertyId, '', '', '', '').lookupPk;
    let cursor: string | undefined;
    do {
      const page = await store.query<PaymentRequest>({ index: 'lookup', partition, cursor, limit: 500 });
      unpaid.push(...page.items);
      cursor = page.cursor ?? undefined;
    } while (cursor);
    // Adjustments of a request lower what is left on it (the request itself never changes).
    const adjustments = await everyInPartition<Adjustment>(store, propertyId, billingSkPrefix.adjustments);
    const adjusted = new Map<string, number>();
    for (const a of adjustments)
      if (a.corrects.kind === 'request') {
        const key = `${a.corrects.period}#${a.householdId}`;
        adjusted.set(key, (adjusted.get(key) ?? 0) + a.amountCents);
      }
    const rows: AgingRow[] = [];
    for (const r of unpaid) {
      const owingCents = r.balanceCents - (adjusted.get(`${r.period}#${r.householdId}`) ?? 0);
      if (owingCents <= 0) continue;
      const days = daysPastDue(r.dueDate, asOf);
      rows.push({
        period: r.period,
        householdId: r.householdId,
        householdName: r.householdName,
        buildingId: r.buildingId,
        roomCode: r.roomCode,
        dueDate: r.dueDate,
        daysPastDue: days,
        bucket: bucketOf(days),
        owingCents,
      });
    }
    rows.sort(
      (a, b) =>
        b.daysPastDue - a.daysPastDue || a.roomCode.localeCompare(b.roomCode, 'en', { numeric: true }),
    );
    const buckets = agingBuckets.map((b) => {
      const inBucket = rows.filter((r) => r.bucket === b.key);
      return {
        bucket: b.key,
        requests: inBucket.length,
        owingCents: inBucket.reduce((s, r) => s + r.owingCents, 0),
      };
    });
    return {
      propertyId,
      propertyName: property.name,
      asOf,
      buckets,
      totalOwingCents: rows.reduce((s, r) => s + r.owingCents, 0),
      rows,
    };
  },
);
