import type { Actor } from '../../shared/actor.ts';
import { AppError, conflict } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Store, WriteOp } from '../../shared/store.ts';
import { keys } from '../../shared/table.ts';
import type { Summary } from './plan.ts';

/**
 * One import per property at a time: two imports interleaving their transactions would each roll the
 * other back. The lock (`IMPORT_LOCK`) names the import and its holder — the run driving it, first the
 * import itself, then whoever recovers it — and carries a heartbeat that every transaction pushes on.
 * A run that has stopped (its process crashed, its Lambda timed out, the database went away under
 * it) leaves the lock behind with its journal; the next import, the status page or the recovery job
 * finds it stale and rolls that import back (recover.ts) instead of waiting for anything to expire.
 */

/** This process, as lock holders know it: a run of this process that is not in `running` is dead. */
const instance = newId();
const running = new Set<string>();

/**
 * In another process a run is dead once its heartbeat is this old: a directory function runs at most
 * 29 s (and a live run beats at every transaction, a second or so apart).
 */
export const staleAfterMs = 60_000;

export interface ImportLock {
  importId: string;
  holder: string;
  instance: string;
  actorName: string;
  startedAt: string;
  heartbeatAt: number;
}

export type ImportState = 'running' | 'completed' | 'rolled_back';

/** One import, as the status page shows it. */
export interface ImportRun {
  id: string;
  state: ImportState;
  startedAt: string;
  startedBy: string;
  finishedAt: string | null;
  rows: number;
  summary: Summary;
  /** Transactions planned; `committed` of them were written before the end. */
  transactions: number;
  /** Set when the run stopped without finishing (a crash) and was rolled back by a later request or job. */
  interrupted: boolean;
  reason: { code: string; message: string } | null;
  /** Records someone changed after the import wrote them: not taken back, so as not to lose their edit. */
  leftovers: string[];
}

/** Whether the run holding `lock` can still be alive. */
export function isStale(lock: ImportLock, now = Date.now()): boolean {
  if (lock.instance === instance) return !running.has(lock.holder);
  return now - lock.heartbeatAt > staleAfterMs;
}

/**
 * Runs `work` as the lock holder `holder` of this process, so that another request here knows it is
 * alive: enter it before taking the lock.
 */
export async function holding<T>(holder: string, work: () => Promise<T>): Promise<T> {
  running.add(holder);
  try {
    return await work();
  } finally {
    running.delete(holder);
  }
}

export const readLock = (store: Store, propertyId: string) =>
  store.get<ImportLock>(keys.importLock(propertyId), { consistent: true });

const inProgress = (holder: ImportLock | undefined) =>
  conflict(
    'import_in_progress',
    'Another import into this property is running; try again when it has finished',
    {
      startedAt: holder?.startedAt ?? null,
      startedBy: holder?.actorName ?? null,
    },
  );

/**
 * Takes the lock for a new import and records the import as running, in one transaction audited as
 * the property's system; answers 409 import_in_progress saying who holds it since when.
 */
export async function acquireImportLock(
  store: Store,
  propertyId: string,
  run: { importId: string; rows: number; summary: Summary; transactions: number },
  actor: Actor,
): Promise<void> {
  const startedAt = new Date().toISOString();
  const record: ImportRun = {
    id: run.importId,
    state: 'running',
    startedAt,
    startedBy: actor.name,
    finishedAt: null,
    rows: run.rows,
    summary: run.summary,
    transactions: run.transactions,
    interrupted: false,
    reason: null,
    leftovers: [],
  };
  try {
    await store.asSystem().apply(
      [
        {
          put: {
            ...keys.importLock(propertyId),
            recordType: 'importLock',
            importId: run.importId,
            holder: run.importId,
            instance,
            actorId: actor.staffId,
            actorName: actor.name,
            startedAt,
            heartbeatAt: Date.now(),
          },
          condition: 'attribute_not_exists(#pk)',
          onFail: inProgress(undefined),
        },
        { put: { ...keys.importRun(propertyId, run.importId), recordType: 'import', ...record } },
      ],
      {
        action: 'directory.import.start',
        entity: 'import',
        entityId: run.importId,
        after: { startedBy: actor.name, rows: run.rows, transactions: run.transactions },
      },
    );
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'import_in_progress') throw error;
    throw inProgress(await readLock(store, propertyId));
  }
}

/**
 * A new holder for a stale lock: the recovering run. Conditioned on the heartbeat it found, so of two
 * requests that find the same stale lock one recovers and the other hears that an import is running.
 */
export async function takeOverImportLock(
  store: Store,
  propertyId: string,
  stale: ImportLock,
  holder: string,
): Promise<void> {
  try {
    await store.asSystem().apply(
      [
        {
          update: keys.importLock(propertyId),
          set: { holder, instance, heartbeatAt: Date.now() },
          condition: '#holder = :holder AND #heartbeatAt = :beat',
          values: { ':holder': stale.holder, ':beat': stale.heartbeatAt },
          onFail: inProgress(stale),
        },
      ],
      {
        action: 'directory.import.recover',
        entity: 'import',
        entityId: stale.importId,
        after: { startedBy: stale.actorName, startedAt: stale.startedAt },
      },
    );
  } catch (error) {
    if (error instanceof AppError && error.code === 'import_in_progress') throw inProgress(stale);
    throw error;
  }
}

/** Part of every transaction of an import or its rollback: fails it if the lock was lost, and beats. */
export const keepImportLock = (propertyId: string, holder: string): WriteOp => ({
  update: keys.importLock(propertyId),
  set: { heartbeatAt: Date.now() },
  condition: '#holder = :holder',
  values: { ':holder': holder },
  onFail: conflict(
    'import_lock_lost',
    'The import stopped answering and was taken over by its recovery, which rolls it back',
  ),
});

export const lostLock = (error: unknown) => error instanceof AppError && error.code === 'import_lock_lost';

/** Ends an import: its record says how, and the lock is released, in one transaction. */
export async function finishImport(
  store: Store,
  propertyId: string,
  importId: string,
  holder: string,
  end: Pick<ImportRun, 'state'> &
    Partial<Pick<ImportRun, 'interrupted' | 'reason' | 'leftovers' | 'startedAt' | 'startedBy'>>,
): Promise<void> {
  const finishedAt = new Date().toISOString();
  await store.asSystem().apply(
    [
      { update: keys.importRun(propertyId, importId), set: { ...end, finishedAt } },
      {
        delete: keys.importLock(propertyId),
        condition: '#holder = :holder',
        values: { ':holder': holder },
        onFail: keepImportLock(propertyId, holder).onFail,
      },
    ],
    { action: 'directory.import.finish', entity: 'import', entityId: importId, after: { ...end } },
  );
}
