import fc from 'fast-check';
import { openApiDocument } from '../../functions/platform/openapi.ts';
import type { RouteMeta } from '../../functions/shared/http.ts';
import { matrix, type Permission, type Role } from '../../functions/shared/permissions.ts';
import { companyPk, inboxPk, keys, propertyPrefix } from '../../functions/shared/table.ts';
import { call, loadedDomains, type Reply } from './api.ts';
import { footprint } from './faults-records.ts';
import { exampleBody, fillPath, pathIds } from './routes.ts';
import type { PropertyWorld } from './world.ts';

/**
 * Requests generated from the OpenAPI document for every operation: valid and boundary bodies from each
 * schema, and the ways a client gets it wrong — malformed JSON, wrong types, missing and unknown fields,
 * huge strings, emoji/RTL/NUL text, `__proto__`/`constructor` keys, odd path ids and query values — each
 * sent by a caller who may (the permission matrix) and one who may not. Checked: never a 5xx; a
 * rejection is a JSON error that changed no item; a caller who may not is refused.
 */

type Json = Record<string, unknown>;
interface Operation {
  parameters?: { name: string; in: string; schema: Json }[];
  requestBody?: { content: Record<string, { schema: Json }> };
}
const document = openApiDocument(loadedDomains) as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
};

export const variants = [
  'valid',
  'boundary',
  'malformed JSON',
  'wrong types',
  'missing field',
  'unknown field',
  'huge string',
  'odd text',
  'prototype keys',
  'odd path id',
  'odd query',
] as const;
export type Variant = (typeof variants)[number];

export interface FuzzCase {
  route: RouteMeta;
  variant: Variant;
  caller: 'may' | 'mayNot';
  path: string;
  body?: unknown;
  raw?: string;
  contentType?: string;
}

const oddTexts = [
  '\u0000',
  'a\u0000b',
  '\u202Eevil\u202C',
  'مرحبا بالعالم',
  'שלום',
  '👨‍👩‍👧‍👦🏠🔧',
  '\uD800',
  '\uFEFF',
  '<script>alert(1)</script>',
  "'; DROP TABLE propdesk; --",
  '../../etc/passwd',
  '$' + '{jndi:ldap://x}',
  '   ',
  '\t\r\n',
  'Ｗ王芳\u3000',
];
const oddIds = [
  '..',
  '%2e%2e',
  '%00',
  'a'.repeat(500),
  '%F0%9F%98%80',
  'NOT-AN-ID!',
  '0000unknown0000',
  '__proto__',
  'constructor',
  '%20',
  '..%2F..%2Fx',
  'P%23other',
];
const oddQueryValues = [
  '-1',
  '0',
  'abc',
  '1e309',
  '100000',
  '%00',
  '',
  '%E2%80%AE',
  'null',
  '[]',
  'a'.repeat(3000),
];
const wrongValues: unknown[] = [123, -1.5, true, null, [], {}, 'x', [{ a: 1 }], '9'.repeat(400)];
const unknownKeys = ['isAdmin', 'pk', 'sk', 'propertyId', 'version2', '$where', 'role'];

const resolve = (schema: Json): Json =>
  typeof schema.$ref === 'string' ? document.components.schemas[schema.$ref.split('/').pop()!]! : schema;

/** An arbitrary value of a JSON schema; `edge` picks lengths and numbers at (and just past) the bounds. */
function fromSchema(input: Json, ids: string[], edge: boolean, key = ''): fc.Arbitrary<unknown> {
  const schema = resolve(input);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const alternatives = (schema.oneOf ?? schema.anyOf) as Json[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((s) => fromSchema(s, ids, edge, key)));
  const type = Array.isArray(schema.type)
    ? (schema.type as string[])[0]
    : (schema.type as string | undefined);
  switch (type) {
    case 'string': {
      if (schema.format === 'date-time')
        return fc
          .date({
            min: new Date('2026-01-01T00:00:00Z'),
            max: new Date('2027-12-31T00:00:00Z'),
            noInvalidDate: true,
          })
          .map((d) => d.toISOString());
      if (schema.format === 'date' || key === 'day' || key.endsWith('Date'))
        return fc
          .date({
            min: new Date('2026-01-01T00:00:00Z'),
            max: new Date('2027-12-31T00:00:00Z'),
            noInvalidDate: true,
          })
          .map((d) => d.toISOString().slice(0, 10));
      if (key === 'email') return fc.emailAddress();
      if (typeof schema.pattern === 'string') {
        const matching = fc.stringMatching(new RegExp(schema.pattern));
        return schema.pattern === '^[0-9a-z]{4,40}$' ? fc.oneof(fc.constantFrom(...ids), matching) : matching;
      }
      const min = Number(schema.minLength ?? 0);
      const max = Number(schema.maxLength ?? 40);
      if (edge) return fc.constantFrom(min, Math.max(0, min - 1), max, max + 1).map((n) => '测'.repeat(n));
      return fc.string({ minLength: min, maxLength: Math.min(max, 40) });
    }
    case 'integer':
    case 'number': {
      const min = Number(schema.minimum ?? schema.exclusiveMinimum ?? -1_000_000);
      const max = Number(schema.maximum ?? schema.exclusiveMaximum ?? 1_000_000);
      if (edge) return fc.constantFrom(min, min - 1, max, max + 1, Number.MAX_SAFE_INTEGER, -0);
      return type === 'integer'
        ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
        : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = fromSchema((schema.items as Json) ?? {}, ids, false, key);
      const min = Number(schema.minItems ?? 0);
      const max = Math.min(Number(schema.maxItems ?? 5), 20);
      if (edge)
        return fc
          .constantFrom(min, max, max + 1)
          .chain((n) => fc.array(items, { minLength: n, maxLength: n }));
      return fc.array(items, { minLength: min, maxLength: Math.max(min, Math.min(max, 4)) });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Json>;
      const required = (schema.required ?? []) as string[];
      if (!Object.keys(properties).length)
        return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
      return fc.record(
        Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, fromSchema(s, ids, edge, k)])),
        { requiredKeys: required },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const operationOf = (route: RouteMeta) => document.paths[route.path]?.[route.method.toLowerCase()];

/** Callers in the world who hold and who lack the route's permission (never `security`: its record is the staff route's target). */
export interface Callers {
  world: PropertyWorld;
  other: PropertyWorld;
  headOffice: string;
}
const callerRoles: Exclude<Role, 'head_office'>[] = [
  'front_desk',
  'property_manager',
  'technician',
  'finance',
  'service_lead',
];

export function tokenFor(route: RouteMeta, who: 'may' | 'mayNot', callers: Callers): string | undefined {
  const { world, other, headOffice } = callers;
  if (route.permission === 'public') return undefined;
  if (route.permission === 'signedIn') return who === 'may' ? world.tokens.front_desk : undefined;
  const permission = route.permission as Permission;
  const holds = callerRoles.filter((r) => matrix[r].includes(permission));
  const lacks = callerRoles.filter((r) => !matrix[r].includes(permission));
  if (who === 'may') return holds[0] ? world.tokens[holds[0]] : headOffice;
  if (lacks[0]) return world.tokens[lacks[0]];
  // Everyone in the property may: someone of another property may not reach this one's records.
  return route.path.includes('{propertyId}') ? other.tokens[holds[0] ?? 'front_desk'] : undefined;
}

function withQuery(path: string, query: Record<string, string>) {
  const entries = Object.entries(query);
  return entries.length ? `${path}?${entries.map(([k, v]) => `${k}=${v}`).join('&')}` : path;
}

/** The cases of one route: `runs` of them, drawn with fast-check from `seed`. */
export function casesOf(route: RouteMeta, world: PropertyWorld, seed: number, runs: number): FuzzCase[] {
  const operation = operationOf(route);
  const ids = { ...pathIds(world), staffId: world.staff.security.id };
  const idList = [world.property.id, world.unit.id, world.household.id, world.building.id, world.ticket.id];
  const [contentType, media] = Object.entries(operation?.requestBody?.content ?? {})[0] ?? [];
  const json = contentType === 'application/json';
  const example = exampleBody(route, world);
  const valid = json ? (example.body as Json) : undefined;
  const queryParams = (operation?.parameters ?? []).filter((p) => p.in === 'query');
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const bodySchema = media ? resolve(media.schema) : undefined;

  const bodyArb = (edge: boolean): fc.Arbitrary<unknown> =>
    json && bodySchema
      ? fc.oneof(fc.constant(valid), fromSchema(bodySchema, idList, edge))
      : fc.constant(undefined);
  const queryArb = fc.record(
    Object.fromEntries(
      queryParams.map((p) => [p.name, fromSchema(p.schema, idList, false, p.name).map(String)]),
    ),
    { requiredKeys: [] },
  ) as fc.Arbitrary<Record<string, string>>;
  const mutate = (make: (body: Json) => fc.Arbitrary<Partial<FuzzCase>>) =>
    json && valid && typeof valid === 'object' && !Array.isArray(valid) ? make(valid) : fc.constant({});
  const stringKeys = Object.keys(valid ?? {}).filter((k) => typeof (valid as Json)[k] === 'string');
  const anyKey = Object.keys(valid ?? {});

  const byVariant: Record<Variant, fc.Arbitrary<Partial<FuzzCase>>> = {
    valid: fc.tuple(bodyArb(false), queryArb).map(([body, query]) => ({ body, query }) as never),
    boundary: bodyArb(true).map((body) => ({ body })),
    'malformed JSON': fc
      .constantFrom(
        '{',
        '{"version": 1,',
        '[1,2',
        'null',
        '"text"',
        '',
        'true',
        '{"a":1}}',
        '\u0000',
        '{"a":"\\ud800"}',
        '{"a":1,"a":2}',
      )
      .map((raw) => ({ raw })),
    'wrong types': mutate((body) =>
      anyKey.length
        ? fc
            .tuple(fc.constantFrom(...anyKey), fc.constantFrom(...wrongValues))
            .map(([k, v]) => ({ body: { ...body, [k]: v } }))
        : fc.constantFrom(...wrongValues).map((v) => ({ body: v })),
    ),
    'missing field': mutate((body) =>
      anyKey.length
        ? fc
            .constantFrom(...anyKey)
            .map((k) => ({ body: Object.fromEntries(Object.entries(body).filter(([key]) => key !== k)) }))
        : fc.constant({ body: {} }),
    ),
    'unknown field': mutate((body) =>
      fc
        .tuple(fc.constantFrom(...unknownKeys), fc.jsonValue({ maxDepth: 1 }))
        .map(([k, v]) => ({ body: { ...body, [k]: v } })),
    ),
    'huge string': mutate((body) =>
      fc
        .tuple(
          fc.constantFrom(...(stringKeys.length ? stringKeys : ['padding'])),
          fc.constantFrom(5_000, 70_000, 300_000),
        )
        .map(([k, n]) => ({ body: { ...body, [k]: '漏'.repeat(n) } })),
    ),
    'odd text': mutate((body) =>
      fc
        .tuple(fc.constantFrom(...(stringKeys.length ? stringKeys : ['note'])), fc.constantFrom(...oddTexts))
        .map(([k, t]) => ({ body: { ...body, [k]: t } })),
    ),
    'prototype keys': mutate((body) =>
      fc.constantFrom('__proto__', 'constructor', 'prototype').map((k) => ({
        raw: `{"${k}":{"isAdmin":true,"prototype":{"polluted":true}},${JSON.stringify(body).slice(1)}`,
      })),
    ),
    'odd path id': pathParams.length
      ? fc
          .tuple(fc.constantFrom(...pathParams), fc.constantFrom(...oddIds))
          .map(([name, id]) => ({ ids: { [name]: id } }) as never)
      : fc.constant({}),
    'odd query': queryParams.length
      ? fc
          .tuple(
            fc.constantFrom(...queryParams.map((p) => p.name), 'unknown'),
            fc.constantFrom(...oddQueryValues),
          )
          .map(([k, v]) => ({ query: { [k]: v } }) as never)
      : fc.constant({}),
  };
  const arb = fc
    .tuple(fc.constantFrom(...variants), fc.constantFrom<'may' | 'mayNot'>('may', 'mayNot'))
    .chain(([variant, caller]) => byVariant[variant].map((made) => ({ variant, caller, made })));
  return fc.sample(arb, { seed, numRuns: runs }).map(({ variant, caller, made }) => {
    const extra = made as Partial<FuzzCase> & {
      ids?: Record<string, string>;
      query?: Record<string, string>;
    };
    const path = withQuery(fillPath(route, { ...ids, ...extra.ids }), extra.query ?? {});
    const fuzzCase: FuzzCase = { route, variant, caller, path };
    if (route.method === 'GET') return fuzzCase; // a GET carries no body
    if (extra.raw !== undefined) fuzzCase.raw = extra.raw;
    else if (!json && contentType) fuzzCase.raw = example.raw ?? 'x';
    else if (extra.body !== undefined || json) fuzzCase.body = extra.body ?? valid;
    if (contentType)
      fuzzCase.contentType = json || extra.raw === undefined ? contentType : 'application/json';
    return fuzzCase;
  });
}

/**
 * What a request about `world` could change: the property's partitions, the company's audit entries and
 * unique values, the head-office list, the staff record the staff routes target and the front desk's
 * inbox. Equal before and after a rejected request means it wrote nothing.
 */
const touchable = (world: PropertyWorld) => [
  propertyPrefix(world.property.id),
  `${propertyPrefix(world.property.id)}#UNIQUE`,
  companyPk,
  'HEADOFFICE',
  'UNIQUE#login',
  'UNIQUE#property-code',
  keys.staff(world.staff.security.id).pk,
  inboxPk(world.staff.front_desk.id),
];

export interface FuzzReport {
  requests: number;
  fiveXx: string[];
  writesOnRejected: string[];
  /** A caller who may not got through, or a rejection without the JSON error shape, or a polluted prototype. */
  other: string[];
  byStatus: Record<number, number>;
}

export const emptyReport = (): FuzzReport => ({
  requests: 0,
  fiveXx: [],
  writesOnRejected: [],
  other: [],
  byStatus: {},
});

/** Sends the cases one at a time, fingerprinting the world before and after each so a rejected one that wrote is caught. */
export async function runCases(
  cases: FuzzCase[],
  callers: Callers,
  report = emptyReport(),
): Promise<FuzzReport> {
  const partitions = touchable(callers.world);
  let before = await footprint(partitions);
  for (const c of cases) {
    const token = tokenFor(c.route, c.caller, callers);
    const what = `${c.caller === 'may' ? 'allowed' : 'refused'} caller, ${c.variant}: ${c.route.method} ${c.path.slice(0, 120)}`;
    let reply: Reply;
    try {
      reply = await call(token, c.route.method, c.path, c.body, {
        ...(c.raw !== undefined ? { rawBody: c.raw } : {}),
        ...(c.contentType ? { contentType: c.contentType } : {}),
      });
    } catch (error) {
      report.fiveXx.push(`${what} → threw ${(error as Error).message}`);
      continue;
    }
    report.requests += 1;
    report.byStatus[reply.status] = (report.byStatus[reply.status] ?? 0) + 1;
    const brief = JSON.stringify(reply.body).slice(0, 200);
    if (reply.status >= 500) report.fiveXx.push(`${what} → ${reply.status} ${brief}`);
    if (({} as Json).isAdmin !== undefined || ({} as Json).polluted !== undefined)
      report.other.push(`${what} → polluted Object.prototype`);
    // A dot segment makes the path another route's (e.g. properties/../figures is the company figures).
    const otherRoute = /(^|\/)(\.\.|%2e%2e)(\/|$|\?)/i.test(c.path);
    if (c.caller === 'mayNot' && c.route.permission !== 'public' && reply.status < 400 && !otherRoute)
      report.other.push(`${what} → ${reply.status}: a caller who may not was not refused`);
    if (reply.status >= 400) {
      const error = (reply.body as { error?: { code?: unknown; message?: unknown } }).error;
      if (typeof error?.code !== 'string' || typeof error.message !== 'string')
        report.other.push(`${what} → ${reply.status} without the JSON error shape: ${brief}`);
      const after = await footprint(partitions);
      if (after !== before) report.writesOnRejected.push(`${what} → ${reply.status} but items changed`);
      before = after;
    } else if (c.route.writes) {
      before = await footprint(partitions);
    }
  }
  return report;
}
