/**
 * How payments meet the one receipt counter of their property (docs/decisions/023). The guarantee is
 * the transaction's: the counter moves from the value read only if the payment commits. Around it,
 * two ways to keep a busy desk from colliding: the payments of one property in one process wait in
 * line (a Lambda serves one request at a time, so there the line is one payment long; the local host
 * and a container serving many are where it counts), and a race lost to another process is retried
 * with fresh reads after a wait with full jitter, so a burst spreads out instead of colliding in step.
 */
import { AppError } from '../../shared/errors.ts';

/** The conflicts a fresh read resolves; any other error (a closed month, …) is the answer. */
const lostRace = new Set(['receipt_number_taken', 'busy', 'record_changed']);
const attempts = 100;

export async function retryLostRace<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof AppError && lostRace.has(error.code)) || attempt >= attempts) throw error;
      const ceiling = Math.min(500, 10 * 2 ** Math.min(attempt, 6));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }
}

const lines = new Map<string, Promise<unknown>>();

/** Runs `work` after the work queued before it for `key` has ended, however that ended. */
export function inLine<T>(key: string, work: () => Promise<T>): Promise<T> {
  const mine = (lines.get(key) ?? Promise.resolve()).then(work, work);
  const tail = mine.then(
    () => undefined,
    () => undefined,
  );
  lines.set(key, tail);
  void tail.then(() => {
    if (lines.get(key) === tail) lines.delete(key);
  });
  return mine;
}
