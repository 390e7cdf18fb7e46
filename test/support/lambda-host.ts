import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { localCredentials } from '../../infra/local/dynamo.ts';
import { synthPropDesk } from '../infra/synth.ts';
import { type CloudAssembly, type DeployedFunction, readCloudAssembly } from './lambda-assembly.ts';
import type { RuntimeInit, RuntimeInvoke, RuntimeReply } from './lambda-runtime.ts';

const awsEnv = { region: 'ap-east-1', account: '123456789012' };

/** The app synthesized with bundling on, as `cdk synth` does: the Lambda assets are the real bundles. */
export function synthWithBundles() {
  const synth = synthPropDesk(awsEnv, { 'aws:cdk:bundling-stacks': ['**'] });
  synth.app.synth();
  return {
    assembly: readCloudAssembly(synth.outdir, awsEnv),
    root: join(synth.outdir, '..'),
    dispose: synth.dispose,
  };
}

/** Cognito's ID and access tokens for the deployment's user pool and app client, signed by a test key. */
export async function createCognito(assembly: CloudAssembly, clientId: string) {
  const issuer = `https://cognito-idp.${assembly.region}.amazonaws.com/${assembly.userPoolId}`;
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = randomBytes(32).toString('base64');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), alg: 'RS256', kid, use: 'sig' }] };
  const sign = (claims: Record<string, unknown>, key = privateKey) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      origin_jti: randomUUID(),
      event_id: randomUUID(),
      auth_time: now,
      jti: randomUUID(),
      iat: now,
      exp: now + 3600,
      ...claims,
    })
      .setProtectedHeader({ kid, alg: 'RS256' })
      .sign(key);
  };
  return {
    issuer,
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    jwks,
    /** What the hosted UI hands the dashboard after sign-in: the token the dashboard sends. */
    idToken: (staff: { id: string; email: string }, claims: Record<string, unknown> = {}) =>
      sign({
        sub: staff.id,
        email_verified: true,
        iss: issuer,
        'cognito:username': staff.id,
        aud: clientId,
        token_use: 'id',
        email: staff.email,
        ...claims,
      }),
    /** The access token of the same sign-in: the gateway's authorizer lets it through (client_id matches). */
    accessToken: (staff: { id: string }) =>
      sign({
        sub: staff.id,
        iss: issuer,
        client_id: clientId,
        token_use: 'access',
        scope: 'openid email',
        username: staff.id,
      }),
    /** Right shape and claims, but signed by a key the user pool never published. */
    forgedIdToken: async (staff: { id: string; email: string }) =>
      sign(
        { sub: staff.id, iss: issuer, aud: clientId, token_use: 'id', email: staff.email },
        (await generateKeyPair('RS256')).privateKey,
      ),
  };
}

export interface LambdaFunction {
  fn: DeployedFunction;
  invoke(event: unknown): Promise<{ value: unknown; jwksFetches: number }>;
  /** What the function wrote to stdout and stderr (its CloudWatch log stream). */
  logs: string[];
  /** How often this environment fetched the user pool's JWKS (answered by the interception). */
  jwksFetches(): number;
  stop(): void;
}

/** The Lambda runtime stand-in, compiled once per synth into its temporary folder. */
function compileRuntime(root: string) {
  const file = join(root, 'lambda-runtime.mjs');
  if (!existsSync(file)) {
    buildSync({
      entryPoints: [fileURLToPath(new URL('lambda-runtime.ts', import.meta.url))],
      outfile: file,
      format: 'esm',
      platform: 'node',
      bundle: true,
      logLevel: 'warning',
    });
  }
  return file;
}

/**
 * Starts one execution environment of `fn`: a fresh Node process with only the environment Lambda
 * gives it (the template's variables plus the runtime's own), DynamoDB pointed at DynamoDB Local.
 */
export async function startFunction(
  fn: DeployedFunction,
  options: { root: string; assembly: CloudAssembly; dynamoEndpoint: string; jwksUrl: string; jwks: unknown },
): Promise<LambdaFunction> {
  const { assembly } = options;
  const env: Record<string, string> = {
    PATH: '/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    AWS_REGION: assembly.region,
    AWS_DEFAULT_REGION: assembly.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memory),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: `2026/01/01/[$LATEST]${randomBytes(16).toString('hex')}`,
    AWS_LAMBDA_LOG_FORMAT: 'JSON',
    LAMBDA_TASK_ROOT: fn.codeDir,
    _HANDLER: fn.handler,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_SESSION_TOKEN: 'aws-path-test-session',
    ...fn.environment,
    AWS_ENDPOINT_URL_DYNAMODB: options.dynamoEndpoint,
    // Under `npm run test:clocks` the test's clock is libfaketime's: the function keeps the same one.
    ...Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] =>
          /^(LD_PRELOAD|FAKETIME.*)$/.test(entry[0]) && entry[1] !== undefined,
      ),
    ),
  };
  const child: ChildProcess = fork(compileRuntime(options.root), [], {
    cwd: fn.codeDir,
    env,
    execArgv: [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const logs: string[] = [];
  const keep = (chunk: Buffer) => {
    logs.push(...chunk.toString().split('\n').filter(Boolean));
    if (logs.length > 2000) logs.splice(0, logs.length - 2000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const pending = new Map<number, { resolve: (r: RuntimeReply) => void; reject: (e: Error) => void }>();
  let ready: { resolve: () => void; reject: (e: Error) => void } | undefined;
  const started = new Promise<void>((resolve, reject) => {
    ready = { resolve, reject };
  });
  child.on('message', (reply: RuntimeReply) => {
    if (reply.type === 'ready') ready?.resolve();
    else if (reply.type === 'initError')
      ready?.reject(new Error(`${fn.name} failed to initialise: ${reply.error}`));
    else pending.get(reply.id)?.resolve(reply);
  });
  child.on('exit', (code) => {
    const error = new Error(`${fn.name} exited (${code}):\n${logs.slice(-30).join('\n')}`);
    ready?.reject(error);
    for (const p of pending.values()) p.reject(error);
  });
  const init: RuntimeInit = {
    type: 'init',
    codeDir: fn.codeDir,
    handler: fn.handler,
    functionName: fn.name,
    memory: fn.memory,
    timeoutSeconds: fn.timeoutSeconds,
    region: assembly.region,
    account: assembly.account,
    jwksUrl: options.jwksUrl,
    jwks: options.jwks,
  };
  child.send(init);
  await started;

  let nextId = 0;
  let jwksFetches = 0;
  return {
    fn,
    logs,
    jwksFetches: () => jwksFetches,
    invoke: (event) => {
      const id = ++nextId;
      const message: RuntimeInvoke = {
        type: 'invoke',
        id,
        requestId: randomUUID(),
        traceId: `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')};Sampled=1`,
        event,
      };
      return new Promise((resolve, reject) => {
        pending.set(id, {
          reject,
          resolve: (reply) => {
            pending.delete(id);
            if ('jwksFetches' in reply) jwksFetches = reply.jwksFetches;
            if (reply.type === 'result') resolve({ value: reply.value, jwksFetches: reply.jwksFetches });
            else if (reply.type === 'error')
              reject(Object.assign(new Error(`${fn.name}: ${reply.error.message}`), { cause: reply.error }));
          },
        });
        child.send(message);
      });
    },
    stop: () => {
      child.kill('SIGTERM');
    },
  };
}

/** Lambda's limit on a synchronous invocation's request payload, in bytes. */
const lambdaPayloadLimit = 6_291_456;

export interface GatewayRequest {
  token?: string;
  body?: unknown;
  /** Sent as is instead of JSON. */
  rawBody?: string;
  contentType?: string;
  cookies?: string[];
  /** false: straight to the API's execute-api address, around CloudFront (and without its headers). */
  viaCloudFront?: boolean;
}

export interface GatewayReply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Which function answered (undefined: the gateway itself). */
  functionName?: string;
}

/**
 * The request path of production: the browser → CloudFront (`/api/*` behaviour, viewer headers
 * forwarded except Host, its origin headers added) → the HTTP API (`$default` stage, the template's
 * routes) → a payload-2.0 event to the function the route integrates.
 */
export function createGateway(assembly: CloudAssembly, functions: Map<string, LambdaFunction>) {
  const apiDomain = `${assembly.apiId}.execute-api.${assembly.region}.amazonaws.com`;
  const viewerIp = '203.0.113.7';
  const edgeIp = '130.176.1.15';

  function match(method: string, path: string) {
    for (const route of assembly.routes) {
      if (route.method !== 'ANY' && route.method !== method) continue;
      const greedy = route.path.match(/^(.*)\/\{proxy\+\}$/);
      if (greedy && path.startsWith(`${greedy[1]}/`))
        return { route, pathParameters: { proxy: path.slice(greedy[1]!.length + 1) } };
      if (route.path === path) return { route, pathParameters: undefined };
    }
    return undefined;
  }

  return async function request(
    method: string,
    url: string,
    init: GatewayRequest = {},
  ): Promise<GatewayReply> {
    const [path = '', rawQueryString = ''] = url.split('?');
    const found = match(method, path);
    // What the HTTP API itself answers for a path no route takes.
    if (!found)
      return { status: 404, headers: { 'content-type': 'application/json' }, body: { message: 'Not Found' } };
    const { route, pathParameters } = found;

    const viaCloudFront = init.viaCloudFront ?? true;
    // What API Gateway answers on an execute-api address that is switched off.
    if (!viaCloudFront && assembly.api.DisableExecuteApiEndpoint === true)
      return { status: 403, headers: { 'content-type': 'application/json' }, body: { message: 'Forbidden' } };

    const payload = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    const cloudFront = {
      via: '2.0 8f3a9d1c2b7e4f60a1b2c3d4e5f60718.cloudfront.net (CloudFront)',
      'x-amz-cf-id': randomBytes(28).toString('base64url'),
      'cloudfront-forwarded-proto': 'https',
      'cloudfront-viewer-country': 'CN',
      'cloudfront-viewer-address': `${viewerIp}:51234`,
      ...assembly.originHeaders,
    };
    const sourceIp = viaCloudFront ? edgeIp : viewerIp;
    const headers: Record<string, string> = {
      accept: 'application/json, text/plain, */*',
      'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
      'user-agent': 'Mozilla/5.0 (X11; Linux aarch64) PropDesk-AWS-path-test',
      ...(viaCloudFront ? cloudFront : {}),
      'x-forwarded-for': viaCloudFront ? `${viewerIp}, ${edgeIp}` : viewerIp,
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      'x-amzn-trace-id': `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`,
      host: apiDomain,
    };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (payload !== undefined) {
      headers['content-type'] = init.contentType ?? 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    const query = new URLSearchParams(rawQueryString);
    const queryStringParameters: Record<string, string> = {};
    for (const key of new Set(query.keys())) queryStringParameters[key] = query.getAll(key).join(',');
    const now = new Date();
    const event = {
      version: '2.0',
      routeKey: route.routeKey,
      rawPath: path,
      rawQueryString,
      ...(init.cookies?.length ? { cookies: init.cookies } : {}),
      headers,
      ...(rawQueryString ? { queryStringParameters } : {}),
      requestContext: {
        accountId: assembly.account,
        apiId: assembly.apiId,
        domainName: apiDomain,
        domainPrefix: assembly.apiId,
        http: { method, path, protocol: 'HTTP/1.1', sourceIp, userAgent: headers['user-agent'] },
        requestId: `${randomBytes(6).toString('base64url')}=`,
        routeKey: route.routeKey,
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
      },
      ...(pathParameters ? { pathParameters } : {}),
      // Bodies arrive base64-encoded, as the HTTP API delivers them from CloudFront.
      ...(payload !== undefined
        ? { body: Buffer.from(payload).toString('base64'), isBase64Encoded: true }
        : { isBase64Encoded: false }),
    };
    // Lambda refuses a synchronous invocation this large (RequestEntityTooLargeException): the function
    // never runs, and the caller gets the gateway's error instead of ours.
    const invocationBytes = Buffer.byteLength(JSON.stringify(event));
    if (invocationBytes > lambdaPayloadLimit) {
      return {
        status: 413,
        headers: { 'content-type': 'application/json' },
        body: { message: `Lambda refused an invocation of ${invocationBytes} bytes` },
      };
    }
    const lambda = functions.get(route.function.name);
    if (!lambda) throw new Error(`No running function ${route.function.name}`);
    const { value } = await lambda.invoke(event);
    const result = value as {
      statusCode: number;
      headers?: Record<string, string>;
      body?: string;
      isBase64Encoded?: boolean;
      cookies?: string[];
    };
    const text =
      result.body === undefined
        ? ''
        : result.isBase64Encoded
          ? Buffer.from(result.body, 'base64').toString()
          : result.body;
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    const replyHeaders = Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
    );
    return { status: result.statusCode, headers: replyHeaders, body, functionName: lambda.fn.name };
  };
}
