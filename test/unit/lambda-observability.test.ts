import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import type { LambdaEvent } from 'hono/aws-lambda';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import * as z from 'zod/mini';
import { createDomain } from '../../functions/shared/http.ts';
import { httpHandler } from '../../functions/shared/lambda.ts';
import { count, logger } from '../../functions/shared/log.ts';
import { originHeader } from '../../functions/shared/origin.ts';

// Lambda sets this for an on-demand instance; Powertools reports no cold start without it.
vi.hoisted(() => {
  process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
});

// A domain of one public route that logs a line and counts a business metric, run as Lambda runs it.
const probe = createDomain('probe');
probe.route(
  {
    method: 'get',
    path: '/ping',
    operationId: 'ping',
    summary: 'Answer pong',
    permission: 'public',
    responses: { 200: { description: 'pong', content: { 'application/json': { schema: z.object({}) } } } },
  },
  (c) => {
    logger.info('pinged');
    count('Pings');
    return c.json({}, 200);
  },
);

const context = (awsRequestId: string) =>
  ({
    awsRequestId,
    functionName: 'propdesk-api-probe',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:ap-east-1:111122223333:function:propdesk-api-probe',
    memoryLimitInMB: '256',
  }) as Context;

// A GET as the HTTP API delivers it: no body at all (hono's type wants one).
const event = (headers: Record<string, string> = {}) =>
  ({
    version: '2.0',
    routeKey: 'ANY /api/probe/{proxy+}',
    rawPath: '/api/probe/ping',
    rawQueryString: '',
    headers: { host: 'abc.execute-api.ap-east-1.amazonaws.com', ...headers },
    requestContext: {
      http: {
        method: 'GET',
        path: '/api/probe/ping',
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.9',
        userAgent: 'test',
      },
      requestId: 'gateway-id',
      routeKey: 'ANY /api/probe/{proxy+}',
      stage: '$default',
    },
    isBase64Encoded: false,
  }) as unknown as LambdaEvent;

let lines: Record<string, unknown>[] = [];
beforeEach(() => {
  lines = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) {
      try {
        lines.push(JSON.parse(line));
      } catch {
        // not a structured line
      }
    }
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.ORIGIN_SECRET;
});

describe('observability', () => {
  test('operator: each log line names its Lambda request and whether it was a cold start; metrics are flushed per invocation', async () => {
    const handler = httpHandler(probe.app);
    expect((await handler(event(), context('request-1'))).statusCode).toBe(200);
    expect((await handler(event(), context('request-2'))).statusCode).toBe(200);

    const pinged = lines.filter((l) => l.message === 'pinged');
    expect(pinged.map((l) => [l.function_request_id, l.cold_start])).toEqual([
      ['request-1', true],
      ['request-2', false],
    ]);
    // One EMF document per invocation, each with that invocation's count.
    const emf = lines.filter((l) => l._aws);
    expect(emf).toHaveLength(2);
    for (const document of emf) {
      const [directive] = (
        document._aws as { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string }[] }[] }
      ).CloudWatchMetrics;
      expect(directive!.Namespace).toBe('PropDesk');
      expect(directive!.Metrics).toEqual([{ Name: 'Pings', Unit: 'Count' }]);
      expect(document.Pings).toBe(1);
    }
  });

  test('operator: every Lambda entry runs through the shared wrapper', () => {
    const root = join(import.meta.dirname, '../../functions');
    const entries = readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(root, d.name, 'lambda.ts'))
      .filter((file) => {
        try {
          return readFileSync(file, 'utf8').includes('export const handler');
        } catch {
          return false;
        }
      });
    expect(entries.length).toBeGreaterThanOrEqual(5);
    for (const file of entries) {
      expect(readFileSync(file, 'utf8'), file).toMatch(/(httpHandler|lambdaHandler)\(/);
    }
  });
});

describe('the way in', () => {
  test('anyone: a request that did not come through CloudFront is refused with a JSON 403', async () => {
    process.env.ORIGIN_SECRET = 'from-cloudfront';
    const handler = httpHandler(probe.app);
    const direct = await handler(event(), context('request-3'));
    expect(direct.statusCode).toBe(403);
    expect(JSON.parse(direct.body)).toMatchObject({ error: { code: 'forbidden' } });
    const forged = await handler(event({ [originHeader]: 'guessed' }), context('request-4'));
    expect(forged.statusCode).toBe(403);
    const through = await handler(event({ [originHeader]: 'from-cloudfront' }), context('request-5'));
    expect(through.statusCode).toBe(200);
  });
});
