import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import type { RouteMeta } from '../../functions/shared/http.ts';
import { errorSchema } from '../../functions/shared/openapi.ts';
import { call, loadedDomains } from '../support/api.ts';
import { exampleBody, fillPath, pathIds } from '../support/routes.ts';
import { makeHeadOffice, makeProperty, type PropertyWorld } from '../support/world.ts';

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
    const schema = schemaOf(route, reply.status);
    expect(schema, `status ${reply.status} is not documented: ${JSON.stringify(reply.body)}`).toBeDefined();
    const parsed = schema!.safeParse(reply.body);
    expect(parsed.error?.issues ?? [], JSON.stringify(reply.body).slice(0, 400)).toEqual([]);
    if (reply.status >= 400) expect(errorSchema.safeParse(reply.body).success).toBe(true);
    statuses.push(reply.status);
  });
});
