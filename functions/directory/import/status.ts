import { fn } from '../../shared/fn.ts';
import { propertyStore } from '../../shared/store.ts';
import { keys } from '../../shared/table.ts';
import { id } from '../schemas.ts';
import { latestImport } from './recover.ts';

/** How the property's latest import went (an interrupted one is rolled back first, then shown so). */
export const lastImport = fn(id, async (propertyId) => {
  const store = propertyStore(propertyId);
  await store.mustGet(keys.property(propertyId), 'Property');
  return latestImport(store, propertyId);
});
