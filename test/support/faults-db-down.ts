import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalHost, startLocalHost } from '../../bench/local-host.ts';
import { householdLinkToken } from '../../functions/billing/delivery/link.ts';
import { type DynamoLocal, startDynamoLocal } from '../../infra/local/dynamo.ts';

/**
 * The database-down scenario against a real local host process (its own DynamoDB Local, data on disk):
 * kill DynamoDB Local under the running host, call every operation of its API document plus sign-in
 * and health, then start DynamoDB Local again on the same port and data, and use the host as before —
 * the host itself is never restarted. Shared by the integration test and the bench.
 */

export interface Answer {
  what: string;
  status: number;
  ms: number;
  retryAfter: string | null;
  body: string;
}

export interface DbDownOutcome {
  /** Every answer while the database was down. */
  down: Answer[];
  /** Answers that were not a proper 503 (status, Retry-After, JSON error) or leaked internals. */
  wrong: string[];
  /** After the restart: health, sign-in and a signed-in read, each in order. */
  restored: Answer[];
}

const demo = { email: 'frontdesk.shja@demo.propdesk.cn', password: 'propdesk' };
// What an answer must never show: the endpoint, a port, SDK or Java internals, a misleading sign-in.
const internals = /127\.0\.0\.1|localhost|:\d{4,5}\b|ECONN|Exception|dynamo|java|stack|Wrong e-mail/i;

/** The host's DynamoDB Local: its java child process, and the port it listens on. */
function databaseOf(hostPid: number): { pid: number; port: number } {
  for (const task of readdirSync(`/proc/${hostPid}/task`)) {
    const children = readFileSync(`/proc/${hostPid}/task/${task}/children`, 'utf8').trim().split(/\s+/);
    for (const child of children.filter(Boolean)) {
      const args = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0');
      if (!args.some((a) => a.includes('DynamoDBLocal.jar'))) continue;
      return { pid: Number(child), port: Number(args[args.indexOf('-port') + 1]) };
    }
  }
  throw new Error(`the local host (pid ${hostPid}) has no DynamoDB Local child`);
}

async function exited(pid: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`process ${pid} did not exit`);
}

async function ask(
  url: string,
  what: string,
  init: { method: string; token?: string; body?: unknown },
): Promise<Answer> {
  const started = performance.now();
  // Far above the few seconds a failing call may take: reaching it means the host hangs.
  const res = await fetch(url, {
    method: init.method,
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    signal: AbortSignal.timeout(20_000),
  });
  const body = await res.text();
  return {
    what,
    status: res.status,
    ms: performance.now() - started,
    retryAfter: res.headers.get('retry-after'),
    body,
  };
}

type Doc = {
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>
  >;
  components: { schemas: Record<string, { example?: unknown }> };
};

/** Every operation of the API document, with well-formed ids (the property's real one) and its example body. */
function operations(doc: Doc, propertyId: string) {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const anId = '01m0000000000000000000';
      // A household link that verifies, so the route goes on to read the database like a real one.
      const link = householdLinkToken({ propertyId, period: '2026-11', householdId: anId, id: anId });
      const filled = path.replace(/\{(\w+)\}/g, (_, name: string) =>
        name === 'propertyId' ? propertyId : name === 'action' ? 'verify' : name === 'token' ? link : anId,
      );
      const media = Object.entries(op.requestBody?.content ?? {})[0];
      const ref = media?.[0] === 'application/json' ? media[1].schema.$ref?.split('/').pop() : undefined;
      return {
        what: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path: filled,
        body: ref ? (doc.components.schemas[ref]?.example ?? {}) : media ? {} : undefined,
      };
    }),
  );
}

export async function databaseDown(options: {
  root: string;
  log: (m: string) => void;
}): Promise<DbDownOutcome> {
  // On tmpfs where there is one: DynamoDB Local's on-disk store is as quick as memory there, and it
  // still outlives the database process.
  const dataDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'propdesk-db-down-'));
  let host: LocalHost | undefined;
  let database: DynamoLocal | undefined;
  try {
    host = await startLocalHost({ ...options, dataDir, timeoutMs: 280_000 });
    const { url } = host;
    const signIn = await ask(`${url}/auth/local/sign-in`, 'sign-in', { method: 'POST', body: demo });
    if (signIn.status !== 200) throw new Error(`sign-in before the kill: ${signIn.status} ${signIn.body}`);
    const token = (JSON.parse(signIn.body) as { idToken: string }).idToken;
    const me = await ask(`${url}/api/directory/me`, 'me', { method: 'GET', token });
    const propertyId = (JSON.parse(me.body) as { properties: { id: string }[] }).properties[0]!.id;
    const doc = (await (
      await fetch(`${url}/api/openapi.json`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as Doc;

    const db = databaseOf(host.pid);
    process.kill(db.pid, 'SIGKILL');
    await exited(db.pid, 10_000);
    options.log(`database down: DynamoDB Local (pid ${db.pid}, port ${db.port}) killed`);

    const down: Answer[] = [];
    down.push(await ask(`${url}/api/health`, 'GET /api/health', { method: 'GET' }));
    down.push(
      await ask(`${url}/auth/local/sign-in`, 'POST /auth/local/sign-in', { method: 'POST', body: demo }),
    );
    for (const op of operations(doc, propertyId))
      down.push(await ask(`${url}${op.path}`, op.what, { method: op.method, token, body: op.body }));
    const wrong: string[] = [];
    for (const a of down) {
      let code: unknown;
      try {
        code = (JSON.parse(a.body) as { error?: { code?: unknown } }).error?.code;
      } catch {
        code = undefined;
      }
      if (a.status !== 503 || !a.retryAfter || code !== 'unavailable' || internals.test(a.body))
        wrong.push(`${a.what} → ${a.status} Retry-After ${a.retryAfter}: ${a.body.slice(0, 200)}`);
    }

    database = await startDynamoLocal({ dataDir: join(dataDir, 'dynamodb'), port: db.port });
    options.log('database up again on the same port and data');
    const restored = [
      await ask(`${url}/api/health`, 'GET /api/health', { method: 'GET' }),
      await ask(`${url}/auth/local/sign-in`, 'POST /auth/local/sign-in', { method: 'POST', body: demo }),
      await ask(`${url}/api/directory/properties/${propertyId}/units?room=1-1`, 'room search', {
        method: 'GET',
        token,
      }),
    ];
    return { down, wrong, restored };
  } finally {
    await host?.stop();
    await database?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
