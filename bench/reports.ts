import { ensureTable, localCredentials, startDynamoLocal } from '../infra/local/dynamo.ts';
import type { BenchModule } from './context.ts';
import { round } from './stats.ts';

/**
 * `reports.daily_items_read_ratio`: the items the 17:10 repairs reconciliation reads in a property with
 * 100× more history (closed repairs, completed on earlier days) ÷ with the base history, the same
 * day's repairs each time (must be ≤ 1.1: the report reads its day, not the property's past). Counted
 * at the DynamoDB client (items returned, a Query's ScannedCount) in a DynamoDB Local of its own.
 */
const baseHistory = 200;
const todayDone = 10;
const todayOpen = 10;

const reports: BenchModule = async (ctx) => {
  const dynamo = await startDynamoLocal();
  ctx.onCleanup(dynamo.stop);
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_REGION: process.env.AWS_REGION ?? 'local',
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    TABLE_NAME: 'bench-reports',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'ERROR',
  });
  await ensureTable(dynamo.endpoint, process.env.TABLE_NAME!);
  try {
    const { repairHistory, readOfDailyReport, todaysRepairs } = await import(
      '../test/support/report-history.ts'
    );
    const place = await todaysRepairs('BR', todayDone, todayOpen);
    await repairHistory(place, baseHistory);
    const small = await readOfDailyReport(place);
    ctx.log(
      `reports: 17:10 report read ${small.itemsRead} items with ${baseHistory} past repairs; loading ${99 * baseHistory} more`,
    );
    await repairHistory(place, 99 * baseHistory);
    const large = await readOfDailyReport(place);
    if (small.done !== todayDone || large.done !== todayDone)
      throw new Error(`the report listed ${small.done} and ${large.done} repairs done, not ${todayDone}`);
    return {
      'reports.daily_items_read_ratio': round(large.itemsRead / small.itemsRead),
      [`reports.daily_items_read.history_${baseHistory}`]: small.itemsRead,
      [`reports.daily_items_read.history_${100 * baseHistory}`]: large.itemsRead,
    };
  } finally {
    await dynamo.stop();
  }
};

export default reports;
