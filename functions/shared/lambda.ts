import type { Context } from 'aws-lambda';
import type { Hono } from 'hono';
import { type APIGatewayProxyResult, handle, type LambdaEvent } from 'hono/aws-lambda';
import { logger, metrics } from './log.ts';
import { originHeader } from './origin.ts';

/**
 * Every Lambda entry runs through this: each log line of the invocation carries its request id and
 * whether it was a cold start, and the metrics it recorded are flushed (as EMF lines) before it returns.
 */
export function lambdaHandler<E, R>(run: (event: E, context: Context) => Promise<R>) {
  return async (event: E, context: Context): Promise<R> => {
    logger.addContext(context);
    try {
      return await run(event, context);
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}

const notThroughCloudFront: APIGatewayProxyResult = {
  statusCode: 403,
  headers: { 'content-type': 'application/json' },
  isBase64Encoded: false,
  body: JSON.stringify({
    error: { code: 'forbidden', message: 'Call the API through the dashboard’s address', details: null },
  }),
};

/**
 * A domain's Hono app on Lambda. With ORIGIN_SECRET set (always in AWS), a request that did not come
 * through CloudFront — and so would miss its security headers — is refused before the app runs.
 */
export function httpHandler(app: Hono) {
  const serve = handle(app);
  const secret = process.env.ORIGIN_SECRET;
  return lambdaHandler(async (event: LambdaEvent, context: Context): Promise<APIGatewayProxyResult> => {
    const headers = event.headers as Record<string, string | undefined> | undefined;
    if (secret && headers?.[originHeader] !== secret) return notThroughCloudFront;
    return serve(event, context);
  });
}
