import { ensureTable, localCredentials, startDynamoLocal } from '../infra/local/dynamo.ts';
import type { BenchModule } from './context.ts';
import { round } from './stats.ts';

/**
 * `billing.report_items_read_ratio`: the items the head-office billing overview reads with 10× more
 * billed households in every property ÷ with the base number, the same properties each time (must be
 * ≤ 1.1: it reads one month-figures item per property, maintained on write, never the requests).
 * Counted at the DynamoDB client (items returned, a Query's ScannedCount) in a DynamoDB Local of its own.
 */
const properties = 3;
const baseHouseholds = 40;
const period = '2026-05';

const billingReports: BenchModule = async (ctx) => {
  const dynamo = await startDynamoLocal();
  ctx.onCleanup(dynamo.stop);
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_REGION: process.env.AWS_REGION ?? 'local',
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    TABLE_NAME: 'bench-billing-reports',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'ERROR',
  });
  await ensureTable(dynamo.endpoint, process.env.TABLE_NAME!);
  try {
    const load = await import('../test/support/billing-report-load.ts');
    const places = await load.billedProperties(properties, 'BB');
    await load.billHouseholds(places, period, baseHouseholds);
    const small = await load.readOfBillingOverview(period);
    ctx.log(
      `billing-reports: overview read ${small.itemsRead} items with ${baseHouseholds} households each; billing ${9 * baseHouseholds} more each`,
    );
    await load.billHouseholds(places, period, 9 * baseHouseholds);
    const large = await load.readOfBillingOverview(period);
    if (small.billed !== properties * baseHouseholds || large.billed !== properties * 10 * baseHouseholds)
      throw new Error(`the overview counted ${small.billed} and ${large.billed} households billed`);
    return {
      'billing.report_items_read_ratio': round(large.itemsRead / small.itemsRead),
      [`billing.report_items_read.households_${baseHouseholds}`]: small.itemsRead,
      [`billing.report_items_read.households_${10 * baseHouseholds}`]: large.itemsRead,
    };
  } finally {
    await dynamo.stop();
  }
};

export default billingReports;
