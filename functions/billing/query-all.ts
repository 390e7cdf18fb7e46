/** Every page of a Store query, for the billing reads that need the whole list (one way to page through). */
import type { QueryInput, Store } from '../shared/store.ts';

export async function queryAll<T>(store: Store, query: QueryInput): Promise<T[]> {
  const found: T[] = [];
  let cursor = query.cursor;
  do {
    const page = await store.query<T>({ ...query, cursor });
    found.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return found;
}
