import type { BenchModule } from './context.ts';
import type { DbTiming } from './http.ts';
import { withSignedInHost } from './local-host.ts';
import { median, round } from './stats.ts';

const warmupCreates = 20;
const measuredCreates = 100;

interface Page<T> {
  items: T[];
}

/**
 * Recording a contact that opens a repair, through the local host's HTTP API (signed in, DynamoDB Local
 * in memory, demo company): end-to-end latency against the DynamoDB time the server reports, and the
 * write units one create consumes (contact, ticket, timeline entry, day counters, gauge, audit entry).
 */
const tickets: BenchModule = (ctx) =>
  withSignedInHost(ctx, async (client) => {
    const me = await client.call<{ properties: { id: string }[] }>('GET', '/api/directory/me');
    const propertyId = me.body.properties[0]?.id;
    if (!propertyId) throw new Error('the demo account sees no property: was the demo seeded?');
    const units = await client.call<Page<{ id: string }>>(
      'GET',
      `/api/directory/properties/${propertyId}/units?limit=20`,
    );
    if (!units.body.items.length) throw new Error('the demo property has no units');

    const create = async (i: number) => {
      const unit = units.body.items[i % units.body.items.length]!;
      const res = await client.call('POST', `/api/tickets/properties/${propertyId}/contacts`, {
        time: new Date().toISOString(),
        channel: 'phone',
        caller: { name: '王芳', phone: '13812345678' },
        unitId: unit.id,
        category: 'repair',
        summary: '卫生间下水管漏水',
      });
      if (res.status !== 201)
        throw new Error(`recording a repair: ${res.status} ${JSON.stringify(res.body)}`);
      if (!res.serverTiming || Number.isNaN(res.serverTiming.ms))
        throw new Error('recording a repair: no "Server-Timing: ddb;dur=..." header in the response');
      return { ms: res.ms, timing: res.serverTiming };
    };
    for (let i = 0; i < warmupCreates; i++) await create(i);
    const endToEnd: number[] = [];
    const timings: DbTiming[] = [];
    for (let i = 0; i < measuredCreates; i++) {
      const { ms, timing } = await create(i);
      endToEnd.push(ms);
      timings.push(timing);
    }
    const p50 = median(endToEnd);
    const ddbP50 = median(timings.map((t) => t.ms));
    const wcu = median(timings.map((t) => t.wcu));
    if (wcu === 0) ctx.log('warning: a create reported 0 WCU — the capacity capture is broken');
    return {
      'tickets.create_overhead_ratio': round(p50 / ddbP50),
      'tickets.create_p50_ms': round(p50),
      'tickets.create_ddb_p50_ms': round(ddbP50),
      'tickets.wcu_per_create': round(wcu),
      'tickets.ddb_requests_per_create': round(median(timings.map((t) => t.calls))),
    };
  });

export default tickets;
