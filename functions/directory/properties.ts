import * as z from 'zod/mini';
import { visibleProperties } from '../shared/actor.ts';
import { conflict } from '../shared/errors.ts';
import { fn } from '../shared/fn.ts';
import { newId } from '../shared/ids.ts';
import { companyListStore, companyStore, propertyStore, type Store } from '../shared/store.ts';
import { indexKeys, keys } from '../shared/table.ts';
import { propertyItem } from './items.ts';
import type { Property, PropertyStats } from './records.ts';
import { id, pageQuery, propertyCreate, propertyUpdate } from './schemas.ts';

/**
 * Reads inside a property that must exist: the existence check runs beside the read, so an unknown
 * property is a 404 rather than an empty list, at no extra latency.
 */
export async function readInProperty<T>(propertyId: string, read: (store: Store) => Promise<T>): Promise<T> {
  const store = propertyStore(propertyId);
  const [, result] = await Promise.all([store.mustGet(keys.property(propertyId), 'Property'), read(store)]);
  return result;
}

export const emptyStats: PropertyStats = { buildings: 0, units: 0, households: 0, occupiedUnits: 0 };

export const createProperty = fn(propertyCreate, async (input) => {
  const propertyId = newId();
  const store = propertyStore(propertyId);
  return store.create<Property>(
    propertyItem({ id: propertyId, ...input }),
    { action: 'property.create', entity: 'property', entityId: propertyId },
    {
      extra: [
        {
          put: { ...keys.unique('property-code', input.code), propertyId },
          condition: 'attribute_not_exists(#pk)',
          onFail: conflict('duplicate_code', `A property with code ${input.code} already exists`),
        },
        { put: { ...keys.propertyStats(propertyId), recordType: 'stats', propertyId, ...emptyStats } },
      ],
    },
  );
});

export const getProperty = fn(id, (propertyId) =>
  propertyStore(propertyId).mustGet<Property>(keys.property(propertyId), 'Property'),
);

export const updateProperty = fn(
  z.object({ propertyId: id, changes: propertyUpdate }),
  async ({ propertyId, changes: { version, ...changes } }) => {
    const store = propertyStore(propertyId);
    const current = await store.mustGet<Property>(keys.property(propertyId), 'Property');
    const billingDay = changes.billingDay ?? current.billingDay;
    const dueDay = changes.dueDay ?? current.dueDay;
    if (dueDay <= billingDay)
      throw conflict('invalid_days', 'The due day must come after the billing day', { billingDay, dueDay });
    return store.update<Property>(
      keys.property(propertyId),
      'Property',
      version,
      changes,
      { action: 'property.update', entity: 'property', entityId: propertyId },
      { current, item: propertyItem },
    );
  },
);

/** Head office pages through every property; everyone else gets the properties they belong to. */
export const listProperties = fn(pageQuery, async ({ cursor, limit }) => {
  const visible = visibleProperties();
  if (visible === 'all') {
    return companyListStore().query<Property>({
      index: 'listing',
      partition: indexKeys.allProperties('').listingPk,
      cursor,
      limit,
    });
  }
  const items = await companyStore(visible).batchGet<Property>(visible.map((p) => keys.property(p)));
  return { items: items.sort((a, b) => a.code.localeCompare(b.code)), cursor: null };
});

/** Every property the caller may see: the whole company for head office. */
export async function visiblePropertyIds(): Promise<string[]> {
  const visible = visibleProperties();
  if (visible !== 'all') return visible;
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await companyListStore().query<Property>({
      index: 'listing',
      partition: indexKeys.allProperties('').listingPk,
      cursor,
      limit: 100,
    });
    ids.push(...page.items.map((p) => p.id));
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return ids;
}

/** All visible properties with their figures: two item reads per property, whatever their size. */
export async function overview(): Promise<{ property: Property; stats: PropertyStats }[]> {
  const ids = await visiblePropertyIds();
  const store = companyStore(ids);
  const [properties, stats] = await Promise.all([
    store.batchGet<Property>(ids.map((p) => keys.property(p))),
    store.batchGet<PropertyStats & { propertyId: string }>(ids.map((p) => keys.propertyStats(p))),
  ]);
  const byProperty = new Map(stats.map((s) => [s.propertyId, s]));
  return properties
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((property) => ({ property, stats: pickStats(byProperty.get(property.id)) }));
}

const pickStats = (s: Partial<PropertyStats> | undefined): PropertyStats => ({
  buildings: s?.buildings ?? 0,
  units: s?.units ?? 0,
  households: s?.households ?? 0,
  occupiedUnits: s?.occupiedUnits ?? 0,
});

export const propertyStats = fn(id, async (propertyId) => {
  const store = propertyStore(propertyId);
  await store.mustGet<Property>(keys.property(propertyId), 'Property');
  return pickStats(await store.get<PropertyStats>(keys.propertyStats(propertyId)));
});
