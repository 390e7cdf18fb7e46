import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { Runtime, RuntimeFamily } from 'aws-cdk-lib/aws-lambda';
import { afterAll, describe, expect, test } from 'vitest';
import { domains, platformDeclaration } from '../../functions/domains.ts';
import { jobPayload, jobs } from '../../functions/jobs/index.ts';
import { tableDefinition } from '../../functions/shared/table.ts';
import { synthPropDesk } from './synth.ts';

const synth = synthPropDesk();
const { stacks } = synth;
afterAll(() => synth.dispose());

type Resource = {
  Type: string;
  // biome-ignore lint/suspicious/noExplicitAny: template JSON is untyped; the assertions are its type check
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};
const resources = (stack: keyof typeof stacks, type: string): Resource[] =>
  Object.values(synth.template(stacks[stack]).findResources(type)) as Resource[];

/** The newest `nodejsNN.x` in aws-cdk-lib's own list, the same list cdk-nag judges against. */
const newestNodeRuntime = Runtime.ALL.filter(
  (r) => r.family === RuntimeFamily.NODEJS && /^nodejs\d+\.x$/.test(r.name),
)
  .map((r) => r.name)
  .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
  .at(-1);

describe('data', () => {
  test('data: the table is built from the one declaration', () => {
    const tables = resources('data', 'AWS::DynamoDB::Table');
    expect(tables).toHaveLength(1);
    const table = tables[0]!.Properties;
    const keySchema = (hash: string, range: string) => [
      { AttributeName: hash, KeyType: 'HASH' },
      { AttributeName: range, KeyType: 'RANGE' },
    ];
    expect(table.KeySchema).toEqual(keySchema(tableDefinition.partitionKey, tableDefinition.sortKey));
    expect(table.GlobalSecondaryIndexes).toEqual(
      Object.entries(tableDefinition.indexes).map(([IndexName, index]) => ({
        IndexName,
        KeySchema: keySchema(index.partitionKey, index.sortKey),
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    const declaredKeys = [
      tableDefinition.partitionKey,
      tableDefinition.sortKey,
      ...Object.values(tableDefinition.indexes).flatMap((index) => [index.partitionKey, index.sortKey]),
    ];
    expect(table.AttributeDefinitions).toHaveLength(declaredKeys.length);
    expect(table.AttributeDefinitions).toEqual(
      expect.arrayContaining(declaredKeys.map((AttributeName) => ({ AttributeName, AttributeType: 'S' }))),
    );
    expect(table.TimeToLiveSpecification).toEqual({
      AttributeName: tableDefinition.timeToLiveAttribute,
      Enabled: true,
    });
  });

  test('data: the table is on demand, recoverable to the second and survives a stack deletion', () => {
    const [table] = resources('data', 'AWS::DynamoDB::Table');
    expect(table!.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
    expect(table!.DeletionPolicy).toBe('Retain');
    expect(table!.UpdateReplacePolicy).toBe('Retain');
  });
});

describe('auth', () => {
  test('auth: only head office creates accounts; staff sign in by e-mail with a strong password', () => {
    synth.template(stacks.auth).hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      UsernameAttributes: ['email'],
      MfaConfiguration: 'OPTIONAL',
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true }) },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: 'ACTIVE',
    });
    synth.template(stacks.auth).resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  });

  test('auth: the dashboard is a public client (code flow, PKCE, no secret) returning to the distribution', () => {
    const [client] = resources('web', 'AWS::Cognito::UserPoolClient');
    expect(client!.Properties).toMatchObject({
      AllowedOAuthFlows: ['code'],
      GenerateSecret: false,
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [
        {
          'Fn::Join': [
            '',
            [
              'https://',
              { 'Fn::GetAtt': [expect.stringMatching(/^Distribution/), 'DomainName'] },
              '/auth/callback',
            ],
          ],
        },
      ],
    });
  });
});

describe('api', () => {
  const functions = resources('api', 'AWS::Lambda::Function');

  test('api: one arm64 Lambda on the newest Node runtime per declared domain, and the platform’s', () => {
    expect(functions).toHaveLength(domains.length + 1);
    for (const domain of [...domains, platformDeclaration]) {
      const fn = functions.find(
        (f) => f.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === domain.name,
      );
      expect(fn, domain.name).toBeDefined();
      expect(fn!.Properties).toMatchObject({
        Architectures: ['arm64'],
        Runtime: newestNodeRuntime,
        MemorySize: domain.memory,
        Handler: 'index.handler',
      });
      expect(Object.keys(fn!.Properties.Environment.Variables)).toEqual(
        expect.arrayContaining(['TABLE_NAME', 'AUTH_ISSUER', 'AUTH_AUDIENCE']),
      );
    }
  });

  test('api: each domain is routed at /api/<domain>/{proxy+} behind the Cognito JWT authorizer', () => {
    const all = resources('api', 'AWS::ApiGatewayV2::Route').map((r) => r.Properties);
    const platformKeys = platformDeclaration.routes.map((r) => `${r.method} ${r.path}`);
    // The routes a domain declares public by design (the household view's signed link) have their own keys.
    const domainPublicKeys = domains.flatMap((d) =>
      (d.publicRoutes ?? []).map((r) => `${r.method} ${r.path}`),
    );
    expect(all.map((r) => r.RouteKey).sort()).toEqual(
      [...domains.map((d) => `ANY /api/${d.name}/{proxy+}`), ...platformKeys, ...domainPublicKeys].sort(),
    );
    const publicKeys = [
      ...platformDeclaration.routes.filter((r) => r.public).map((r) => `${r.method} ${r.path}`),
      ...domainPublicKeys,
    ];
    for (const route of all.filter((r) => publicKeys.includes(r.RouteKey))) {
      expect(route.AuthorizationType ?? 'NONE', route.RouteKey).toBe('NONE');
    }
    const routes = all.filter((r) => !publicKeys.includes(r.RouteKey));
    const authorizers = Object.entries(
      synth.template(stacks.api).findResources('AWS::ApiGatewayV2::Authorizer'),
    );
    expect(authorizers).toHaveLength(1);
    const [authorizerId, { Properties: jwt }] = authorizers[0]! as [string, Resource];
    expect(jwt.AuthorizerType).toBe('JWT');
    expect(JSON.stringify(jwt.JwtConfiguration.Issuer)).toMatch(/StaffPool.*ProviderURL/);
    expect(JSON.stringify(jwt.JwtConfiguration.Audience)).toMatch(/DashboardClient/);
    for (const route of routes) {
      expect(route).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
    }
  });

  test('api: the stage writes JSON access logs and is throttled', () => {
    synth.template(stacks.gateway).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('^\\{.*requestId'),
      },
      DefaultRouteSettings: { ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() },
    });
  });
});

describe('jobs', () => {
  const schedules = resources('jobs', 'AWS::Scheduler::Schedule').map((s) => s.Properties);

  test('jobs: one schedule per declared job, in its own time zone, with retries and a dead-letter queue', () => {
    expect(schedules).toHaveLength(jobs.length);
    for (const job of jobs) {
      const schedule = schedules.find((s) => JSON.parse(s.Target.Input).job === job.name);
      expect(schedule, job.name).toMatchObject({
        ScheduleExpression: `cron(${job.cron})`,
        ScheduleExpressionTimezone: job.timeZone,
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^DeadLetters/), 'Arn'] } },
          RetryPolicy: {
            MaximumRetryAttempts: expect.any(Number),
            MaximumEventAgeInSeconds: expect.any(Number),
          },
        },
      });
    }
  });

  test('jobs: every schedule delivers a payload the jobs handler accepts, keyed by the firing time', () => {
    for (const schedule of schedules) {
      // Scheduler replaces the context attribute with the firing time, e.g. 2026-03-01T19:30:00Z.
      const delivered = schedule.Target.Input.replace(
        '<aws.scheduler.scheduled-time>',
        '2026-03-01T19:30:00Z',
      );
      expect(jobPayload.parse(JSON.parse(delivered))).toEqual({
        job: JSON.parse(delivered).job,
        scheduledAt: '2026-03-01T19:30:00Z',
      });
    }
  });

  test('jobs: failed runs land in an encrypted dead-letter queue, and both failures and waiting letters alarm', () => {
    const template = synth.template(stacks.jobs);
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DeadLetters'), 'Arn'] } },
      },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^JobsFunction') } }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
    });
  });
});

describe('web', () => {
  const distribution = () =>
    resources('web', 'AWS::CloudFront::Distribution')[0]!.Properties.DistributionConfig;

  test('web: the bucket is private and reached only through Origin Access Control', () => {
    const template = synth.template(stacks.web);
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const s3Origin = distribution().Origins.find((o: Record<string, unknown>) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'dashboard-bucket/' }),
    });
  });

  test('web: /api/* goes uncached to the HTTP API with every viewer header but Host', () => {
    const api = distribution().CacheBehaviors.find(
      (b: { PathPattern: string }) => b.PathPattern === '/api/*',
    );
    expect(api).toMatchObject({
      CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
      OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
      AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']),
    });
    const apiOrigin = distribution().Origins.find((o: { Id: string }) => o.Id === api.TargetOriginId);
    expect(JSON.stringify(apiOrigin.DomainName)).toMatch(/execute-api/);
  });

  test('web: dashboard routes fall back to index.html without touching API errors', () => {
    const config = distribution();
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.CustomErrorResponses).toBeUndefined();
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      {
        EventType: 'viewer-request',
        FunctionARN: { 'Fn::GetAtt': [expect.stringMatching(/^SpaRewrite/), 'FunctionARN'] },
      },
    ]);
    const api = config.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/api/*');
    expect(api.FunctionAssociations).toBeUndefined();
  });

  test('web: the dashboard files are compressed at the edge (gzip and brotli in the cache key)', () => {
    const config = distribution();
    expect(config.DefaultCacheBehavior.Compress).toBe(true);
    expect(config.DefaultCacheBehavior.CachePolicyId).toBe(CachePolicy.CACHING_OPTIMIZED.cachePolicyId);
  });

  test('web: every response carries HSTS, a CSP allowing only this origin and the sign-in domain, DENY and nosniff', () => {
    const [policy] = resources('web', 'AWS::CloudFront::ResponseHeadersPolicy');
    const headers = policy!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers).toMatchObject({
      StrictTransportSecurity: { Override: true, IncludeSubdomains: true },
      FrameOptions: { FrameOption: 'DENY' },
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin' },
    });
    const csp = JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/connect-src 'self' https:\/\/.*amazoncognito\.com/);
    const config = distribution();
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: expect.any(String) });
    expect(config.CacheBehaviors[0].ResponseHeadersPolicyId).toEqual(
      config.DefaultCacheBehavior.ResponseHeadersPolicyId,
    );
  });

  test('web: the dashboard is deployed with a /config.json naming the Cognito domain and app client', () => {
    const deployments = resources('web', 'Custom::CDKBucketDeployment').map((d) => d.Properties);
    const entry = deployments.find((d) => d.SourceMarkers?.some((m: object) => Object.keys(m).length > 0));
    expect(entry, 'a deployment with config.json').toBeDefined();
    const configKey =
      entry!.SourceObjectKeys[entry!.SourceMarkers.findIndex((m: object) => Object.keys(m).length > 0)];
    const asset = join(synth.outdir, `asset.${configKey.replace(/\.zip$/, '')}`, 'config.json');
    const config = JSON.parse(readFileSync(asset, 'utf8'));
    expect(config).toMatchObject({ auth: { mode: 'cognito' }, stage: synth.stage });
    const markers = entry!.SourceMarkers.find((m: object) => Object.keys(m).length > 0);
    const resolved = (value: string) => JSON.stringify(markers[value.match(/<<marker:[^>]+>>/)![0]]);
    expect(config.auth.domain).toMatch(/^https:\/\/<<marker/);
    expect(resolved(config.auth.domain)).toMatch(/HostedUi/);
    expect(resolved(config.auth.clientId)).toMatch(/DashboardClient/);
    expect(entry!.DistributionPaths).toEqual(['/*']);
  });
});
