import { lambdaHandler } from '../shared/lambda.ts';
import { logger } from '../shared/log.ts';
import { runJob } from './run.ts';

/** EventBridge Scheduler delivers the declared payload; an unknown or malformed one is rejected. */
export const handler = lambdaHandler(async (event: unknown) => {
  const result = await runJob(event);
  logger.info('job finished', { ...result });
  return result;
});
