import { Agent, request } from 'node:http';
import { seededRandom } from '../test/support/faults.ts';
import type { BenchContext, BenchModule } from './context.ts';
import { acknowledgedWrites, type Desk, lostWrites, runClient, type Send } from './load-traffic.ts';
import { startLocalHost } from './local-host.ts';
import { percentile, round } from './stats.ts';

const clients = 4;
const durationMs = 60_000;
/** A ceiling as well as the clock, so the run stops by itself whatever happens to time. */
const maxRequestsPerClient = 200_000;

function sender(url: string): { send: Send; close: () => void } {
  const agent = new Agent({ keepAlive: true, maxSockets: clients * 2 });
  const send: Send = (token, method, path, body) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const target = new URL(path, url);
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method,
          path: `${target.pathname}${target.search}`,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // keep the text for the error message
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', reject);
      req.end(payload);
    });
  return { send, close: () => agent.destroy() };
}

async function signIn(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/auth/local/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'propdesk' }),
  });
  if (!res.ok) throw new Error(`signing in ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { idToken: string }).idToken;
}

/** The demo's 静安悦府 front desk and technician, and a page of its rooms. */
async function demoDesk(url: string, send: Send): Promise<Desk> {
  const frontDeskToken = await signIn(url, 'frontdesk.shja@demo.propdesk.cn');
  const technicianToken = await signIn(url, 'tech.shja@demo.propdesk.cn');
  const me = (await send(frontDeskToken, 'GET', '/api/directory/me')).body as {
    properties: { id: string }[];
  };
  const tech = (await send(technicianToken, 'GET', '/api/directory/me')).body as { staff: { id: string } };
  const propertyId = me.properties[0]!.id;
  const units = (await send(frontDeskToken, 'GET', `/api/directory/properties/${propertyId}/units?limit=100`))
    .body as { items: { id: string; roomCode: string }[] };
  if (!units.items?.length) throw new Error('the demo property has no units');
  return { propertyId, frontDeskToken, technicianToken, technicianId: tech.staff.id, units: units.items };
}

/**
 * Sustained load: `clients` front-desk clients at once for 60 s against the local host (DynamoDB Local
 * in memory, demo company), each one request at a time — record repairs, search rooms, take repairs
 * through their steps, poll the inbox, read the ledger. Then every acknowledged write is read back.
 */
const load: BenchModule = async (ctx: BenchContext) => {
  const host = await startLocalHost({ root: ctx.root, log: ctx.log });
  ctx.onCleanup(host.stop);
  const { send, close } = sender(host.url);
  ctx.onCleanup(close);
  try {
    const desk = await demoDesk(host.url, send);
    const acknowledged = acknowledgedWrites();
    const started = performance.now();
    const end = started + durationMs;
    const outcomes = await Promise.all(
      Array.from({ length: clients }, (_, i) =>
        runClient(send, desk, {
          rng: seededRandom(1000 + i),
          more: (done) => done < maxRequestsPerClient && performance.now() < end,
          acknowledged,
        }),
      ),
    );
    const elapsedS = (performance.now() - started) / 1000;
    const requests = outcomes.reduce((n, o) => n + o.requests, 0);
    const errors = outcomes.flatMap((o) => o.errors);
    for (const e of errors.slice(0, 5)) ctx.log(`load error: ${e}`);
    const lost = await lostWrites(send, desk, acknowledged);
    for (const l of lost.slice(0, 5)) ctx.log(`lost write: ${l}`);
    const latencies = outcomes.flatMap((o) => o.latenciesMs);
    return {
      'load.clients': clients,
      'load.duration_s': round(elapsedS, 1),
      'load.requests': requests,
      'load.requests_per_s': round(requests / elapsedS),
      'load.p50_ms': round(percentile(latencies, 50)),
      'load.p95_ms': round(percentile(latencies, 95)),
      'load.errors': errors.length,
      'load.acknowledged_writes': acknowledged.contacts.size + acknowledged.tickets.size,
      'load.lost_writes': lost.length,
    };
  } finally {
    close();
    await host.stop();
  }
};

export default load;
