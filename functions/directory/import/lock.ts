import { type Actor, useActor } from '../../shared/actor.ts';
import { AppError, conflict } from '../../shared/errors.ts';
import { type Store, transact, type WriteOp } from '../../shared/store.ts';
import { propertyPrefix } from '../../shared/table.ts';

/**
 * One import per property at a time: two imports planned against the same state would each be
 * valid alone and wrong together. The lock lives in the property's partition and expires, so an
 * import that crashed (a Lambda timing out mid-way) blocks the next one for minutes, not forever.
 * DynamoDB's TTL deletes late, so the condition also treats an expired lock as free.
 */
export const importLockKey = (propertyId: string) => ({ pk: propertyPrefix(propertyId), sk: 'IMPORT_LOCK' });

/** Longer than any one transaction takes; every transaction of the import extends it again. */
export const lockSeconds = 300;

const nowSeconds = () => Math.floor(Date.now() / 1000);

interface LockItem {
  importId: string;
  actorName: string;
  startedAt: string;
}

/** Takes the lock, or answers 409 import_in_progress saying who holds it since when. */
export async function acquireImportLock(
  store: Store,
  propertyId: string,
  importId: string,
  actor: Actor = useActor(),
) {
  const key = importLockKey(propertyId);
  try {
    await transact([
      {
        put: {
          ...key,
          recordType: 'importLock',
          importId,
          actorId: actor.staffId,
          actorName: actor.name,
          startedAt: new Date().toISOString(),
          expiresAt: nowSeconds() + lockSeconds,
        },
        condition: 'attribute_not_exists(#pk) OR #expiresAt < :now',
        values: { ':now': nowSeconds() },
      },
    ]);
  } catch (error) {
    if (!(error instanceof AppError) || error.status !== 409) throw error;
    const holder = await store.get<LockItem>(key);
    throw conflict(
      'import_in_progress',
      'Another import into this property is running; try again when it has finished',
      {
        startedAt: holder?.startedAt ?? null,
        startedBy: holder?.actorName ?? null,
      },
    );
  }
}

/** Part of every transaction of the import: fails it if the lock was lost, and pushes the expiry on. */
export const keepImportLock = (propertyId: string, importId: string): WriteOp => ({
  update: importLockKey(propertyId),
  set: { expiresAt: nowSeconds() + lockSeconds },
  condition: '#importId = :importId',
  values: { ':importId': importId },
  onFail: conflict('import_lock_lost', 'The import took too long and lost its lock; nothing of it was kept'),
});

export async function releaseImportLock(propertyId: string, importId: string): Promise<void> {
  try {
    await transact([
      {
        delete: importLockKey(propertyId),
        condition: '#importId = :importId',
        values: { ':importId': importId },
      },
    ]);
  } catch (error) {
    // Expired and taken by the next import: it is theirs now.
    if (!(error instanceof AppError)) throw error;
  }
}
