import type { WriteOp } from '../../shared/store.ts';
import { keyId } from './merge-ops.ts';

/** Stored records an import touches, by item key, as they were when the import planned its writes. */
export type Snapshots = Map<string, Record<string, unknown>>;

/** Attributes that move without a version bump (occupancyOps): a rollback must see them unchanged too. */
const watchedOnNewItems = ['version', 'activeHouseholds'];

/**
 * The write that takes back `op` once it has been committed, guarded so that it only succeeds while
 * the item is still exactly as the import left it: a record someone changed since is left alone
 * (and reported) rather than overwritten.
 */
export function undoOf(op: WriteOp, snapshots: Snapshots, importId: string, at: string): WriteOp {
  if ('put' in op) {
    const item = op.put;
    const watched = watchedOnNewItems.filter((k) => item[k] !== undefined);
    return {
      delete: { pk: item.pk, sk: item.sk },
      condition: ['#importId = :importId', ...watched.map((k) => `#${k} = :${k}`)].join(' AND '),
      values: { ':importId': importId, ...Object.fromEntries(watched.map((k) => [`:${k}`, item[k]])) },
    };
  }
  if ('delete' in op || 'check' in op)
    throw new Error('An import only puts and updates, so there is nothing else to undo');
  const before = snapshots.get(keyId(op.update)) ?? {};
  const after: Record<string, unknown> = { ...before, ...(op.set ?? {}) };
  for (const [k, v] of Object.entries(op.add ?? {})) after[k] = ((before[k] as number | undefined) ?? 0) + v;

  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  for (const k of [...Object.keys(op.set ?? {}), ...(op.remove ?? [])]) {
    if (k === 'version')
      set.version = (after.version as number) + 1; // versions only go forward
    else if (k === 'updatedAt') set.updatedAt = at;
    else if (before[k] === undefined) remove.push(k);
    else set[k] = before[k];
  }
  const add = Object.fromEntries(Object.entries(op.add ?? {}).map(([k, v]) => [k, -v]));
  // The attributes the write was conditional on are the ones others compete for: check them again.
  const checked = [...new Set([...(op.condition?.matchAll(/#([A-Za-z0-9_]+)/g) ?? [])].map((m) => m[1]!))];
  return {
    update: op.update,
    set,
    add,
    remove,
    ...(checked.length
      ? {
          condition: checked.map((k) => `#${k} = :${k}`).join(' AND '),
          values: Object.fromEntries(checked.map((k) => [`:${k}`, after[k]])),
        }
      : {}),
  };
}
