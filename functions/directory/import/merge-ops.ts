import type { Key, WriteOp } from '../../shared/store.ts';

/**
 * One TransactWriteItems may touch an item only once, but the record builders (newUnit,
 * newHousehold, ...) each bring their own side writes: every new unit ADDs to the property's
 * figures, every move-in updates its unit. Merging the writes of a transaction per item keeps the
 * builders the single source of keys and side records while obeying that rule.
 */
export const keyOf = (op: WriteOp): Key =>
  'put' in op ? op.put : 'update' in op ? op.update : 'check' in op ? op.check : op.delete;
export const keyId = (key: Key) => `${key.pk}\u0000${key.sk}`;

type Update = Extract<WriteOp, { update: Key }>;

/** Placeholders get a per-op suffix so two merged conditions cannot capture each other's values. */
function withOwnPlaceholders(op: WriteOp, n: number): WriteOp {
  if (!op.values || !op.condition) return op;
  const rename = (name: string) => `${name}_m${n}`;
  const values = Object.fromEntries(Object.entries(op.values).map(([k, v]) => [rename(k), v]));
  const condition = op.condition.replace(/:[A-Za-z0-9_]+/g, (ref) => (ref in op.values! ? rename(ref) : ref));
  return { ...op, condition, values };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A new item absorbs later updates of itself: their sets and adds are applied to the item written,
 * and their conditions (which describe an item that did not exist yet) are dropped.
 */
function foldIntoPut(put: Extract<WriteOp, { put: unknown }>, update: Update): WriteOp {
  const item = { ...put.put };
  for (const [k, v] of Object.entries(update.set ?? {})) item[k] = v;
  for (const [k, v] of Object.entries(update.add ?? {})) item[k] = ((item[k] as number | undefined) ?? 0) + v;
  for (const k of update.remove ?? []) delete item[k];
  return { ...put, put: item };
}

function mergeUpdates(a: Update, b: Update): Update {
  const set = { ...(a.set ?? {}) };
  for (const [k, v] of Object.entries(b.set ?? {})) {
    if (k in set && !same(set[k], v))
      throw new Error(`Two writes set ${k} of ${keyId(a.update)} to different values`);
    set[k] = v;
  }
  const add = { ...(a.add ?? {}) };
  for (const [k, v] of Object.entries(b.add ?? {})) add[k] = (add[k] ?? 0) + v;
  const conditions = [a.condition, b.condition].filter(Boolean).map((c) => `(${c})`);
  return {
    update: a.update,
    set,
    add,
    remove: [...new Set([...(a.remove ?? []), ...(b.remove ?? [])])],
    ...(conditions.length ? { condition: conditions.join(' AND ') } : {}),
    ...(a.values || b.values ? { values: { ...(a.values ?? {}), ...(b.values ?? {}) } } : {}),
    ...((a.onFail ?? b.onFail) ? { onFail: a.onFail ?? b.onFail } : {}),
  };
}

function combine(a: WriteOp, b: WriteOp): WriteOp {
  if ('put' in a && 'update' in b) return foldIntoPut(a, b);
  if ('update' in a && 'update' in b) return mergeUpdates(a, b);
  throw new Error(`Two writes to ${keyId(keyOf(a))} cannot share one transaction`);
}

/** Zero adds ("+1 then -1") and updates left with nothing to do are not sent. */
function trimmed(op: WriteOp): WriteOp | undefined {
  if (!('update' in op)) return op;
  const add = Object.fromEntries(Object.entries(op.add ?? {}).filter(([, v]) => v !== 0));
  const set = op.set ?? {};
  const remove = op.remove ?? [];
  if (!Object.keys(add).length && !Object.keys(set).length && !remove.length && !op.condition)
    return undefined;
  const { add: _a, set: _s, remove: _r, ...rest } = op;
  return {
    ...rest,
    ...(Object.keys(set).length ? { set } : {}),
    ...(Object.keys(add).length ? { add } : {}),
    ...(remove.length ? { remove } : {}),
  };
}

/** The writes of one transaction, one per item, in the order each item first appeared. */
export function mergeOps(ops: WriteOp[]): WriteOp[] {
  const byItem = new Map<string, WriteOp>();
  ops.forEach((op, n) => {
    const id = keyId(keyOf(op));
    const own = withOwnPlaceholders(op, n);
    const prior = byItem.get(id);
    byItem.set(id, prior ? combine(prior, own) : own);
  });
  return [...byItem.values()].map(trimmed).filter((op): op is WriteOp => op !== undefined);
}

/** How many items `ops` touch once merged: what counts against the 100-item transaction limit. */
export const itemCount = (ops: WriteOp[]) => new Set(ops.map((op) => keyId(keyOf(op)))).size;
