import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { tableDefinition, tableName } from './table.ts';

/** What one request spent in DynamoDB; reported as a Server-Timing header and read by the benchmarks. */
export interface DbUsage {
  calls: number;
  /** Wall time with at least one call in flight: parallel calls are not counted twice. */
  ms: number;
  inFlight: number;
  since: number;
  readUnits: number;
  writeUnits: number;
  /** Items the reads returned or, for a Query, looked at before any filter (its ScannedCount). */
  itemsRead: number;
}

const usage = new AsyncLocalStorage<DbUsage>();

export function trackDbUsage<T>(fn: () => Promise<T>): Promise<{ result: T; usage: DbUsage }> {
  const record: DbUsage = {
    calls: 0,
    ms: 0,
    inFlight: 0,
    since: 0,
    readUnits: 0,
    writeUnits: 0,
    itemsRead: 0,
  };
  return usage.run(record, async () => ({ result: await fn(), usage: record }));
}

interface Capacity {
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
  CapacityUnits?: number;
}

const writeCommands = /^(Put|Update|Delete|BatchWrite|TransactWrite)/;

/** With ReturnConsumedCapacity TOTAL the service reports only CapacityUnits: the command says which kind. */
function addCapacity(record: DbUsage, command: string, consumed: unknown) {
  const list = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as Capacity[];
  for (const c of list) {
    const units = c.CapacityUnits ?? (c.ReadCapacityUnits ?? 0) + (c.WriteCapacityUnits ?? 0);
    if (writeCommands.test(command)) record.writeUnits += units;
    else record.readUnits += units;
  }
}

function createClient(): DynamoDBDocumentClient {
  const base = new DynamoDBClient({
    // Locally AWS_ENDPOINT_URL_DYNAMODB points at DynamoDB Local; in Lambda it is unset.
    // Fail fast when the database is down or stalls: three attempts within a few seconds, then the
    // request answers 503 with Retry-After instead of hanging until the caller gives up.
    // DYNAMODB_REQUEST_TIMEOUT_MS lets the tests' DynamoDB Local, on a loaded 2-core machine, take longer.
    maxAttempts: 3,
    requestHandler: {
      connectionTimeout: 1000,
      requestTimeout: Number(process.env.DYNAMODB_REQUEST_TIMEOUT_MS ?? 3000),
      throwOnRequestTimeout: true,
    },
  });
  base.middlewareStack.add(
    (next, context) => async (args) => {
      const record = usage.getStore();
      if (!record) return next(args);
      if (record.inFlight++ === 0) record.since = performance.now();
      try {
        const out = await next(args);
        const output = out.output as {
          ConsumedCapacity?: unknown;
          ScannedCount?: number;
          Item?: unknown;
          Responses?: Record<string, unknown[]>;
        };
        addCapacity(record, context.commandName ?? '', output.ConsumedCapacity);
        record.itemsRead +=
          output.ScannedCount ??
          (output.Item ? 1 : 0) +
            Object.values(output.Responses ?? {}).reduce((n, items) => n + (items?.length ?? 0), 0);
        return out;
      } finally {
        record.calls += 1;
        if (--record.inFlight === 0) record.ms += performance.now() - record.since;
      }
    },
    { step: 'initialize', name: 'propdeskDbUsage' },
  );
  return DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

let client: DynamoDBDocumentClient | undefined;

/** The process-wide document client (created on first use so tests can set the endpoint first). */
export function ddb(): DynamoDBDocumentClient {
  client ??= createClient();
  return client;
}

/**
 * The health check's read: one eventually consistent GetItem of a key no record uses (half a read unit).
 * It needs no table-management permission, and gives up after two seconds instead of retrying.
 */
export async function databaseReachable(): Promise<boolean> {
  try {
    const key = { [tableDefinition.partitionKey]: 'HEALTH', [tableDefinition.sortKey]: 'HEALTH' };
    await ddb().send(new GetCommand({ TableName: tableName(), Key: key }), {
      abortSignal: AbortSignal.timeout(2000),
    });
    return true;
  } catch {
    return false;
  }
}
