import { resolve } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { type DbDownOutcome, databaseDown } from '../support/faults-db-down.ts';

/**
 * DynamoDB Local killed under a running local host (a real process, demo company): every route, sign-in
 * and health included, answers 503 with Retry-After and a JSON error naming no internals — at once,
 * without hanging; DynamoDB Local started again, the same host signs in and answers as before.
 */
let outcome: DbDownOutcome;

beforeAll(async () => {
  outcome = await databaseDown({ root: resolve(import.meta.dirname, '../..'), log: () => {} });
}, 300_000);

it('anyone, while the database is down: every route answers 503 with Retry-After, no "wrong password", no internals', () => {
  expect(outcome.down.length).toBeGreaterThan(40);
  expect(outcome.wrong).toEqual([]);
});

it('front desk, once the database is back: health, sign-in and a room search work again without restarting the host', () => {
  expect(outcome.restored.map((a) => `${a.what} ${a.status}`)).toEqual([
    'GET /api/health 200',
    'POST /auth/local/sign-in 200',
    'room search 200',
  ]);
});
