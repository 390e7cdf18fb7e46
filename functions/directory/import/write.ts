import { AppError, conflict } from '../../shared/errors.ts';
import { logger } from '../../shared/log.ts';
import type { Store, WriteOp } from '../../shared/store.ts';
import { keepImportLock } from './lock.ts';
import { itemCount, keyOf, mergeOps } from './merge-ops.ts';
import type { Change, Plan, WriteGroup } from './plan.ts';
import { undoOf } from './undo.ts';

/**
 * DynamoDB takes at most 100 items per transaction. Each of ours carries one audit entry (added by
 * Store.apply) and the lock refresh, which leaves 98 for the records and the property's figures.
 */
export const maxTransactionItems = 100;
const recordBudget = maxTransactionItems - 2;

export interface Transaction {
  ops: WriteOp[];
  changes: Change[];
}

/** Groups packed in order into as few transactions as fit; a group is never split. */
export function packTransactions(groups: WriteGroup[], budget = recordBudget): Transaction[] {
  const packed: Transaction[] = [];
  let current: Transaction = { ops: [], changes: [] };
  for (const group of groups) {
    if (itemCount(group.ops) > budget) throw new Error('One group of the import exceeds a transaction');
    if (itemCount([...current.ops, ...group.ops]) > budget) {
      packed.push(current);
      current = { ops: [], changes: [] };
    }
    current.ops.push(...group.ops);
    current.changes.push(...group.changes);
  }
  if (current.ops.length) packed.push(current);
  return packed.map((t) => ({ ...t, ops: mergeOps(t.ops) }));
}

const count = (changes: Change[], action: Change['action']) => {
  const of = (entity: Change['entity']) =>
    changes.filter((c) => c.entity === entity && c.action === action).length;
  return { buildings: of('building'), units: of('unit'), households: of('household') };
};

/**
 * Writes every transaction of the plan; if one fails, takes back the ones before it and answers
 * 409 with the reason. The audit trail keeps both: what was written, and that it was undone.
 */
export async function writePlan(
  store: Store,
  propertyId: string,
  importId: string,
  plan: Plan,
): Promise<number> {
  const transactions = packTransactions(plan.groups);
  const undo: WriteOp[] = [];
  for (const [i, t] of transactions.entries()) {
    try {
      await store.apply([...t.ops, keepImportLock(propertyId, importId)], {
        action: 'directory.import',
        entity: 'import',
        entityId: importId,
        after: {
          transaction: i + 1,
          of: transactions.length,
          created: count(t.changes, 'create'),
          updated: t.changes.filter((c) => c.action === 'update'),
        },
      });
    } catch (error) {
      const rollback = await takeBack(store, importId, undo);
      if (!(error instanceof AppError)) throw error;
      const kept = rollback.leftovers.length;
      throw conflict(
        'import_conflict',
        `The import stopped at transaction ${i + 1} of ${transactions.length} (${error.message}); ` +
          (kept ? `${kept} records could not be taken back` : 'nothing of it was kept'),
        { importId, reason: error.toJSON().error, transaction: i + 1, of: transactions.length, ...rollback },
      );
    }
    const at = new Date().toISOString();
    undo.push(...t.ops.map((op) => undoOf(op, plan.snapshots, importId, at)));
  }
  return transactions.length;
}

/**
 * The compensation: delete what the import created and restore what it updated, each guarded by the
 * state the import left. A transaction that fails is retried one record at a time, so one record
 * changed meanwhile by someone else stays behind (and is reported) instead of keeping all the others.
 */
async function takeBack(store: Store, importId: string, undo: WriteOp[]) {
  const ops = mergeOps(undo);
  const leftovers: string[] = [];
  const audit = (n: number) => ({
    action: 'directory.import.rollback',
    entity: 'import',
    entityId: importId,
    after: { undone: n },
  });
  for (let i = 0; i < ops.length; i += maxTransactionItems - 1) {
    const part = ops.slice(i, i + maxTransactionItems - 1);
    try {
      await store.apply(part, audit(part.length));
    } catch {
      for (const op of part) {
        await store.apply([op], audit(1)).catch((error: unknown) => {
          const { pk, sk } = keyOf(op);
          logger.error('import rollback left a record', { importId, pk, sk, error: error as Error });
          leftovers.push(sk);
        });
      }
    }
  }
  return { undone: ops.length - leftovers.length, leftovers };
}
