import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** The one logger and metrics instance of a process; every module imports these. */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'propdesk',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | 'DEBUG' | 'WARN' | 'ERROR' | undefined) ?? 'INFO',
});

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'PropDesk',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'propdesk',
});

/**
 * A business count (contacts recorded, SLA breaches, notifications sent, job items): buffered, and
 * written as an EMF line when the Lambda invocation ends (functions/shared/lambda.ts).
 */
export function count(name: string, value = 1): void {
  if (value > 0) metrics.addMetric(name, MetricUnit.Count, value);
}
