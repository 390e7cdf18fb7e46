import { propertyStore, type Store } from '../../../functions/shared/store.ts';
import { keys } from '../../../functions/shared/table.ts';

/** functions/directory/properties.ts's readInProperty, without the directory's schemas behind it. */
export async function readInProperty<T>(propertyId: string, read: (store: Store) => Promise<T>): Promise<T> {
  const store = propertyStore(propertyId);
  const [, result] = await Promise.all([store.mustGet(keys.property(propertyId), 'Property'), read(store)]);
  return result;
}
