import type { JobPayload, JobResult } from '../../jobs/index.ts';
import { AppError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { logger } from '../../shared/log.ts';
import { forEachProperty, propertyStore, type Store, type WriteOp } from '../../shared/store.ts';
import { keys, skPrefix } from '../../shared/table.ts';
import {
  finishImport,
  holding,
  type ImportRun,
  isStale,
  keepImportLock,
  lostLock,
  readLock,
  takeOverImportLock,
} from './lock.ts';
import { keyOf } from './merge-ops.ts';

interface JournalEntry {
  transaction: number;
  undo: WriteOp[];
  /** `done<i>`: the undo's i-th write went in ('undone') or was left because someone changed it ('kept'). */
  [done: `done${number}`]: 'undone' | 'kept' | undefined;
}

async function journalOf(store: Store, propertyId: string, importId: string): Promise<JournalEntry[]> {
  const entries: JournalEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<JournalEntry>({
      partition: keys.property(propertyId).pk,
      beginsWith: skPrefix.importUndo(importId),
      consistent: true,
      limit: 25,
      cursor,
    });
    entries.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return entries;
}

/**
 * The compensation, from the journal: the committed transactions are taken back last first, each
 * undo together with the removal of its journal entry, so a rollback cut off itself resumes where it
 * stopped and never takes anything back twice. The undo writes are guarded by the state the import
 * left; if one fails (someone edited that record since), the entry is taken back one write at a time
 * and that record stays behind (and is reported) instead of keeping all the others. Every write also
 * checks that `holder` still holds the lock: a run that was taken over stops here.
 */
export async function rollBackImport(store: Store, propertyId: string, importId: string, holder: string) {
  const journal = await journalOf(store, propertyId, importId);
  const lock = () => keepImportLock(propertyId, holder);
  const audit = (transaction: number, undone: number) => ({
    action: 'directory.import.rollback',
    entity: 'import',
    entityId: importId,
    after: { transaction, undone },
  });
  const leftovers: string[] = [];
  let undone = 0;
  for (const entry of journal.reverse()) {
    const key = keys.importUndo(propertyId, importId, entry.transaction);
    const pending = entry.undo.map((op, i) => ({ op, i })).filter(({ i }) => !entry[`done${i}`]);
    try {
      await store.apply(
        [...pending.map((p) => p.op), { delete: key, condition: 'attribute_exists(#pk)' }, lock()],
        audit(entry.transaction, pending.length),
      );
      undone += pending.length;
      leftovers.push(...keptOf(entry));
      continue;
    } catch (error) {
      if (!(error instanceof AppError) || lostLock(error)) throw error;
    }
    for (const { op, i } of pending) {
      const mark = (done: 'undone' | 'kept'): WriteOp => ({
        update: key,
        set: { [`done${i}`]: done },
        condition: `attribute_not_exists(#done${i})`,
      });
      try {
        await store.apply([op, mark('undone'), lock()], audit(entry.transaction, 1));
        undone += 1;
      } catch (error) {
        if (!(error instanceof AppError) || lostLock(error)) throw error;
        const { pk, sk } = keyOf(op);
        logger.error('import rollback left a record', { importId, pk, sk, error: error as Error });
        await store.apply([mark('kept'), lock()], audit(entry.transaction, 0));
        entry[`done${i}`] = 'kept';
      }
    }
    await store.apply([{ delete: key }, lock()], audit(entry.transaction, 0));
    leftovers.push(...keptOf(entry));
  }
  return { undone, leftovers };
}

const keptOf = (entry: JournalEntry) =>
  entry.undo.filter((_, i) => entry[`done${i}`] === 'kept').map((op) => keyOf(op).sk);

/**
 * Rolls back an import whose run has stopped (a crash, a timeout, the database gone under it), if
 * the property has one: called by the next import, the status page and the recovery job, so an
 * interrupted import never stays half-written. An import still running is left alone.
 */
export async function recoverInterruptedImport(store: Store, propertyId: string): Promise<boolean> {
  const lock = await readLock(store, propertyId);
  if (!lock || !isStale(lock)) return false;
  const system = store.asSystem();
  const holder = newId();
  return holding(holder, async () => {
    try {
      await takeOverImportLock(system, propertyId, lock, holder);
    } catch (error) {
      // Another request or the job got there first: it rolls the import back.
      if (error instanceof AppError && error.code === 'import_in_progress') return false;
      throw error;
    }
    const rollback = await rollBackImport(system, propertyId, lock.importId, holder);
    await finishImport(system, propertyId, lock.importId, holder, {
      state: 'rolled_back',
      interrupted: true,
      // From the lock as well, should the run's own record be missing.
      startedAt: lock.startedAt,
      startedBy: lock.actorName,
      reason: {
        code: 'import_interrupted',
        message: 'The import stopped before it finished; everything it had written was taken back',
      },
      leftovers: rollback.leftovers,
    });
    logger.warn('interrupted import rolled back', { propertyId, importId: lock.importId, ...rollback });
    return true;
  });
}

/** The recovery job: each property's lock looked at (one read), as that property's system. */
export async function recoverInterruptedImports(_payload: JobPayload): Promise<JobResult> {
  const recovered = await forEachProperty((propertyId) =>
    recoverInterruptedImport(propertyStore(propertyId), propertyId),
  );
  return { read: recovered.length, changed: recovered.filter(Boolean).length };
}

/** The property's latest import, after rolling back one that was interrupted. */
export async function latestImport(store: Store, propertyId: string): Promise<ImportRun | null> {
  await recoverInterruptedImport(store, propertyId);
  const { items } = await store.query<ImportRun>({
    partition: keys.property(propertyId).pk,
    beginsWith: skPrefix.importRun,
    newestFirst: true,
    consistent: true,
    limit: 1,
  });
  return items[0] ?? null;
}
