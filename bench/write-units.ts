/**
 * Write units of transactions, counted from the items they write. DynamoDB Local reports one item's
 * units for a whole TransactWriteItems call (a transaction of 5 puts of 1.5 KB reports 4, as one put
 * does), so ConsumedCapacity undercounts a bill run by the number of items in each batch. AWS
 * charges a transactional write 2 units per KB (rounded up) of each item it writes: a Put its item,
 * an Update or a Delete the item as stored (read here after the run), a ConditionCheck counted the
 * same as a write of its item, which is the upper bound.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../functions/shared/db.ts';
import { tableName } from '../functions/shared/table.ts';

type Key = { pk: string; sk: string };
interface TransactItem {
  Put?: { Item: Record<string, unknown> };
  Update?: { Key: Key };
  Delete?: { Key: Key };
  ConditionCheck?: { Key: Key };
}

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** An attribute value's size as DynamoDB counts it (names in UTF-8, numbers by their digits). */
function valueBytes(value: unknown): number {
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number')
    return Math.ceil(String(Math.abs(value)).replace(/[.-]/g, '').length / 2) + 1;
  if (value === null || typeof value === 'boolean' || value === undefined) return 1;
  if (Array.isArray(value)) return 3 + value.reduce<number>((n, v) => n + valueBytes(v) + 1, 0);
  return 3 + Object.entries(value as object).reduce((n, [k, v]) => n + utf8(k) + valueBytes(v) + 1, 0);
}

export const itemBytes = (item: Record<string, unknown>) =>
  Object.entries(item).reduce((n, [k, v]) => n + (v === undefined ? 0 : utf8(k) + valueBytes(v)), 0);

const transactionalUnits = (bytes: number) => 2 * Math.max(1, Math.ceil(bytes / 1024));

/** Counts the write units of every TransactWriteItems call the document client sends while `fn` runs. */
export async function countTransactionUnits<T>(fn: () => Promise<T>): Promise<{ result: T; units: number }> {
  let putUnits = 0;
  const keyed: Key[] = [];
  const name = `benchTransactionUnits${Date.now()}`;
  ddb().middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand') {
        for (const item of (args.input as { TransactItems: TransactItem[] }).TransactItems) {
          if (item.Put) putUnits += transactionalUnits(itemBytes(item.Put.Item));
          const key = item.Update?.Key ?? item.Delete?.Key ?? item.ConditionCheck?.Key;
          if (key) keyed.push(key);
        }
      }
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    const result = await fn();
    return { result, units: putUnits + (await keyedUnits(keyed)) };
  } finally {
    ddb().middlewareStack.remove(name);
  }
}

/** Units of the updates, deletes and checks: each the size of its item as stored now (absent: 1 KB). */
async function keyedUnits(keys: Key[]): Promise<number> {
  const distinct = [...new Map(keys.map((k) => [`${k.pk}\u0000${k.sk}`, k])).values()];
  const sizes = new Map<string, number>();
  for (let i = 0; i < distinct.length; i += 100) {
    const out = await ddb().send(
      new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: distinct.slice(i, i + 100) } } }),
    );
    for (const item of out.Responses?.[tableName()] ?? [])
      sizes.set(`${item.pk}\u0000${item.sk}`, itemBytes(item));
  }
  return keys.reduce((n, k) => n + transactionalUnits(sizes.get(`${k.pk}\u0000${k.sk}`) ?? 0), 0);
}
