import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, paginateScan, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { maxImportBytes } from '../../functions/directory/import/limits.ts';
import { keys } from '../../functions/shared/table.ts';
import { localCredentials } from '../../infra/local/dynamo.ts';
import { call } from '../support/api.ts';
import type { CloudAssembly } from '../support/lambda-assembly.ts';
import {
  createCognito,
  createGateway,
  type GatewayRequest,
  type LambdaFunction,
  startFunction,
  synthWithBundles,
} from '../support/lambda-host.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

/**
 * The AWS path, run on every `npm test`: the bundles `cdk synth` wrote, started as Lambda starts them
 * and called as CloudFront → HTTP API calls them, on a table made from the synthesized template, with
 * Cognito-shaped tokens; the same calls against the local host must answer alike. See
 * docs/testing-aws-path.md.
 */

const dynamoEndpoint = inject('dynamoEndpoint');
// Generous on purpose: on the shared 2-core machine a bundled synth has taken 90 s; nothing here is timed.
const setupTimeout = 600_000;
const callsTimeout = 180_000;
let synth: ReturnType<typeof synthWithBundles>;
let assembly: CloudAssembly;
let cognito: Awaited<ReturnType<typeof createCognito>>;
const running = new Map<string, LambdaFunction>();
let gateway: ReturnType<typeof createGateway>;
let documents: DynamoDBDocumentClient;
/** Property A is called through the local host, property B through the Lambdas: the same world twice. */
let local: PropertyWorld;
let aws: PropertyWorld;

beforeAll(async () => {
  synth = synthWithBundles();
  assembly = synth.assembly;
  const clientId = assembly.functions.find((f) => f.environment.AUTH_AUDIENCE)?.environment.AUTH_AUDIENCE;
  if (!clientId) throw new Error('No function is given the app client id (AUTH_AUDIENCE)');
  cognito = await createCognito(assembly, clientId);

  const client = new DynamoDBClient({
    endpoint: dynamoEndpoint,
    region: 'local',
    credentials: localCredentials,
  });
  documents = DynamoDBDocumentClient.from(client);
  const table = assembly.table.properties as Record<string, never>;
  await client.send(
    new CreateTableCommand({
      TableName: assembly.table.name,
      KeySchema: table.KeySchema,
      AttributeDefinitions: table.AttributeDefinitions,
      GlobalSecondaryIndexes: table.GlobalSecondaryIndexes,
      LocalSecondaryIndexes: table.LocalSecondaryIndexes,
      BillingMode: table.BillingMode,
      ProvisionedThroughput: table.ProvisionedThroughput,
    }),
  );
  if (table.TimeToLiveSpecification) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: assembly.table.name,
        TimeToLiveSpecification: table.TimeToLiveSpecification,
      }),
    );
  }
  // The local host and the seeding below use the table the template defines, as the Lambdas do.
  process.env.TABLE_NAME = assembly.table.name;
  [local, aws] = [await makeProperty('AWSA'), await makeProperty('AWSB')];

  const started = await Promise.all(
    assembly.functions.map((fn) =>
      startFunction(fn, {
        root: synth.root,
        assembly,
        dynamoEndpoint,
        jwksUrl: cognito.jwksUrl,
        jwks: cognito.jwks,
      }),
    ),
  );
  for (const lambda of started) running.set(lambda.fn.name, lambda);
  gateway = createGateway(assembly, running);
}, setupTimeout);

afterAll(() => {
  for (const lambda of running.values()) lambda.stop();
  synth?.dispose();
});

type Reply = { status: number; headers: Record<string, string>; body: unknown; functionName?: string };
type Send = (method: string, path: string, init?: GatewayRequest) => Promise<Reply>;

interface Side {
  world: PropertyWorld;
  /** Another company's property… the other world, which this side's staff are not members of. */
  foreign: PropertyWorld;
  token: (role: keyof PropertyWorld['staff']) => Promise<string>;
  /** A token with the right claims signed by a key the issuer never published. */
  forged: () => Promise<string>;
  send: Send;
}

const localSend: Send = async (method, path, init = {}) => {
  const reply = await call(init.token, method, path, init.body, {
    rawBody: init.rawBody,
    contentType: init.contentType,
  });
  return { status: reply.status, headers: Object.fromEntries(reply.headers), body: reply.body };
};

async function foreignKeyToken(issuer: string, audience: string, email: string) {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT({ email, token_use: 'id' })
    .setProtectedHeader({ alg: 'RS256', kid: 'not-published' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
}

const sides = (): { local: Side; aws: Side } => ({
  local: {
    world: local,
    foreign: aws,
    token: async (role) => local.tokens[role],
    forged: () =>
      foreignKeyToken(process.env.AUTH_ISSUER!, process.env.AUTH_AUDIENCE!, local.staff.front_desk.email),
    send: localSend,
  },
  aws: {
    world: aws,
    foreign: local,
    token: (role) => cognito.idToken(aws.staff[role]),
    forged: () => cognito.forgedIdToken(aws.staff.front_desk),
    send: gateway,
  },
});

interface Step {
  name: string;
  expected: number;
  reply: Reply;
}

/** A front-desk morning touching every domain, with the mistakes clients make; the same on both hosts. */
async function frontDeskMorning(side: Side): Promise<Step[]> {
  const steps: Step[] = [];
  const { world, send } = side;
  const step = async (name: string, expected: number, reply: Promise<Reply>) => {
    const done = { name, expected, reply: await reply };
    steps.push(done);
    return done.reply;
  };
  const desk = await side.token('front_desk');
  const technician = await side.token('technician');
  const directory = `/api/directory/properties/${world.property.id}`;
  const tickets = `/api/tickets/properties/${world.property.id}`;

  await step(
    'directory: who am I (the browser sends its cookies along)',
    200,
    send('GET', '/api/directory/me', { token: desk, cookies: ['locale=zh-CN', '_ga=GA1.1.1718.1733'] }),
  );
  await step('directory: list my properties', 200, send('GET', '/api/directory/properties', { token: desk }));
  await step(
    'directory: search a room as the caller says it',
    200,
    send('GET', `${directory}/units?room=3-15`, { token: desk }),
  );
  await step(
    'directory: register a tenant in the vacant unit',
    201,
    send('POST', `${directory}/households`, {
      token: desk,
      body: { unitId: world.vacantUnit.id, kind: 'tenant', name: '李雷', phone: '13700001111' },
    }),
  );
  await step(
    'directory: 400 a household without a name',
    400,
    send('POST', `${directory}/households`, {
      token: desk,
      body: { unitId: world.vacantUnit.id, kind: 'tenant' },
    }),
  );
  await step(
    'directory: 403 a technician may not register households',
    403,
    send('POST', `${directory}/households`, {
      token: technician,
      body: { unitId: world.vacantUnit.id, kind: 'tenant', name: '韩梅梅', phone: '13700002222' },
    }),
  );
  await step(
    'directory: 404 another company’s property does not even show it exists',
    404,
    send('GET', `/api/directory/properties/${side.foreign.property.id}`, { token: desk }),
  );
  await step(
    'directory: 404 an unknown household',
    404,
    send('GET', `${directory}/households/0000000000000000000000000000`, { token: desk }),
  );

  const opened = await step(
    'tickets: record a call that opens a repair',
    201,
    send('POST', `${tickets}/contacts`, {
      token: desk,
      body: {
        time: new Date().toISOString(),
        channel: 'phone',
        caller: { name: '王芳', phone: '13812345678' },
        unitId: world.unit.id,
        householdId: world.household.id,
        category: 'repair',
        summary: '厨房水龙头漏水',
      },
    }),
  );
  const ticket = (opened.body as { ticket?: { id: string; version: number } }).ticket;
  const ticketPath = `${tickets}/tickets/${ticket?.id}`;
  await step(
    'tickets: verify the repair',
    200,
    send('POST', `${ticketPath}/actions/verify`, {
      token: desk,
      body: { version: ticket?.version, input: { inScope: true } },
    }),
  );
  await step(
    'tickets: 409 a second verify from a stale screen',
    409,
    send('POST', `${ticketPath}/actions/verify`, {
      token: desk,
      body: { version: ticket?.version, input: { inScope: true } },
    }),
  );
  await step('tickets: the repair with its timeline', 200, send('GET', ticketPath, { token: desk }));
  await step('tickets: list the open tickets', 200, send('GET', `${tickets}/tickets`, { token: desk }));
  await step(
    'tickets: 404 an unknown ticket',
    404,
    send('GET', `${tickets}/tickets/0000000000000000000000000000`, { token: desk }),
  );
  await step(
    'tickets: 400 malformed JSON',
    400,
    send('POST', `${tickets}/contacts`, { token: desk, rawBody: '{"channel": "phone",' }),
  );

  await step('notifications: my inbox', 200, send('GET', '/api/notifications/inbox', { token: desk }));
  await step(
    'notifications: my unread count',
    200,
    send('GET', '/api/notifications/unread-count', { token: desk }),
  );

  await step('auth: 401 without a token', 401, send('GET', '/api/notifications/inbox'));
  await step(
    'auth: 401 a token signed by another key',
    401,
    send('GET', '/api/notifications/inbox', { token: await side.forged() }),
  );
  return steps;
}

/** The shape of a body: keys and value types, not values (ids, times and versions differ per host). */
function shape(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const shapes = new Map(value.map((v) => [JSON.stringify(shape(v)), shape(v)]));
    return [...shapes.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, s]) => s);
  }
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shape(v)]),
    );
  return typeof value;
}

describe('the AWS path: synthesized bundles behind the synthesized gateway', {
  timeout: callsTimeout,
}, () => {
  it('operator: every function is deployed with its own bundle', () => {
    const codeOf = assembly.functions.map((f) => [f.logicalId, f.codeDir]);
    expect(new Set(codeOf.map(([, dir]) => dir)).size, JSON.stringify(codeOf)).toBe(codeOf.length);
  });

  it('front desk: a morning across every domain answers the same status and body shape in Lambda as on the local host', async () => {
    const { local: onLocal, aws: onAws } = sides();
    const expected = await frontDeskMorning(onLocal);
    const actual = await frontDeskMorning(onAws);
    const summary = (steps: Step[]) =>
      steps.map((s) => ({
        name: s.name,
        status: s.reply.status,
        contentType: s.reply.headers['content-type'],
        shape: shape(s.reply.body),
      }));
    // Each call answers what the step says on the local host, and Lambda answers exactly alike.
    expect(expected.map((s) => [s.name, s.reply.status])).toEqual(expected.map((s) => [s.name, s.expected]));
    expect(summary(actual)).toEqual(summary(expected));
    // The tokens were checked against the JWKS served at the user pool's URL, not skipped.
    const domainFunctions = [...new Set(actual.map((s) => s.reply.functionName!))].sort();
    expect(domainFunctions.length).toBeGreaterThanOrEqual(3);
    expect(domainFunctions.map((name) => [name, running.get(name)!.jwksFetches() > 0])).toEqual(
      domainFunctions.map((name) => [name, true]),
    );
  });

  it('signed-in staff: an access token (which the gateway lets through) or an expired ID token gets a JSON 401 from the function', async () => {
    const staff = aws.staff.front_desk;
    const expired = await cognito.idToken(staff, {
      iat: Math.floor(Date.now() / 1000) - 7200,
      exp: Math.floor(Date.now() / 1000) - 3600,
    });
    for (const token of [await cognito.accessToken(staff), expired]) {
      const reply = await gateway('GET', '/api/notifications/unread-count', { token });
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
  });

  it('front desk: asking to upload a photo in AWS gets forms signed for the attachments bucket the template names', async () => {
    const reply = await askForPhotoUpload();
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const bucket = running.get(reply.functionName!)!.fn.environment.ATTACHMENTS_BUCKET;
    expect(bucket).toBeTruthy();
    const { upload, thumbnailUpload } = reply.body as Record<
      string,
      { url: string; fields: Record<string, string> }
    >;
    for (const form of [upload!, thumbnailUpload!]) {
      expect(new URL(form.url).hostname).toBe(`${bucket}.s3.${assembly.region}.amazonaws.com`);
      expect(Object.keys(form.fields)).toEqual(expect.arrayContaining(['key', 'Policy', 'X-Amz-Signature']));
    }
  });

  it('operator: every scheduled job runs from its schedule’s exact input, and a second delivery changes nothing', async () => {
    expect(assembly.schedules.length).toBeGreaterThan(0);
    // Figures that drifted, for the nightly recount to repair.
    await documents.send(
      new UpdateCommand({
        TableName: assembly.table.name,
        Key: keys.propertyStats(aws.property.id),
        UpdateExpression: 'SET units = :wrong',
        ExpressionAttributeValues: { ':wrong': 999 },
      }),
    );
    // An import whose run stopped in another process ten minutes ago, for the recovery job to roll back.
    await documents.send(
      new PutCommand({
        TableName: assembly.table.name,
        Item: {
          ...keys.importLock(aws.property.id),
          importId: 'stoppedimport',
          holder: 'stoppedimport',
          instance: 'a-lambda-that-timed-out',
          actorName: '李经理',
          startedAt: new Date(Date.now() - 600_000).toISOString(),
          heartbeatAt: Date.now() - 600_000,
        },
      }),
    );
    // A firing a month ahead, at 03:30 in Shanghai: every SLA clock started above is due by then.
    const month = new Date(Date.now() + 30 * 86_400_000);
    const firing = new Date(
      Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), month.getUTCDate(), 19, 30),
    );
    for (const schedule of assembly.schedules) {
      const delivered = scheduledInput(schedule.input, schedule.name, firing);
      const lambda = running.get(schedule.function.name)!;
      const first = (await lambda.invoke(delivered)).value as { job: string; changed: number };
      // The work planted above must be done; a job with nothing planted (import recovery) may find none.
      if (['directory-recount', 'sla-check'].includes(first.job))
        expect(first.changed, `${schedule.name} first run`).toBeGreaterThan(0);
      else expect(first.changed, `${schedule.name} first run`).toBeTypeOf('number');
      const before = await everyItem();
      const second = (await lambda.invoke(delivered)).value as { changed: number };
      expect(second.changed, `${schedule.name} second run`).toBe(0);
      expect(await everyItem(), `${schedule.name} wrote on its second run`).toEqual(before);
    }
  });
});

describe('the AWS path: the edge of issue 7 part 3 (Server-Timing, health, OpenAPI, CSP, CloudFront only, import size)', {
  timeout: callsTimeout,
}, () => {
  it('nobody: Lambda responses carry no Server-Timing header (DynamoDB figures stay inside)', async () => {
    const token = await cognito.idToken(aws.staff.front_desk);
    const replies = await Promise.all(
      [
        '/api/directory/properties',
        `/api/tickets/properties/${aws.property.id}/tickets`,
        '/api/notifications/unread-count',
        '/api/health',
      ].map((path) => gateway('GET', path, { token })),
    );
    expect(replies.map((r) => [r.status, r.headers['server-timing']])).toEqual(
      replies.map(() => [200, undefined]),
    );
  });

  it('monitoring: GET /api/health answers without a token through CloudFront and the HTTP API, database reachable', async () => {
    const reply = await gateway('GET', '/api/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ database: 'reachable' });
    expect(JSON.stringify(reply.body)).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}/);
  });

  it('signed-in staff: GET /api/openapi.json in AWS lists the same operations as the local host', async () => {
    const token = await cognito.idToken(aws.staff.front_desk);
    const reply = await gateway('GET', '/api/openapi.json', { token });
    const localDocument = await localSend('GET', '/api/openapi.json', { token: local.tokens.front_desk });
    expect(reply.status).toBe(200);
    const paths = (document: unknown) => Object.keys((document as { paths?: object }).paths ?? {}).sort();
    expect(paths(reply.body)).toEqual(paths(localDocument.body));
  });

  it('front desk: the CSP CloudFront sends lets the dashboard post a photo to the attachments bucket and show it, and no other bucket', async () => {
    const reply = await askForPhotoUpload();
    const { upload } = reply.body as Record<string, { url: string }>;
    const bucketOrigin = new URL(upload!.url).origin;
    const [policy, ...others] = assembly.contentSecurityPolicies();
    expect(others).toEqual([]);
    for (const directive of ['connect-src', 'img-src']) {
      const sources = cspSources(policy!, directive);
      expect(
        sources.map((s) => s.replace(/\/$/, '')),
        directive,
      ).toContain(bucketOrigin);
      expect(
        sources.filter((s) => s.includes('*')),
        directive,
      ).toEqual([]);
    }
  });

  it('nobody: a call straight to the HTTP API’s execute-api address, around CloudFront and its headers, is refused', async () => {
    const token = await cognito.idToken(aws.staff.front_desk);
    for (const path of ['/api/notifications/unread-count', '/api/health']) {
      const direct = await gateway('GET', path, { token, viaCloudFront: false });
      expect(direct.status, `${path}: ${JSON.stringify(direct.body)}`).toBe(403);
    }
  });

  it('property manager: a spreadsheet at the import size limit reaches the function, one byte more gets a JSON 413', async () => {
    const token = await cognito.idToken(aws.staff.property_manager);
    const imports = `/api/directory/properties/${aws.property.id}/imports?dryRun=true`;
    // An unknown file type is refused (415) only by the function: a 415 proves the body got there.
    const atLimit = await gateway('POST', imports, {
      token,
      rawBody: 'x'.repeat(maxImportBytes),
      contentType: 'application/octet-stream',
    });
    expect(atLimit.status, JSON.stringify(atLimit.body)).toBe(415);
    const over = await gateway('POST', imports, {
      token,
      rawBody: 'x'.repeat(maxImportBytes + 1),
      contentType: 'text/csv',
    });
    expect(over.status).toBe(413);
    expect(over.body).toMatchObject({ error: { code: 'payload_too_large' } });
  });
});

async function askForPhotoUpload() {
  return gateway('POST', `/api/tickets/properties/${aws.property.id}/attachments`, {
    token: await cognito.idToken(aws.staff.front_desk),
    body: { fileName: '漏水.jpg', contentType: 'image/jpeg', size: 200_000, thumbnailSize: 20_000 },
  });
}

/** The sources a CSP directive allows, e.g. `connect-src` → ["'self'", "https://…"]. */
function cspSources(policy: string, directive: string): string[] {
  const found = policy
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([name]) => name === directive);
  return found?.slice(1) ?? [];
}

/** Scheduler fills in its context attributes before it invokes the target. */
function scheduledInput(input: string, scheduleName: string, firing: Date): unknown {
  const attributes: Record<string, string> = {
    '<aws.scheduler.scheduled-time>': firing.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    '<aws.scheduler.schedule-arn>': `arn:aws:scheduler:${assembly.region}:${assembly.account}:schedule/default/${scheduleName}`,
    '<aws.scheduler.execution-id>': crypto.randomUUID(),
    '<aws.scheduler.attempt-number>': '0',
  };
  const filled = input.replace(/<aws\.scheduler\.[a-z-]+>/g, (name) => {
    const value = attributes[name];
    if (value === undefined) throw new Error(`Unknown Scheduler context attribute ${name}`);
    return value;
  });
  return JSON.parse(filled);
}

/** Every item of the table, in key order (a test may scan; no request or job path does). */
async function everyItem() {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateScan({ client: documents }, { TableName: assembly.table.name })) {
    items.push(...(page.Items ?? []));
  }
  return items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}
