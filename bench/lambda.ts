import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { domains, lambdaEntry, platformDeclaration } from '../functions/domains.ts';
import { originHeader } from '../functions/shared/origin.ts';
import { ensureTable, localCredentials, startDynamoLocal } from '../infra/local/dynamo.ts';
import { createLocalIssuer } from '../infra/local/issuer.ts';
import { bundleLambda, type LambdaBundle, lambdaNodeOptions, lambdaTarget } from './bundle.ts';
import type { BenchModule } from './context.ts';
import { median, round } from './stats.ts';

const run = promisify(execFile);
const loadsPerBundle = 11;
const requestsPerFunction = 5;

/**
 * A fresh `node` imports one bundle and prints how long `await import()` took (module init included);
 * given an event, it then hands it to the handler as Lambda would and prints the time to its answer too.
 */
const loaderSource = `import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const [file, eventFile, lazyEventFile] = process.argv.slice(2);
const read = (f) => (f ? JSON.parse(readFileSync(f, 'utf8')) : undefined);
const [event, lazyEvent] = [read(eventFile), read(lazyEventFile)];
const started = performance.now();
const { handler } = await import(pathToFileURL(file).href);
const ms = performance.now() - started;
const context = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 29000 };
const statusOf = (answer) => answer?.statusCode ?? (answer && typeof answer === 'object' ? 200 : 0);
let firstMs, status, lazyMs, lazyStatus;
if (event) {
  const answer = await handler(event, context);
  firstMs = performance.now() - started;
  status = statusOf(answer);
  if (status >= 400) process.stderr.write(JSON.stringify(answer));
}
if (lazyEvent) {
  const lazyStarted = performance.now();
  const answer = await handler(lazyEvent, context);
  lazyMs = performance.now() - lazyStarted;
  lazyStatus = statusOf(answer);
  if (lazyStatus >= 400) process.stderr.write(JSON.stringify(answer));
}
process.stdout.write('\\n@@bench ' + JSON.stringify({ ms, firstMs, status, lazyMs, lazyStatus }) + '\\n');
process.exit(0);
`;

/** The deployed options: source maps on, as the construct's NODE_OPTIONS has them. */
const baseEnv = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  NODE_OPTIONS: lambdaNodeOptions,
  TABLE_NAME: 'propdesk-bench',
  AUTH_ISSUER: 'http://127.0.0.1/x',
  AUTH_AUDIENCE: 'x',
  AWS_REGION: 'local',
  AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
  POWERTOOLS_SERVICE_NAME: 'bench',
  POWERTOOLS_METRICS_NAMESPACE: 'PropDeskBench',
  ATTACHMENTS_STORE: 's3',
  ATTACHMENTS_BUCKET: 'propdesk-bench-attachments',
  LOG_LEVEL: 'ERROR',
  // As in AWS: the functions answer only requests that carry CloudFront's origin secret.
  ORIGIN_SECRET: 'bench-origin-secret',
};

interface Loaded {
  ms: number;
  firstMs?: number;
  status?: number;
  lazyMs?: number;
  lazyStatus?: number;
}

async function load(
  loader: string,
  file: string,
  env: Record<string, string>,
  eventFile?: string,
  lazyEventFile?: string,
): Promise<Loaded> {
  const args = [loader, file, ...(eventFile ? [eventFile] : []), ...(lazyEventFile ? [lazyEventFile] : [])];
  const { stdout, stderr } = await run(process.execPath, args, { env, timeout: 60_000 });
  const line = stdout.split('\n').find((l) => l.startsWith('@@bench '));
  const result = line ? (JSON.parse(line.slice('@@bench '.length)) as Loaded) : undefined;
  if (!result || !Number.isFinite(result.ms)) throw new Error(`loading ${file} printed ${stdout}${stderr}`);
  if (eventFile && !(result.status! >= 200 && result.status! < 300)) {
    throw new Error(`the first request to ${file} answered ${result.status}: ${stderr}`);
  }
  if (lazyEventFile && !(result.lazyStatus! >= 200 && result.lazyStatus! < 300)) {
    throw new Error(`the first lazily loaded request to ${file} answered ${result.lazyStatus}: ${stderr}`);
  }
  return result;
}

/** An HTTP API payload 2.0 event, as CloudFront → HTTP API delivers a GET. */
function httpEvent(path: string, token: string) {
  const [rawPath, rawQueryString = ''] = path.split('?');
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      host: 'bench.propdesk.cn',
      [originHeader]: baseEnv.ORIGIN_SECRET,
    },
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'bench.propdesk.cn',
      http: { method: 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: 'bench',
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
  };
}

/**
 * Each function's bundle built with the construct's own esbuild options (`infra/constructs/lambda-bundle.ts`),
 * against the reference bundle that only creates the DynamoDB DocumentClient: bytes, cold import (fresh
 * processes, alternating, source maps on as deployed), and cold import plus a first typical request
 * against a seeded DynamoDB Local.
 */
const lambda: BenchModule = async (ctx) => {
  const target = lambdaTarget;
  const dir = join(ctx.tmpDir, 'lambda');
  mkdirSync(dir, { recursive: true });
  const out: Record<string, number> = {};

  const functions = [
    ...domains.map((d) => ({ name: d.name, entry: lambdaEntry(d.name) })),
    { name: platformDeclaration.name, entry: lambdaEntry(platformDeclaration.name) },
    { name: 'jobs', entry: lambdaEntry('jobs') },
  ];
  const bundles = new Map<string, LambdaBundle>();
  const bundle = (name: string, entry: string) =>
    bundleLambda({ root: ctx.root, entry, outDir: join(dir, name), target });
  const empty = await bundle('empty', 'bench/lambda-refs/empty.ts');
  const sdk = await bundle('sdk', 'bench/lambda-refs/sdk-floor.ts');
  for (const { name, entry } of functions) bundles.set(name, await bundle(name, entry));
  // Decision 014's prototype: the SDK floor's handler on a hand-signed DynamoDB JSON client, what the SDK costs.
  const leanSdk = await bundle('lean-dynamodb', 'bench/prototypes/lean-dynamodb/lambda.ts');
  for (const [name, b] of bundles) {
    const classic = Object.keys(b.metafile.inputs).find((i) => i.includes('zod/v4/classic'));
    if (classic) throw new Error(`${name} bundles zod classic (${classic}): the functions use zod/mini`);
  }

  out['lambda.bundle_kb.sdk'] = round(sdk.bytes / 1024, 1);
  for (const [name, b] of bundles) {
    out[`lambda.bundle_kb.${name}`] = round(b.bytes / 1024, 1);
    out[`lambda.bundle_ratio_vs_sdk.${name}`] = round(b.bytes / sdk.bytes);
  }
  out['lambda.prototype_bundle_kb.lean_dynamodb'] = round(leanSdk.bytes / 1024, 1);
  ctx.log(`bundled with target ${target}; timing cold imports (source maps on, as deployed)`);

  const loader = join(dir, 'load.mjs');
  writeFileSync(loader, loaderSource);
  const timed = new Map<string, LambdaBundle>([
    ['empty', empty],
    ['sdk', sdk],
    ...bundles,
    ['lean-dynamodb', leanSdk],
  ]);
  const initMs = new Map<string, number[]>([...timed.keys()].map((n) => [n, []]));
  // One unmeasured load of each warms the file cache; then the runs alternate so drift hits all alike.
  for (const b of timed.values()) await load(loader, b.file, baseEnv);
  for (let i = 0; i < loadsPerBundle; i++) {
    for (const [name, b] of timed) initMs.get(name)!.push((await load(loader, b.file, baseEnv)).ms);
  }
  const sdkInit = median(initMs.get('sdk')!);
  const prototypes: Record<string, string> = { 'lean-dynamodb': 'lean_dynamodb' };
  for (const [name, samples] of initMs) {
    const prototype = prototypes[name];
    out[prototype ? `lambda.prototype_init_ms.${prototype}` : `lambda.init_ms.${name}`] = round(
      median(samples),
    );
  }
  for (const name of bundles.keys()) {
    out[`lambda.init_ratio_vs_sdk.${name}`] = round(median(initMs.get(name)!) / sdkInit);
  }

  ctx.log('first requests: seeding the demo company into DynamoDB Local');
  const first = await firstRequests(ctx, dir, loader, {
    sdk,
    ...Object.fromEntries(bundles),
    'lean-dynamodb': leanSdk,
  });
  for (const [name, ms] of Object.entries(first.firstRequest)) {
    const prototype = prototypes[name];
    out[prototype ? `lambda.prototype_first_request_ms.${prototype}` : `lambda.first_request_ms.${name}`] =
      ms;
  }
  for (const [name, ms] of Object.entries(first.firstLazyRequest))
    out[`lambda.first_lazy_request_ms.${name}`] = ms;
  return out;
};

/** The typical first call of each function, as its users make it. */
const typicalRequests: Record<string, (world: { propertyId: string; token: string }) => unknown> = {
  directory: ({ token }) => httpEvent('/api/directory/me', token),
  notifications: ({ token }) => httpEvent('/api/notifications/unread-count', token),
  tickets: ({ token, propertyId }) => httpEvent(`/api/tickets/properties/${propertyId}/tickets`, token),
  billing: ({ token, propertyId }) => httpEvent(`/api/billing/properties/${propertyId}/fee-standards`, token),
  platform: ({ token }) => httpEvent('/api/health', token),
  // Each run its own schedule time: the sweep really runs, not the idempotent replay.
  jobs: () => ({ job: 'sla-check', scheduledAt: new Date().toISOString() }),
  sdk: () => ({ key: { pk: 'BENCH', sk: 'BENCH' } }),
  'lean-dynamodb': () => ({ key: { pk: 'BENCH', sk: 'BENCH' } }),
};

/**
 * A request to a lazily loaded route group (decision 014), made after the typical one in the same
 * process: what reading the group's chunk moved to its first request.
 */
const lazyRequests: Record<string, (world: { propertyId: string; token: string }) => unknown> = {
  directory: ({ token, propertyId }) =>
    httpEvent(`/api/directory/properties/${propertyId}/imports/latest`, token),
  notifications: ({ token, propertyId }) =>
    httpEvent(`/api/notifications/properties/${propertyId}/outbox`, token),
  tickets: ({ token, propertyId }) => httpEvent(`/api/tickets/properties/${propertyId}/reports`, token),
};

async function firstRequests(
  ctx: Parameters<BenchModule>[0],
  dir: string,
  loader: string,
  bundles: Record<string, LambdaBundle>,
): Promise<{ firstRequest: Record<string, number>; firstLazyRequest: Record<string, number> }> {
  const dynamo = await startDynamoLocal();
  ctx.onCleanup(dynamo.stop);
  // The verifier fetches the JWKS over HTTPS only, as from Cognito: a throwaway certificate the child trusts.
  const tls = { key: join(dir, 'jwks-key.pem'), cert: join(dir, 'jwks-cert.pem') };
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    tls.key,
    '-out',
    tls.cert,
  ]);
  const jwks = createServer({ key: readFileSync(tls.key), cert: readFileSync(tls.cert) });
  ctx.onCleanup(() => new Promise<void>((r) => jwks.close(() => r())));
  try {
    jwks.listen(0, '127.0.0.1');
    await once(jwks, 'listening');
    const { port } = jwks.address() as { port: number };
    const issuer = await createLocalIssuer({ issuer: `https://127.0.0.1:${port}/bench`, audience: 'bench' });
    jwks.on('request', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(issuer.jwks));
    });
    const env = {
      ...baseEnv,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AUTH_ISSUER: issuer.issuer,
      AUTH_AUDIENCE: issuer.audience,
      AUTH_JWKS_URI: `${issuer.issuer}/.well-known/jwks.json`,
      NODE_EXTRA_CA_CERTS: tls.cert,
    };
    await ensureTable(dynamo.endpoint, env.TABLE_NAME);
    // In a child: the seed's DynamoDB client must not become this process's (later modules have their own).
    await run(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        "import { seedDemo } from './infra/local/seed.ts'; await seedDemo();",
      ],
      { cwd: ctx.root, env: { ...env, NODE_OPTIONS: '' }, timeout: 300_000 },
    );
    const token = await issuer.signIdToken({ sub: 'bench', email: 'hq@demo.propdesk.cn' });

    const eventFile = (name: string, event: unknown) => {
      const file = join(dir, `${name}-event.json`);
      writeFileSync(file, JSON.stringify(event));
      return file;
    };
    const me = await meOf(bundles.directory!, env, eventFile('me', httpEvent('/api/directory/me', token)));
    const world = { token, propertyId: me.properties[0]!.id };

    const firstMs = new Map<string, number[]>(Object.keys(bundles).map((n) => [n, []]));
    const lazyMs = new Map<string, number[]>(Object.keys(lazyRequests).map((n) => [n, []]));
    for (let i = 0; i < requestsPerFunction; i++) {
      for (const [name, b] of Object.entries(bundles)) {
        const request = typicalRequests[name];
        if (!request) throw new Error(`no typical request for the ${name} function`);
        const lazy = lazyRequests[name];
        const loaded = await load(
          loader,
          b.file,
          env,
          eventFile(name, request(world)),
          lazy && eventFile(`${name}-lazy`, lazy(world)),
        );
        firstMs.get(name)!.push(loaded.firstMs!);
        if (lazy) lazyMs.get(name)!.push(loaded.lazyMs!);
      }
    }
    const medians = (samples: Map<string, number[]>) =>
      Object.fromEntries([...samples].map(([name, s]) => [name, round(median(s))]));
    return { firstRequest: medians(firstMs), firstLazyRequest: medians(lazyMs) };
  } finally {
    await dynamo.stop();
  }
}

/** The directory's `/me`, through its own bundle: which properties the demo head office sees. */
async function meOf(directory: LambdaBundle, env: Record<string, string>, eventFile: string) {
  const file = join(eventFile, '..', 'me-answer.mjs');
  writeFileSync(
    file,
    `import { readFileSync } from 'node:fs';
const { handler } = await import(${JSON.stringify(`file://${directory.file}`)});
const answer = await handler(JSON.parse(readFileSync(${JSON.stringify(eventFile)}, 'utf8')), {});
process.stdout.write('\\n@@me ' + answer.body + '\\n');
process.exit(0);
`,
  );
  const { stdout } = await run(process.execPath, [file], { env, timeout: 60_000 });
  const line = stdout.split('\n').find((l) => l.startsWith('@@me '));
  const me = line ? (JSON.parse(line.slice('@@me '.length)) as { properties?: { id: string }[] }) : undefined;
  if (!me?.properties?.length) throw new Error(`/me through the directory bundle answered: ${stdout}`);
  return me as { properties: { id: string }[] };
}

export default lambda;
