import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import type { RouteMeta } from '../../functions/shared/http.ts';
import { errorSchema } from '../../functions/shared/openapi.ts';
import { ticketDetail } from '../../functions/tickets/schemas.ts';
import { call, loadedDomains } from '../support/api.ts';
import { billingFixtures } from '../support/billing.ts';
import { undocumentedKeys } from '../support/documented.ts';
import { exampleBody, fillPath, pathIds } from '../support/routes.ts';
import { deskContact, makeHeadOffice, makeProperty, type PropertyWorld } from '../support/world.ts';

/**
 * The documented answers are the real ones: every route is called on a property with one of each
 * record, and each answer is parsed with the zod schema its OpenAPI response was generated from — the
 * schema the dashboard's types are inferred from. A field the server stops sending, or a new shape,
 * fails here before a client generated from the document breaks.
 */
let world: PropertyWorld;
let token: string;

beforeAll(async () => {
  world = await makeProperty('OC');
  await billingFixtures(world);
  token = (await makeHeadOffice()).token;
});

type Responses = Record<string, { content?: Record<string, { schema: z.ZodMiniType }> }>;
const declared = new Map<string, Responses>();
for (const domain of loadedDomains) {
  for (const route of domain.declarations) {
    declared.set(
      `${route.method.toUpperCase()} /api/${domain.name}${route.path}`,
      route.responses as Responses,
    );
  }
}

const schemaOf = (route: RouteMeta, status: number) =>
  declared.get(`${route.method} ${route.path}`)?.[String(status)]?.content?.['application/json']?.schema;

const statuses: number[] = [];
afterAll(() => {
  // Most writes succeed on the example bodies; a few meet the state the reads left (e.g. already read).
  expect(statuses.filter((s) => s < 300).length).toBeGreaterThan(statuses.length * 0.7);
});

/** Reads first, then writes in declaration order; the reads see the world before anything moved. */
const routes = loadedDomains
  .flatMap((d) => d.routes)
  .sort((a, b) => Number(a.method !== 'GET') - Number(b.method !== 'GET'));

describe.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_, route) => {
  it('API client: head office gets the answer the document describes', async () => {
    const example = exampleBody(route, world);
    const reply = await call(
      token,
      route.method,
      fillPath(route, pathIds(world)),
      example.body,
      example.raw !== undefined ? { rawBody: example.raw, contentType: example.type } : {},
    );
    if (route.method === 'GET') expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    // A download (an Excel workbook) is documented by its media type rather than a JSON schema.
    const type = reply.headers.get('content-type')?.split(';')[0] ?? '';
    if (reply.status < 300 && !type.endsWith('json')) {
      const content = declared.get(`${route.method} ${route.path}`)?.[String(reply.status)]?.content;
      expect(Object.keys(content ?? {}), `${type} is not documented`).toContain(type);
      statuses.push(reply.status);
      return;
    }
    const schema = schemaOf(route, reply.status);
    expect(schema, `status ${reply.status} is not documented: ${JSON.stringify(reply.body)}`).toBeDefined();
    const parsed = schema!.safeParse(reply.body);
    expect(parsed.error?.issues ?? [], JSON.stringify(reply.body).slice(0, 400)).toEqual([]);
    if (reply.status >= 400) expect(errorSchema.safeParse(reply.body).success).toBe(true);
    statuses.push(reply.status);
  });
});

describe('tickets carried to their end', () => {
  type Acted = { ticket: { id: string; version: number } };
  const base = () => `/api/tickets/properties/${world.property.id}`;
  async function open(contact: Record<string, unknown>) {
    const reply = await call<Acted>(
      world.tokens.front_desk,
      'POST',
      `${base()}/contacts`,
      deskContact(world, contact),
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body.ticket;
  }
  async function take(ticket: Acted['ticket'], steps: [keyof PropertyWorld['tokens'], string, object][]) {
    let current = ticket;
    for (const [role, action, input] of steps) {
      const reply = await call<Acted>(
        world.tokens[role],
        'POST',
        `${base()}/tickets/${current.id}/actions/${action}`,
        {
          version: current.version,
          input,
        },
      );
      expect(reply.status, `${role} ${action}: ${JSON.stringify(reply.body)}`).toBe(200);
      current = reply.body.ticket;
    }
    const detail = await call(world.tokens.front_desk, 'GET', `${base()}/tickets/${current.id}`);
    expect(detail.status).toBe(200);
    expect(ticketDetail.safeParse(detail.body).error?.issues ?? []).toEqual([]);
    expect(undocumentedKeys(ticketDetail, detail.body)).toEqual([]);
  }
  const later = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

  it('API client: a repair through every step answers only fields its schema names, typed as named', async () => {
    const ticket = await open({ category: 'repair', summary: '厨房水龙头漏水' });
    await take(ticket, [
      ['front_desk', 'verify', { inScope: true, paidService: { quotedFeeCents: 5000, confirmed: false } }],
      ['front_desk', 'confirmFee', { confirmed: true, via: 'verbal' }],
      ['front_desk', 'dispatch', { technicianId: world.staff.technician.id, appointmentAt: later(2) }],
      ['technician', 'start', {}],
      ['technician', 'progress', { note: '等配件', expectedDurationMinutes: 90 }],
      [
        'technician',
        'complete',
        {
          workDone: '更换阀芯',
          materials: [{ name: '阀芯', quantity: 1, unit: '个' }],
          feeCents: 5000,
          photoIds: [],
        },
      ],
      ['technician', 'accept', { method: 'verbal', note: '业主确认' }],
      ['front_desk', 'followUp', { satisfied: true, comment: '满意' }],
      ['front_desk', 'close', {}],
    ]);
  });

  it('API client: a complaint through every step answers only fields its schema names', async () => {
    const ticket = await open({
      category: 'complaint',
      summary: '电梯停运',
      ticket: { category: 'facilities' },
    });
    await take(ticket, [
      ['front_desk', 'acknowledge', { note: '已致电' }],
      [
        'front_desk',
        'assign',
        { department: '工程部', assigneeId: world.staff.technician.id, deadlineAt: later(48) },
      ],
      ['technician', 'reply', { message: '明天检修', plan: '更换电机', expectedBy: later(24) }],
      ['front_desk', 'checkSolved', { solved: true, note: '已恢复' }],
      ['front_desk', 'callBack', { satisfied: true, comment: '满意' }],
      ['property_manager', 'review', { lesson: '巡检不足', improvement: '每周巡检' }],
      ['front_desk', 'close', {}],
    ]);
  });

  it('API client: an inquiry transferred and answered answers only fields its schema names', async () => {
    const ticket = await open({ category: 'inquiry', summary: '停车月卡怎么办理？' });
    await take(ticket, [
      ['front_desk', 'transfer', { department: '秩序部', note: '请答复', replyBy: later(24) }],
      ['front_desk', 'answer', { text: '到监控中心办理', source: 'department' }],
      ['front_desk', 'close', {}],
    ]);
  });
});
