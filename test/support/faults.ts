import {
  InternalServerError,
  ThrottlingException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { ddb } from '../../functions/shared/db.ts';

/** What DynamoDB (or the network to it) does to a call that goes wrong. */
export type FaultKind = 'throttling' | 'internal' | 'timeout' | 'cancelled';

const metadata = { httpStatusCode: 400, attempts: 3, totalRetryDelay: 300 };

/** The errors exactly as the SDK raises them once its own retries are spent. */
function faultError(kind: FaultKind, command: string): Error {
  switch (kind) {
    case 'throttling':
      return new ThrottlingException({
        message: 'Rate of requests exceeds the allowed throughput.',
        $metadata: metadata,
      });
    case 'internal':
      return new InternalServerError({
        message: 'Internal server error',
        $metadata: { ...metadata, httpStatusCode: 500 },
      });
    case 'cancelled': {
      // Only a transaction can be cancelled; elsewhere this fault is a throttle.
      if (!/TransactWrite/.test(command)) return faultError('throttling', command);
      return new TransactionCanceledException({
        message:
          'Transaction cancelled, please refer cancellation reasons for specific reasons [ThrottlingError]',
        CancellationReasons: [{ Code: 'ThrottlingError' }, { Code: 'None' }],
        $metadata: metadata,
      });
    }
    case 'timeout':
      return Object.assign(new Error('Connection timed out after 3000 ms'), {
        name: 'TimeoutError',
        code: 'ETIMEDOUT',
        $metadata: {},
      });
  }
}

/** A small seeded generator (mulberry32): the same seed fails the same calls. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultInjector {
  /** Calls seen and calls failed, by kind. */
  counts: { calls: number; failed: number } & Record<FaultKind, number>;
  /** Pauses or resumes failing (the middleware stays in place). */
  setRate: (rate: number) => void;
  remove: () => void;
}

const name = 'propdeskFaults';
const kinds: FaultKind[] = ['throttling', 'internal', 'timeout', 'cancelled'];

/**
 * Fails `rate` of the process's DynamoDB calls, after the SDK's retries (the error the application
 * sees). A throttle, a 500 or a cancelled transaction never reaches the table; a timeout is the
 * ambiguous one: half of them let the call land and lose the answer, as a dropped connection does.
 */
export function injectFaults(options: { rate: number; seed: number; kinds?: FaultKind[] }): FaultInjector {
  const random = seededRandom(options.seed);
  let rate = options.rate;
  const pool = options.kinds ?? kinds;
  const counts = { calls: 0, failed: 0, throttling: 0, internal: 0, timeout: 0, cancelled: 0 };
  const stack = ddb().middlewareStack;
  stack.remove(name);
  stack.add(
    (next, context) => async (args) => {
      counts.calls += 1;
      if (random() >= rate) return next(args);
      const kind = pool[Math.floor(random() * pool.length)]!;
      counts.failed += 1;
      counts[kind] += 1;
      const command = context.commandName ?? '';
      if (kind === 'timeout' && random() < 0.5) await next(args);
      throw faultError(kind, command);
    },
    { step: 'initialize', name, priority: 'high' },
  );
  return {
    counts,
    setRate: (r) => {
      rate = r;
    },
    remove: () => {
      stack.remove(name);
    },
  };
}

/** One DynamoDB call as a fault's matcher sees it: the client command's name (`GetItemCommand`) and its input, not marshalled. */
export interface DbCall {
  command: string;
  input: Record<string, unknown>;
}

/**
 * Fails, as `kind` would, the next `times` calls of the process that `match` picks (every one when
 * `times` is not given), e.g. "the notice's first read after the action's commit": a crash at one
 * chosen point. The calls it lets through reach the table as usual.
 */
export function failCalls(
  match: (call: DbCall) => boolean,
  options: { times?: number; kind?: FaultKind } = {},
): { failed: () => number; remove: () => void } {
  const stack = ddb().middlewareStack;
  const kind = options.kind ?? 'internal';
  let failed = 0;
  stack.remove(name);
  stack.add(
    (next, context) => async (args) => {
      const call = { command: context.commandName ?? '', input: args.input as Record<string, unknown> };
      if ((options.times !== undefined && failed >= options.times) || !match(call)) return next(args);
      failed += 1;
      throw faultError(kind, call.command);
    },
    { step: 'initialize', name, priority: 'high' },
  );
  return {
    failed: () => failed,
    remove: () => {
      stack.remove(name);
    },
  };
}
