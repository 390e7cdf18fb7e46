import { AppError, conflict } from '../../shared/errors.ts';
import type { Store, WriteOp } from '../../shared/store.ts';
import { keys } from '../../shared/table.ts';
import { finishImport, keepImportLock, lostLock } from './lock.ts';
import { itemCount, mergeOps } from './merge-ops.ts';
import type { Change, WriteGroup } from './plan.ts';
import { rollBackImport } from './recover.ts';
import { type Snapshots, undoOf } from './undo.ts';

/**
 * DynamoDB takes at most 100 items per transaction. Each of ours carries one audit entry (added by
 * Store.apply), the lock's heartbeat and its own undo (the journal entry), which leaves 97 for the
 * records and the property's figures.
 */
export const maxTransactionItems = 100;
const recordBudget = maxTransactionItems - 3;

/** The journal keeps a committed transaction's undo until its import ends, and a week after. */
const journalDays = 7;

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
 * The undo of transaction `n`, written in that same transaction: if the run stops anywhere after it
 * (an error, a crash, a timeout), whoever recovers the import finds exactly what to take back.
 */
function journalEntry(propertyId: string, importId: string, n: number, undo: WriteOp[]): WriteOp {
  return {
    put: {
      ...keys.importUndo(propertyId, importId, n),
      recordType: 'importUndo',
      importId,
      transaction: n,
      undo,
      expiresAt: Math.floor(Date.now() / 1000) + journalDays * 86_400,
    },
  };
}

/**
 * Writes every transaction of the plan; if one fails, takes back the ones before it, records the
 * import as rolled back and answers 409 with the reason. The audit trail keeps both: what was
 * written, and that it was undone.
 */
export async function writePlan(
  store: Store,
  propertyId: string,
  importId: string,
  transactions: Transaction[],
  snapshots: Snapshots,
): Promise<void> {
  for (const [i, t] of transactions.entries()) {
    const undo = t.ops.map((op) => undoOf(op, snapshots, importId, new Date().toISOString()));
    try {
      await store.apply(
        [...t.ops, keepImportLock(propertyId, importId), journalEntry(propertyId, importId, i + 1, undo)],
        {
          action: 'directory.import',
          entity: 'import',
          entityId: importId,
          after: {
            transaction: i + 1,
            of: transactions.length,
            created: count(t.changes, 'create'),
            updated: t.changes.filter((c) => c.action === 'update'),
          },
        },
      );
    } catch (error) {
      // Taken over by a recovery (this run looked dead): the recovery rolls it back, not this run.
      if (lostLock(error)) throw error;
      // If the database is gone this throws too, and the lock and journal wait for the recovery.
      const rollback = await rollBackImport(store, propertyId, importId, importId);
      const reason = error instanceof AppError ? error.toJSON().error : null;
      await finishImport(store, propertyId, importId, importId, {
        state: 'rolled_back',
        reason: reason && { code: reason.code, message: reason.message },
        leftovers: rollback.leftovers,
      });
      if (!(error instanceof AppError)) throw error;
      const kept = rollback.leftovers.length;
      throw conflict(
        'import_conflict',
        `The import stopped at transaction ${i + 1} of ${transactions.length} (${error.message}); ` +
          (kept ? `${kept} records could not be taken back` : 'nothing of it was kept'),
        { importId, reason: error.toJSON().error, transaction: i + 1, of: transactions.length, ...rollback },
      );
    }
  }
}
