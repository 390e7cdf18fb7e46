import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { Cron } from 'croner';
import { domains } from '../../functions/domains.ts';
import { jobs, toCronerPattern } from '../../functions/jobs/index.ts';
import { runJob } from '../../functions/jobs/run.ts';
import { trustLocalKeys } from '../../functions/shared/auth.ts';
import { prunePending } from '../../functions/tickets/attachments/local.ts';
import { demoGuide } from './demo-guide.ts';
import { ensureTable, localCredentials, startDynamoLocal } from './dynamo.ts';
import { createLocalIssuer } from './issuer.ts';
import { demoDomain, demoPassword, seedDemo } from './seed.ts';
import { createLocalApp } from './server.ts';

const { values: args } = parseArgs({
  options: {
    'in-memory': { type: 'boolean', default: false },
    port: { type: 'string' },
    host: { type: 'string' },
    'no-seed': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  },
});

const root = resolve(import.meta.dirname, '../..');
const port = Number(args.port ?? process.env.PORT ?? 3000);
// Loopback unless told otherwise: the demo sign-in must not be reachable from the network by accident.
const host = args.host ?? process.env.HOST ?? '127.0.0.1';
const dataDir = resolve(root, args['data-dir'] ?? '.data');
const inMemory = args['in-memory'];

const stops: (() => Promise<void> | void)[] = [];
let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const s of stops.reverse()) await s();
  process.exit(code);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

try {
  if (!inMemory) mkdirSync(resolve(dataDir, 'dynamodb'), { recursive: true });
  const dynamo = await startDynamoLocal(inMemory ? {} : { dataDir: resolve(dataDir, 'dynamodb') });
  stops.push(dynamo.stop);

  // Photos: on disk under .data/, or (in memory) in a temp folder that goes when the host stops.
  const attachmentsDir = inMemory
    ? mkdtempSync(resolve(tmpdir(), 'propdesk-attachments-'))
    : resolve(dataDir, 'attachments');
  if (inMemory) stops.push(() => rmSync(attachmentsDir, { recursive: true, force: true }));

  const issuerUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/auth/local`;
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    TABLE_NAME: process.env.TABLE_NAME ?? 'propdesk',
    AUTH_ISSUER: issuerUrl,
    AUTH_AUDIENCE: 'propdesk-local',
    ATTACHMENTS_STORE: 'local',
    ATTACHMENTS_DIR: attachmentsDir,
    // DynamoDB cost per response, for the bench and a developer's network tab; never set in AWS.
    SERVER_TIMING: process.env.SERVER_TIMING ?? 'on',
  });
  await prunePending();
  await ensureTable(dynamo.endpoint, process.env.TABLE_NAME!);
  const issuer = await createLocalIssuer({
    issuer: issuerUrl,
    audience: 'propdesk-local',
    ...(inMemory ? {} : { keyFile: resolve(dataDir, 'local-signing-key.json') }),
  });
  trustLocalKeys(issuer.jwks as never);

  const seeded = args['no-seed'] ? false : await seedDemo();
  const loaded = await Promise.all(domains.map((d) => d.load()));
  const app = createLocalApp({ domains: loaded, issuer, webDir: resolve(root, 'web/dist') });
  const server = serve({ fetch: app.fetch, port, hostname: host });
  stops.unshift(() => new Promise<void>((r) => server.close(() => r())));

  for (const job of jobs) {
    const cron = new Cron(toCronerPattern(job.cron), { timezone: job.timeZone, protect: true }, async () => {
      try {
        await runJob({ job: job.name, scheduledAt: new Date().toISOString() });
      } catch (error) {
        console.error(`job ${job.name} failed`, error);
      }
    });
    stops.unshift(() => cron.stop());
  }

  console.log(`
PropDesk 物业前台 is running at http://${host}:${port}
  API reference: http://${host}:${port}/api/docs   health: /api/health
  Database: DynamoDB Local ${inMemory ? '(in memory)' : `(data in ${dataDir})`} at ${dynamo.endpoint}${seeded ? ' — demo company seeded' : ''}
  Photos: ${attachmentsDir}
  Jobs: ${jobs.map((j) => `${j.name} (${j.cron}, ${j.timeZone})`).join('; ')}
Demo accounts (password: ${demoPassword}) — one repair from call to close in 静安悦府:
${demoGuide.map((a) => `  ${`${a.login}@${demoDomain}`.padEnd(34)} ${a.who}: ${a.does}`).join('\n')}
  (every property — shja, shpd, hzxh — has manager., frontdesk., frontdesk2., tech., tech2., finance., finance2., security. and lead. accounts)
Press Ctrl-C to stop.`);
} catch (error) {
  console.error('PropDesk could not start:', error);
  await stop(1);
}
