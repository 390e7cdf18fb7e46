import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What `cdk synth` wrote to cdk.out, read the way CloudFormation and Lambda would read it: each
 * function's asset folder, handler and environment (intrinsics resolved against one made-up
 * deployment), the HTTP API's routes, the schedules' inputs and the table's definition. Nothing here
 * is taken from the source the templates were built from.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Resource {
  Type: string;
  Properties?: Record<string, Json>;
}
interface Template {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: Json; Export?: { Name: Json } }>;
}

export interface DeployedFunction {
  stack: string;
  logicalId: string;
  /** The physical name this made-up deployment gives it. */
  name: string;
  /** The unzipped asset folder: what Lambda would unpack into /var/task. */
  codeDir: string;
  /** `index.handler`: the file (without extension) and the export Lambda calls. */
  handler: string;
  runtime: string;
  memory: number;
  timeoutSeconds: number;
  environment: Record<string, string>;
}

export interface DeployedRoute {
  routeKey: string;
  method: string;
  /** `/api/tickets/{proxy+}` */
  path: string;
  authorization: string;
  function: DeployedFunction;
}

export interface DeployedSchedule {
  name: string;
  /** Target.Input as written in the template, before Scheduler fills in its context attributes. */
  input: string;
  function: DeployedFunction;
}

export interface CloudAssembly {
  region: string;
  account: string;
  apiId: string;
  /** The HTTP API's template properties. */
  api: Record<string, Json>;
  functions: DeployedFunction[];
  routes: DeployedRoute[];
  schedules: DeployedSchedule[];
  /** The table's physical name and its CreateTable-shaped definition from the template. */
  table: { name: string; properties: Record<string, Json> };
  /** The Cognito user pool's id and the dashboard's app client id, as this deployment names them. */
  userPoolId: string;
  /** Headers CloudFront adds when it forwards /api/* to the HTTP API (the origin's custom headers). */
  originHeaders: Record<string, string>;
  /** The Content-Security-Policy of each CloudFront response headers policy, resolved when asked. */
  contentSecurityPolicies(): string[];
  resolve(stack: string, value: Json): string;
}

const lowerAlnum = (length: number) =>
  Array.from(randomBytes(length), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');

export function readCloudAssembly(outdir: string, env: { region: string; account: string }): CloudAssembly {
  const templates = new Map<string, Template>();
  const assetPaths = new Map<string, string>();
  for (const file of readdirSync(outdir)) {
    if (file.endsWith('.template.json')) {
      templates.set(
        file.slice(0, -'.template.json'.length),
        JSON.parse(readFileSync(join(outdir, file), 'utf8')),
      );
    }
    if (file.endsWith('.assets.json')) {
      const manifest = JSON.parse(readFileSync(join(outdir, file), 'utf8')) as {
        files?: Record<
          string,
          { source: { path: string }; destinations: Record<string, { objectKey: string }> }
        >;
      };
      for (const asset of Object.values(manifest.files ?? {})) {
        for (const destination of Object.values(asset.destinations)) {
          assetPaths.set(destination.objectKey, join(outdir, asset.source.path));
        }
      }
    }
  }

  const deployment = lowerAlnum(6);
  const physicalIds = new Map<string, string>();
  /** A resource given an explicit name is that name to Ref (a bucket's BucketName, …). */
  const nameProperty: Record<string, string> = {
    'AWS::S3::Bucket': 'BucketName',
    'AWS::DynamoDB::Table': 'TableName',
    'AWS::Lambda::Function': 'FunctionName',
    'AWS::SQS::Queue': 'QueueName',
    'AWS::Logs::LogGroup': 'LogGroupName',
    'AWS::Scheduler::Schedule': 'Name',
  };
  const secrets = new Map<string, string>();
  /** CloudFormation puts a secret's value where a template says {{resolve:secretsmanager:…}}. */
  const withSecrets = (text: string) =>
    text.replace(/\{\{resolve:secretsmanager:([^}]+)\}\}/g, (_, reference: string) => {
      if (!secrets.has(reference)) secrets.set(reference, randomBytes(24).toString('hex'));
      return secrets.get(reference)!;
    });
  /** A physical id in the shape CloudFormation or the service gives that resource type. */
  function physicalId(stack: string, logicalId: string): string {
    const key = `${stack}/${logicalId}`;
    const known = physicalIds.get(key);
    if (known) return known;
    const resource = templates.get(stack)?.Resources[logicalId];
    const type = resource?.Type;
    const named = type && nameProperty[type] ? resource?.Properties?.[nameProperty[type]] : undefined;
    const generated = named
      ? resolve(stack, named)
      : type === 'AWS::Cognito::UserPool'
        ? `${env.region}_${lowerAlnum(9)}`
        : type === 'AWS::Cognito::UserPoolClient'
          ? lowerAlnum(26)
          : type === 'AWS::ApiGatewayV2::Api'
            ? lowerAlnum(10)
            : `${stack}-${logicalId}-${deployment}`.toLowerCase();
    physicalIds.set(key, generated);
    return generated;
  }

  function exportedValue(name: string): string {
    for (const [stack, template] of templates) {
      for (const output of Object.values(template.Outputs ?? {})) {
        if (output.Export && resolve(stack, output.Export.Name) === name) return resolve(stack, output.Value);
      }
    }
    throw new Error(`No stack exports ${name}`);
  }

  function getAtt(stack: string, logicalId: string, attribute: string): string {
    const type = templates.get(stack)?.Resources[logicalId]?.Type;
    const id = physicalId(stack, logicalId);
    if (type === 'AWS::Cognito::UserPool' && attribute === 'ProviderURL')
      return `https://cognito-idp.${env.region}.amazonaws.com/${id}`;
    if (attribute === 'Arn') {
      const service = type?.split('::')[1]?.toLowerCase() ?? 'unknown';
      return `arn:aws:${service}:${env.region}:${env.account}:${logicalId}/${id}`;
    }
    if (type === 'AWS::S3::Bucket' && attribute === 'RegionalDomainName')
      return `${id}.s3.${env.region}.amazonaws.com`;
    if (type === 'AWS::S3::Bucket' && attribute === 'DomainName') return `${id}.s3.amazonaws.com`;
    if (type === 'AWS::CloudFront::Distribution' && attribute === 'DomainName')
      return `d${id.replace(/[^a-z0-9]/g, '').slice(-12)}.cloudfront.net`;
    throw new Error(`The AWS-path test does not know ${type}.${attribute} (${stack}/${logicalId})`);
  }

  function resolve(stack: string, value: Json): string {
    return withSecrets(resolveIntrinsic(stack, value));
  }

  function resolveIntrinsic(stack: string, value: Json): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (value && !Array.isArray(value)) {
      const [[fn, args] = []] = Object.entries(value);
      if (fn === 'Ref' && typeof args === 'string') {
        const pseudo: Record<string, string> = {
          'AWS::Region': env.region,
          'AWS::AccountId': env.account,
          'AWS::Partition': 'aws',
          'AWS::URLSuffix': 'amazonaws.com',
          'AWS::StackName': stack,
        };
        return pseudo[args] ?? physicalId(stack, args);
      }
      if (fn === 'Fn::ImportValue') return exportedValue(resolve(stack, args!));
      if (fn === 'Fn::GetAtt' && Array.isArray(args)) return getAtt(stack, String(args[0]), String(args[1]));
      if (fn === 'Fn::Join' && Array.isArray(args)) {
        const [separator, parts] = args as [string, Json[]];
        return parts.map((p) => resolve(stack, p)).join(separator);
      }
    }
    throw new Error(`The AWS-path test cannot resolve ${JSON.stringify(value)} in ${stack}`);
  }

  const resources = [...templates].flatMap(([stack, template]) =>
    Object.entries(template.Resources).map(([logicalId, resource]) => ({ stack, logicalId, ...resource })),
  );
  const ofType = (type: string) => resources.filter((r) => r.Type === type);
  const props = (r: { Properties?: Record<string, Json> }) => r.Properties ?? {};

  const functions: DeployedFunction[] = ofType('AWS::Lambda::Function')
    .filter((r) => String(props(r).Runtime).startsWith('nodejs'))
    // The BucketDeployment's provider is CDK's, not ours.
    .filter((r) => !r.logicalId.startsWith('CustomCDK'))
    .map((r) => {
      const p = props(r);
      const code = p.Code as { S3Key: Json };
      const codeDir = assetPaths.get(resolve(r.stack, code.S3Key));
      if (!codeDir || !existsSync(codeDir)) throw new Error(`No asset folder for ${r.stack}/${r.logicalId}`);
      const variables = ((p.Environment as { Variables?: Record<string, Json> } | undefined)?.Variables ??
        {}) as Record<string, Json>;
      return {
        stack: r.stack,
        logicalId: r.logicalId,
        name: physicalId(r.stack, r.logicalId),
        codeDir,
        handler: String(p.Handler),
        runtime: String(p.Runtime),
        memory: Number(p.MemorySize ?? 128),
        timeoutSeconds: Number(p.Timeout ?? 3),
        environment: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, resolve(r.stack, v)])),
      };
    });
  const functionByArn = new Map(
    functions.map((f) => [getAtt(f.stack, f.logicalId, 'Arn'), f] as [string, DeployedFunction]),
  );
  const targetOf = (stack: string, arn: Json) => {
    const found = functionByArn.get(resolve(stack, arn));
    if (!found) throw new Error(`${JSON.stringify(arn)} in ${stack} is not one of our functions`);
    return found;
  };

  const integrations = new Map(
    ofType('AWS::ApiGatewayV2::Integration').map((r) => [
      `${r.stack}/${r.logicalId}`,
      targetOf(r.stack, props(r).IntegrationUri!),
    ]),
  );
  const routes: DeployedRoute[] = ofType('AWS::ApiGatewayV2::Route').map((r) => {
    const p = props(r);
    const routeKey = String(p.RouteKey);
    const [method = '', path = ''] = routeKey.split(' ');
    const target = resolve(r.stack, p.Target!).replace(/^integrations\//, '');
    const integration = [...integrations].find(([key]) => {
      const [stack = '', logicalId = ''] = key.split('/');
      return stack === r.stack && physicalId(stack, logicalId) === target;
    });
    if (!integration) throw new Error(`Route ${routeKey} has no Lambda integration`);
    return {
      routeKey,
      method,
      path,
      authorization: String(p.AuthorizationType ?? 'NONE'),
      function: integration[1],
    };
  });

  const schedules: DeployedSchedule[] = ofType('AWS::Scheduler::Schedule').map((r) => {
    const target = props(r).Target as { Arn: Json; Input?: Json };
    return {
      name: resolve(r.stack, props(r).Name ?? r.logicalId),
      input: resolve(r.stack, target.Input ?? '{}'),
      function: targetOf(r.stack, target.Arn),
    };
  });

  const [table, ...otherTables] = ofType('AWS::DynamoDB::Table');
  if (!table || otherTables.length) throw new Error('Expected exactly one DynamoDB table');
  const [pool] = ofType('AWS::Cognito::UserPool');
  const [api] = ofType('AWS::ApiGatewayV2::Api');
  if (!pool || !api) throw new Error('Expected a user pool and an HTTP API');

  // What CloudFront adds when it forwards /api/* to its origin: the custom headers of that behaviour's origin.
  const originHeaders: Record<string, string> = {};
  for (const distribution of ofType('AWS::CloudFront::Distribution')) {
    const config = props(distribution).DistributionConfig as {
      CacheBehaviors?: { PathPattern: string; TargetOriginId: string }[];
      Origins?: { Id: string; OriginCustomHeaders?: { HeaderName: Json; HeaderValue: Json }[] }[];
    };
    const api = config.CacheBehaviors?.find((b) => b.PathPattern === '/api/*');
    const origin = config.Origins?.find((o) => o.Id === api?.TargetOriginId);
    for (const header of origin?.OriginCustomHeaders ?? []) {
      const name = resolve(distribution.stack, header.HeaderName).toLowerCase();
      originHeaders[name] = resolve(distribution.stack, header.HeaderValue);
    }
  }

  return {
    ...env,
    apiId: physicalId(api.stack, api.logicalId),
    api: props(api),
    functions,
    routes,
    schedules,
    table: { name: physicalId(table.stack, table.logicalId), properties: props(table) },
    userPoolId: physicalId(pool.stack, pool.logicalId),
    originHeaders,
    contentSecurityPolicies: () =>
      ofType('AWS::CloudFront::ResponseHeadersPolicy').map((policy) => {
        const config = props(policy).ResponseHeadersPolicyConfig as {
          SecurityHeadersConfig?: { ContentSecurityPolicy?: { ContentSecurityPolicy: Json } };
        };
        return resolve(
          policy.stack,
          config.SecurityHeadersConfig?.ContentSecurityPolicy?.ContentSecurityPolicy ?? '',
        );
      }),
    resolve,
  };
}
