import type { BenchModule } from './context.ts';
import type { DbTiming, Timed } from './http.ts';
import { withSignedInHost } from './local-host.ts';
import { median, percentile, round } from './stats.ts';

const warmupRequests = 40;
const measuredRequests = 200;
const samplesPerRead = 5;

interface Me {
  properties: { id: string; code: string }[];
}
interface Page<T> {
  items: T[];
}
interface Building {
  id: string;
  code: string;
  floors: number;
}
interface Unit {
  id: string;
  propertyId: string;
}

/** A fixed pseudo-random sequence, so every run asks the same questions. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function requireTiming(res: Timed, what: string): DbTiming {
  if (!res.serverTiming || Number.isNaN(res.serverTiming.ms)) {
    throw new Error(`${what}: no "Server-Timing: ddb;dur=..." header in the response`);
  }
  return res.serverTiming;
}

/**
 * The directory API through the local host (HTTP, signed in, DynamoDB Local in memory, demo company):
 * end-to-end latency against the DynamoDB time the server itself reports, and per-read DynamoDB cost.
 */
const api: BenchModule = (ctx) =>
  withSignedInHost(ctx, async (client) => {
    // Discover what to ask for: every property's buildings, room searches "<building>-<floor>", unit ids.
    const me = await client.call<Me>('GET', '/api/directory/me');
    const properties = me.body.properties;
    if (properties.length === 0) throw new Error('the demo account sees no property: was the demo seeded?');
    const candidates: string[] = [];
    for (const p of properties) {
      const buildings = await client.call<Page<Building>>(
        'GET',
        `/api/directory/properties/${p.id}/buildings`,
      );
      for (const b of buildings.body.items) {
        for (let floor = 1; floor <= b.floors; floor++) {
          candidates.push(
            `/api/directory/properties/${p.id}/units?room=${encodeURIComponent(`${b.code}-${floor}`)}`,
          );
        }
      }
    }
    const random = seeded(20261123);
    const searches = candidates
      .map((c) => ({ c, k: random() }))
      .sort((a, b) => a.k - b.k)
      .slice(0, 40)
      .map((x) => x.c);
    const details: string[] = [];
    let emptySearches = 0;
    for (const path of searches) {
      const res = await client.call<Page<Unit>>('GET', path);
      if (res.body.items.length === 0) emptySearches += 1;
      for (const u of res.body.items.slice(0, 2)) {
        details.push(`/api/directory/properties/${u.propertyId}/units/${u.id}`);
      }
    }
    if (details.length === 0)
      throw new Error('no room search found a unit: the seed or the search is broken');
    if (emptySearches > searches.length / 2) {
      ctx.log(`warning: ${emptySearches}/${searches.length} room searches found nothing`);
    }

    // The front-desk read: a room search, then the unit's detail — alternating.
    const directoryRead = (i: number) =>
      i % 2 === 0 ? searches[(i / 2) % searches.length]! : details[((i - 1) / 2) % details.length]!;
    for (let i = 0; i < warmupRequests; i++) await client.call('GET', directoryRead(i));
    const endToEnd: number[] = [];
    const dynamo: number[] = [];
    for (let i = 0; i < measuredRequests; i++) {
      const path = directoryRead(i);
      const res = await client.call('GET', path);
      endToEnd.push(res.ms);
      dynamo.push(requireTiming(res, path).ms);
    }
    const readP50 = median(endToEnd);
    const ddbP50 = median(dynamo);

    // What each main read costs in DynamoDB (the Server-Timing the handler measured).
    const firstProperty = properties[0]!.id;
    const reads: Record<string, (i: number) => string> = {
      me: () => '/api/directory/me',
      overview: () => '/api/directory/overview',
      unit_search: (i) => searches[i % searches.length]!,
      unit_detail: (i) => details[i % details.length]!,
      households_page: (i) =>
        `/api/directory/properties/${properties[i % properties.length]!.id}/households?limit=50`,
      buildings: () => `/api/directory/properties/${firstProperty}/buildings`,
    };
    const out: Record<string, number> = {
      'api.read_p50_ms': round(readP50),
      'api.read_p95_ms': round(percentile(endToEnd, 95)),
      'api.ddb_p50_ms': round(ddbP50),
      'api.overhead_ratio': round(readP50 / ddbP50),
    };
    if (readP50 < ddbP50) {
      ctx.log(
        'warning: the end-to-end median is below the DynamoDB median: Server-Timing dur sums overlapping calls ' +
          '(Promise.all) instead of measuring wall time in DynamoDB, so api.overhead_ratio is understated',
      );
    }
    for (const [name, path] of Object.entries(reads)) {
      const timings: DbTiming[] = [];
      for (let i = 0; i < samplesPerRead; i++) {
        const p = path(i);
        timings.push(requireTiming(await client.call('GET', p), p));
      }
      const calls = median(timings.map((t) => t.calls));
      const rcu = median(timings.map((t) => t.rcu));
      if (calls > 0 && rcu === 0) {
        ctx.log(
          `warning: ${name} made ${calls} DynamoDB calls but reported 0 RCU — the capacity capture is broken`,
        );
      }
      out[`api.ddb_requests_per_call.${name}`] = round(calls);
      out[`api.rcu_per_call.${name}`] = round(rcu);
    }
    return out;
  });

export default api;
