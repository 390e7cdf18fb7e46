import { lambdaHandler } from '../shared/lambda.ts';
import { count, logger, metrics } from '../shared/log.ts';
import { runJob } from './run.ts';

/** EventBridge Scheduler delivers the declared payload; an unknown or malformed one is rejected. */
export const handler = lambdaHandler(async (event: unknown) => {
  const result = await runJob(event);
  logger.info('job finished', { ...result });
  metrics.addDimension('job', result.job);
  count('JobItemsRead', result.read);
  count('JobItemsChanged', result.changed);
  return result;
});
