import { ensureTable, localCredentials, startDynamoLocal } from '../infra/local/dynamo.ts';
import type { BenchModule } from './context.ts';
import { round } from './stats.ts';

/**
 * Items one ticket search reads with 100,000 tickets in the property ÷ with 1,000 — the scenario of
 * test/integration/ticket-search.test.ts (test/support/search-cost.ts), in a DynamoDB Local of its own
 * (in memory): a rare search (a caller's name, one match) and a common word (every ticket matches; one
 * page of 20). Items, not time: a Query's ScannedCount, a Get's item, a BatchGet's items. Before the
 * history is loaded: seconds to number 200 repairs of one day, one by one and 20 at a time (context).
 */
const search: BenchModule = async (ctx) => {
  const dynamo = await startDynamoLocal();
  ctx.onCleanup(dynamo.stop);
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  process.env.AWS_REGION ??= 'local';
  process.env.AWS_ACCESS_KEY_ID = localCredentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = localCredentials.secretAccessKey;
  process.env.TABLE_NAME = 'bench-search';
  process.env.LOG_LEVEL ??= 'ERROR';
  // As in the tests: DynamoDB Local on a loaded 2-core machine, with 20 transactions racing, takes longer.
  process.env.DYNAMODB_REQUEST_TIMEOUT_MS ??= '30000';
  await ensureTable(dynamo.endpoint, process.env.TABLE_NAME);
  try {
    const scenario = await import('../test/support/search-cost.ts');
    const place = await scenario.searchPlace('BQ');
    // The price of gapless numbers: 200 repairs of one day one after the other, then 20 at a time.
    const sequential = await scenario.timedNumbering(place, '2026-03-02', 200, 1);
    const concurrent = await scenario.timedNumbering(place, '2026-03-03', 200, 20);
    ctx.log(
      `search: numbered 200 in ${round(sequential.seconds, 1)} s one by one, ${round(concurrent.seconds, 1)} s 20 at a time`,
    );
    await scenario.addHistory(place, 998);
    const small = {
      rare: await scenario.measuredSearch(place, '赵敏'),
      common: await scenario.measuredSearch(place, '漏水'),
    };
    ctx.log('search: measured with 1,000 tickets; loading 99,000 more');
    const started = performance.now();
    await scenario.addHistory(place, 99_000);
    const loadSeconds = (performance.now() - started) / 1000;
    const large = {
      rare: await scenario.measuredSearch(place, '赵敏'),
      common: await scenario.measuredSearch(place, '漏水'),
    };
    if (large.rare.result.items.length !== 1 || large.common.result.items.length !== 20)
      throw new Error(
        `the searches found ${large.rare.result.items.length} and ${large.common.result.items.length} tickets, not 1 and 20`,
      );
    return {
      'tickets.search_items_read': large.rare.usage.itemsRead,
      'tickets.search_items_read.tickets_1000': small.rare.usage.itemsRead,
      'tickets.search_items_read_ratio': round(large.rare.usage.itemsRead / small.rare.usage.itemsRead),
      'tickets.search_items_read.common_word': large.common.usage.itemsRead,
      'tickets.search_items_read_ratio.common_word': round(
        large.common.usage.itemsRead / small.common.usage.itemsRead,
      ),
      'tickets.search_rcu.tickets_100000': round(large.rare.usage.readUnits),
      'tickets.search_load_99000_s': round(loadSeconds, 1),
      'tickets.number_200_sequential_s': round(sequential.seconds, 1),
      'tickets.number_200_concurrent20_s': round(concurrent.seconds, 1),
      'tickets.number_200_concurrent20_lost_races': concurrent.lostRaces,
    };
  } finally {
    await dynamo.stop();
  }
};

export default search;
