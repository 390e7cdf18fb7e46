/**
 * Meter readings (抄表): one per meter and month, with its consumption worked out when it is entered —
 * current − previous, across a replaced meter or a meter that rolled over — so the bill run only reads it.
 */
import * as z from 'zod/mini';
import { readInProperty } from '../../directory/properties.ts';
import type { Unit } from '../../directory/records.ts';
import { id } from '../../directory/schemas.ts';
import { useActor } from '../../shared/actor.ts';
import { conflict, notFound, unprocessable } from '../../shared/errors.ts';
import { fn } from '../../shared/fn.ts';
import { propertyStore } from '../../shared/store.ts';
import { billingKeys, billingSkPrefix, keys } from '../../shared/table.ts';
import { addMonths } from '../close/months.ts';
import { meterReadingItem } from '../items.ts';
import type { MeterReading } from '../records.ts';
import { meterParams, meterReadingCreate } from './schemas.ts';

/** A unit's own meter of a kind, or a common meter by its id. */
export const meterIdOf = (meter: string, unitId?: string) => (unitId ? `${unitId}-${meter}` : meter);

/**
 * The consumption between two readings: a replaced meter adds what the old one ran up to its final
 * reading and what the new one ran from its start; a reading below the previous one is a rollover
 * when the meter's largest value is known, and refused otherwise.
 */
export function consumptionOf(
  r: Pick<MeterReading, 'reading' | 'previousReading' | 'replacement' | 'rolloverAt'>,
): { consumption: number; text: string } {
  if (r.replacement) {
    const { finalReading, startReading } = r.replacement;
    if (finalReading < r.previousReading || r.reading < startReading)
      throw unprocessable('reading_backwards', 'A replaced meter’s readings go forwards on each meter');
    const consumption = finalReading - r.previousReading + (r.reading - startReading);
    return {
      consumption,
      text: `换表：(${finalReading} − ${r.previousReading}) + (${r.reading} − ${startReading}) = ${consumption}`,
    };
  }
  if (r.reading >= r.previousReading) {
    const consumption = r.reading - r.previousReading;
    return { consumption, text: `${r.reading} − ${r.previousReading} = ${consumption}` };
  }
  if (r.rolloverAt === undefined || r.previousReading > r.rolloverAt)
    throw unprocessable(
      'reading_backwards',
      'The reading is below the previous one: give the meter’s largest value if it rolled over, or the replacement',
    );
  const consumption = r.rolloverAt - r.previousReading + 1 + r.reading;
  return {
    consumption,
    text: `翻表：(${r.rolloverAt} − ${r.previousReading} + 1) + ${r.reading} = ${consumption}`,
  };
}

export const enterMeterReading = fn(
  z.object({ propertyId: id, reading: meterReadingCreate }),
  async ({ propertyId, reading: input }) => {
    const store = propertyStore(propertyId);
    await store.mustGet(keys.property(propertyId), 'Property');
    if (input.unitId) await store.mustGet<Unit>(keys.unit(propertyId, input.unitId), 'Unit');
    const meterId = meterIdOf(input.meter, input.unitId);
    const before = await store.get<MeterReading>(
      billingKeys.meterReading(propertyId, meterId, addMonths(input.month, -1)),
    );
    const previousReading = input.previousReading ?? before?.reading;
    if (previousReading === undefined)
      throw unprocessable(
        'no_previous_reading',
        'No reading of the month before: give the previous reading of this meter',
      );
    const base = {
      reading: input.reading,
      previousReading,
      ...(input.replacement ? { replacement: input.replacement } : {}),
      ...(input.rolloverAt !== undefined ? { rolloverAt: input.rolloverAt } : {}),
    };
    const { consumption, text } = consumptionOf(base);
    const record: MeterReading = {
      propertyId,
      meterId,
      period: input.month,
      ...base,
      consumption,
      consumptionText: text,
      enteredBy: useActor().name,
      enteredAt: new Date().toISOString(),
    };
    return store.create<MeterReading>(
      { ...meterReadingItem(record), id: `${meterId}-${input.month}` },
      { action: 'meterReading.enter', entity: 'meterReading', entityId: `${meterId}:${input.month}` },
      {
        exists: conflict('reading_exists', `${meterId} already has its reading of ${input.month}`),
      },
    );
  },
);

/** One meter's readings, oldest first (one a month); a meter nobody has read is not known here. */
export const listMeterReadings = fn(meterParams, async ({ propertyId, meterId }) =>
  readInProperty(propertyId, async (store) => {
    const page = await store.query<MeterReading>({
      partition: keys.property(propertyId).pk,
      beginsWith: billingSkPrefix.meterReadings(meterId),
      newestFirst: true,
      limit: 36,
    });
    if (!page.items.length) throw notFound('Meter');
    return { items: page.items.reverse() };
  }),
);
