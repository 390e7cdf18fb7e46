import { ensureTable, localCredentials, startDynamoLocal } from '../infra/local/dynamo.ts';
import type { BenchModule } from './context.ts';
import { round } from './stats.ts';

/**
 * The SLA sweep's read units with 100,000 open tickets ÷ with 1,000, the same due set each time — the
 * scenario of test/integration/sla-sweep-capacity.test.ts, in a DynamoDB Local of its own (in memory).
 * The sweep runs in this process, so the table is set up before the first DynamoDB call.
 */
const sla: BenchModule = async (ctx) => {
  const dynamo = await startDynamoLocal();
  ctx.onCleanup(dynamo.stop);
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  process.env.AWS_REGION ??= 'local';
  process.env.AWS_ACCESS_KEY_ID = localCredentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = localCredentials.secretAccessKey;
  process.env.TABLE_NAME = 'bench-sla';
  process.env.LOG_LEVEL ??= 'ERROR';
  await ensureTable(dynamo.endpoint, process.env.TABLE_NAME);
  try {
    const scenario = await import('../test/support/sweep-capacity.ts');
    const place = await scenario.capacityPlace('BS');
    await scenario.settle();
    await scenario.openFarFromDue(place, 999);
    const small = await scenario.measuredSweep((await scenario.dueSet(place)).now);
    ctx.log('sla: 1,000 open tickets swept; loading 99,000 more');
    const started = performance.now();
    await scenario.openWithoutClock(place, 99_000);
    const loadSeconds = (performance.now() - started) / 1000;
    const large = await scenario.measuredSweep((await scenario.dueSet(place)).now);
    if (small.result.read !== 3 || large.result.read !== 3)
      throw new Error(
        `the sweeps read ${small.result.read} and ${large.result.read} due entries, not 3 each`,
      );
    return {
      'sla.sweep_rcu_ratio': round(large.usage.readUnits / small.usage.readUnits),
      'sla.sweep_rcu.open_1000': round(small.usage.readUnits),
      'sla.sweep_rcu.open_100000': round(large.usage.readUnits),
      'sla.load_99000_open_s': round(loadSeconds, 1),
    };
  } finally {
    await dynamo.stop();
  }
};

export default sla;
