import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { platformDeclaration } from '../../functions/domains.ts';
import { originHeader } from '../../functions/shared/origin.ts';
import { contentSecurityPolicy, securityHeaders as declaredHeaders } from '../../infra/security-headers.ts';
import { launchBrowser } from '../e2e/support.ts';
import { synthPropDesk } from './synth.ts';

// A concrete environment, as `cdk deploy` resolves it: the CSP then names a real bucket endpoint.
const account = '111122223333';
const region = 'ap-east-1';
const synth = synthPropDesk({ account, region });
afterAll(() => synth.dispose());

type Resource = {
  Type: string;
  // biome-ignore lint/suspicious/noExplicitAny: template JSON is untyped; the assertions are its type check
  Properties: Record<string, any>;
};
const resourcesOf = (stack: keyof typeof synth.stacks, type: string) =>
  Object.entries(synth.template(synth.stacks[stack]).toJSON().Resources as Record<string, Resource>).filter(
    ([, r]) => r.Type === type,
  );

const hostedUiPrefix = `${synth.stage}-${account}`;
/** The value CloudFormation would give a template expression of the web stack, for this account. */
function resolve(value: unknown): string {
  if (typeof value === 'string') return value;
  const expression = value as Record<string, unknown>;
  if ('Fn::Join' in expression) {
    const [separator, parts] = expression['Fn::Join'] as [string, unknown[]];
    return parts.map(resolve).join(separator);
  }
  if (expression.Ref === 'AWS::URLSuffix') return 'amazonaws.com';
  if (String(expression['Fn::ImportValue']).includes('HostedUi')) return hostedUiPrefix;
  throw new Error(`No value for ${JSON.stringify(value)}`);
}

const securityHeaders = () => {
  const [[, policy]] = resourcesOf('web', 'AWS::CloudFront::ResponseHeadersPolicy') as [[string, Resource]];
  return policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
};
const csp = () => resolve(securityHeaders().ContentSecurityPolicy.ContentSecurityPolicy);
const directive = (name: string) =>
  csp()
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.split(' ')
    .slice(1);

const photoBucket = () => {
  const named = resourcesOf('api', 'AWS::S3::Bucket').filter(([, b]) => b.Properties.CorsConfiguration);
  expect(named).toHaveLength(1);
  return named[0]![1].Properties.BucketName as string;
};
const photoOrigin = () => `https://${photoBucket()}.s3.${region}.amazonaws.com`;

describe('photos through the CSP', () => {
  test('operator: the CSP lets the dashboard post photos to and show photos from the attachments bucket only', () => {
    expect(photoBucket()).toBe(`${synth.stage}-photos-${account}-${region}`);
    expect(directive('connect-src')).toEqual([
      "'self'",
      `https://${hostedUiPrefix}.auth.${region}.amazoncognito.com`,
      photoOrigin(),
    ]);
    expect(directive('img-src')).toEqual(["'self'", 'data:', 'blob:', photoOrigin()]);
    expect(csp()).not.toMatch(/\*/);
  });

  describe('in Chromium, with the synthesized header', () => {
    let browser: Browser;
    let pageUrl: string;
    const server = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp() });
      res.end('<!doctype html><title>PropDesk</title><body></body>');
    });

    beforeAll(async () => {
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      server.close();
    });

    const pixel = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
      'base64',
    );

    /** What the page managed to do against `origin`, with any bucket answering as S3 would. */
    async function tryBucket(origin: string) {
      const page = await browser.newPage();
      try {
        // Every bucket "exists": a request the CSP lets out gets S3's answer, so only the CSP can stop it.
        await page.route('https://*.amazonaws.com/**', (route) =>
          route.request().method() === 'POST'
            ? route.fulfill({ status: 204, headers: { 'access-control-allow-origin': '*' } })
            : route.fulfill({
                status: 200,
                contentType: 'image/png',
                headers: { 'access-control-allow-origin': '*' },
                body: pixel,
              }),
        );
        await page.goto(pageUrl);
        return await page.evaluate(async (bucket) => {
          const violations: string[] = [];
          document.addEventListener('securitypolicyviolation', (e) =>
            violations.push(`${e.effectiveDirective} ${e.blockedURI}`),
          );
          const form = new FormData();
          form.append('key', 'P1/photo/original');
          form.append('file', new Blob(['photo'], { type: 'image/jpeg' }));
          const upload = await fetch(`${bucket}/`, { method: 'POST', body: form }).then(
            (r) => r.status,
            () => 'blocked',
          );
          const image = await new Promise<string>((done) => {
            const img = new Image();
            img.onload = () => done('shown');
            img.onerror = () => done('blocked');
            img.src = `${bucket}/P1/photo/thumbnail?X-Amz-Signature=abc`;
          });
          // Violation events are queued as tasks: let them arrive.
          await new Promise((r) => setTimeout(r, 0));
          return { upload, image, violations };
        }, origin);
      } finally {
        await page.close();
      }
    }

    test('front desk: a photo uploads to the attachments bucket and its signed link shows', async () => {
      expect(await tryBucket(photoOrigin())).toEqual({ upload: 204, image: 'shown', violations: [] });
    });

    test('front desk: the page can neither post to nor show images from any other bucket', async () => {
      const other = `https://someone-else-photos.s3.${region}.amazonaws.com`;
      const result = await tryBucket(other);
      expect(result).toMatchObject({ upload: 'blocked', image: 'blocked' });
      expect(result.violations).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^connect-src https:\/\/someone-else/),
          expect.stringMatching(/^img-src https:\/\/someone-else/),
        ]),
      );
    });
  });
});

describe('one declaration of the headers', () => {
  test('operator: CloudFront sends exactly the declared headers, the ones the local host sends too', () => {
    const headers = securityHeaders();
    const declared = declaredHeaders({ signIn: 'https://x', photos: 'https://y' }, { https: true });
    expect(headers.FrameOptions.FrameOption).toBe(declared['x-frame-options']);
    expect(headers.ReferrerPolicy.ReferrerPolicy).toBe(declared['referrer-policy']);
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(declared['x-content-type-options']).toBe('nosniff');
    expect(`max-age=${headers.StrictTransportSecurity.AccessControlMaxAgeSec}; includeSubDomains`).toBe(
      declared['strict-transport-security'],
    );
    expect(csp()).toBe(
      contentSecurityPolicy({
        signIn: `https://${hostedUiPrefix}.auth.${region}.amazoncognito.com`,
        photos: photoOrigin(),
      }),
    );
  });
});

describe('the way in', () => {
  const apiFunctions = () => resourcesOf('api', 'AWS::Lambda::Function');

  test('operator: CloudFront sends the origin secret to the API, and every API function requires that same secret', () => {
    const distribution = resourcesOf('web', 'AWS::CloudFront::Distribution')[0]![1].Properties
      .DistributionConfig;
    const apiBehavior = distribution.CacheBehaviors.find(
      (b: { PathPattern: string }) => b.PathPattern === '/api/*',
    );
    const apiOrigin = distribution.Origins.find((o: { Id: string }) => o.Id === apiBehavior.TargetOriginId);
    const [header] = apiOrigin.OriginCustomHeaders;
    expect(header.HeaderName).toBe(originHeader);
    const secretReference = JSON.stringify(header.HeaderValue);
    // A dynamic reference: the value is read at deployment and never written into the template.
    expect(secretReference).toMatch(/\{\{resolve:secretsmanager:.*OriginSecret.*:SecretString:::\}\}/);
    const functions = apiFunctions();
    expect(functions.length).toBeGreaterThan(1);
    for (const [id, fn] of functions) {
      expect(JSON.stringify(fn.Properties.Environment.Variables.ORIGIN_SECRET), id).toBe(secretReference);
    }
    synth.template(synth.stacks.gateway).hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { ExcludePunctuation: true, PasswordLength: 48 },
    });
  });

  test('anyone: only the health check and the household payment link skip the JWT authorizer; the OpenAPI document does not', () => {
    const routes = resourcesOf('api', 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    const open = routes.filter((r) => r.AuthorizationType !== 'JWT').map((r) => r.RouteKey);
    // The household link is public by design (decision 025): it carries its own signed, expiring token.
    expect(open.sort()).toEqual(['GET /api/billing/household-view/{token}', 'GET /api/health']);
    expect(platformDeclaration.routes.filter((r) => r.public).map((r) => r.path)).toEqual(['/api/health']);
    expect(routes.find((r) => r.RouteKey === 'GET /api/openapi.json')?.AuthorizationType).toBe('JWT');
  });

  test('anyone: no AWS function reports its DynamoDB cost in Server-Timing', () => {
    const functions = [...apiFunctions(), ...resourcesOf('jobs', 'AWS::Lambda::Function')];
    for (const [id, fn] of functions) {
      expect(fn.Properties.Environment?.Variables?.SERVER_TIMING, id).toBeUndefined();
    }
  });
});

describe('alarms', () => {
  test('operator: every function of ours alarms on its errors and on its throttles', () => {
    for (const stack of ['api', 'jobs'] as const) {
      const ours = resourcesOf(stack, 'AWS::Lambda::Function').filter(
        ([, fn]) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME,
      );
      expect(ours.length).toBeGreaterThan(0);
      const alarms = resourcesOf(stack, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
      for (const [id] of ours) {
        for (const metric of ['Errors', 'Throttles']) {
          const alarm = alarms.find(
            (a) =>
              a.Namespace === 'AWS/Lambda' && a.MetricName === metric && a.Dimensions?.[0]?.Value?.Ref === id,
          );
          expect(alarm, `${id} ${metric}`).toMatchObject({
            Threshold: 1,
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
            TreatMissingData: 'notBreaching',
          });
        }
      }
    }
  });
});
