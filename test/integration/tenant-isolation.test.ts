import { beforeAll, describe, expect, it } from 'vitest';
import { allRoutes, app, call } from '../support/api.ts';
import { footprint, leaked, secretsOf } from '../support/footprint.ts';
import { exampleBody, fillPath, pathIds } from '../support/routes.ts';
import { makeProperty, type PropertyWorld, type WorldPeople } from '../support/world.ts';

/**
 * Generated from the route lists: every route of every domain, and every route only the local host
 * has, called by every role of property A with property B's ids, must refuse (403/404), give away
 * nothing of B (no id, name or phone number of it), and write nothing of B (every item of B's
 * partitions is the same afterwards). A route added later is covered here without a new test.
 */
let a: PropertyWorld;
let b: PropertyWorld;
let secrets: string[];
/** B's footprint as last read: a call that wrote anything of B makes the next read differ. */
let lastFootprint: string;

const bPeople: WorldPeople = {
  buildingName: '九号楼',
  householdName: '赵静怡',
  householdPhone: '13700001111',
  staffPhone: '13600002222',
  hotline: '021-87654321',
  infoTitle: '辖区消防站',
  infoPhone: '021-55550119',
};

beforeAll(async () => {
  [a, b] = await Promise.all([makeProperty('TA'), makeProperty('TB', bPeople)]);
  secrets = secretsOf(b, bPeople);
  lastFootprint = await footprint(b);
});

/** B's footprint now, and the one before: read before any assertion, so a failure is this call's. */
async function footprintOfB() {
  const before = lastFootprint;
  lastFootprint = await footprint(b);
  return { before, after: lastFootprint };
}

const staffRoles = [
  'front_desk',
  'property_manager',
  'technician',
  'finance',
  'security',
  'service_lead',
] as const;
const roleNames = {
  front_desk: 'front desk',
  property_manager: 'property manager',
  technician: 'technician',
  finance: 'finance',
  security: 'security',
  service_lead: 'service team lead',
};

/**
 * The local host's own routes (sign-in, JWKS, health, API reference, its stand-in for S3), from the
 * app itself: everything but the domain mounts and the dashboard's catch-all.
 */
const domainMount = new RegExp(
  `^/api/(${[...new Set(allRoutes.map((r) => r.path.split('/')[2]))].join('|')})(/|$)`,
);
const localRoutes = [
  ...new Map(
    app.routes
      .filter((r) => r.method !== 'ALL' && !domainMount.test(r.path) && !['*', '/*'].includes(r.path))
      .map((r) => [`${r.method} ${r.path}`, r]),
  ).values(),
];

/** B's ids for the local routes' parameters; a new parameter without one fails the test. */
function fillLocalPath(path: string): string {
  const values: Record<string, string> = {
    propertyId: b.property.id,
    attachmentId: b.attachmentId,
    variant: 'original',
    file: 'swagger-ui.css',
  };
  return path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) => {
    const value = values[name];
    if (!value) throw new Error(`No fixture for :${name} of local route ${path}`);
    return value;
  });
}

describe.each(staffRoles)('%s of property A', (role) => {
  const protectedRoutes = allRoutes.filter((r) => r.permission !== 'public');

  it.each(protectedRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    `${roleNames[role]}: cannot reach property B's records through %s`,
    async (_, route) => {
      const { body, raw, type } = exampleBody(route, b);
      const reply = await call(a.tokens[role], route.method, fillPath(route, pathIds(b)), body, {
        ...(raw !== undefined ? { rawBody: raw, contentType: type } : {}),
      });
      const footprints = await footprintOfB();
      if (route.path.includes('{')) {
        expect(reply.status, JSON.stringify(reply.body)).toBeOneOf([403, 404]);
      } else {
        // Routes without ids answer from the caller's own scope (or refuse): never with B's records.
        expect(reply.status, JSON.stringify(reply.body)).toBeOneOf([200, 403, 404]);
      }
      expect(leaked(reply.body, secrets)).toEqual([]);
      expect(footprints.after, 'an item of property B changed').toBe(footprints.before);
    },
  );

  it.each(localRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    `${roleNames[role]}: the local host's %s gives away and writes nothing of property B`,
    async (name, route) => {
      const path = fillLocalPath(route.path);
      // The sign-in is tried with B's account and a wrong password; the upload stand-in gets no form.
      const body =
        name === 'POST /auth/local/sign-in'
          ? { email: b.staff[role].email, password: 'not-the-demo-one' }
          : undefined;
      const reply = await call(a.tokens[role], route.method, path, body);
      const footprints = await footprintOfB();
      expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(500);
      if (path.includes(b.property.id)) expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(leaked(reply.body, secrets)).toEqual([]);
      expect(footprints.after, 'an item of property B changed').toBe(footprints.before);
    },
  );
});

it('the local host has routes of its own, and each is covered above', () => {
  const names = localRoutes.map((r) => `${r.method} ${r.path}`);
  expect(names).toEqual(
    expect.arrayContaining(['GET /api/health', 'POST /auth/local/sign-in', 'GET /auth/local/accounts']),
  );
});

it('no route is left without a permission', () => {
  expect(allRoutes.length).toBeGreaterThan(20);
  for (const route of allRoutes) expect(route.permission, `${route.method} ${route.path}`).toBeTruthy();
});

it('anyone without a token: every protected route answers 401', async () => {
  for (const route of allRoutes.filter((r) => r.permission !== 'public')) {
    const reply = await call(undefined, route.method, fillPath(route, pathIds(a)));
    expect(reply.status, `${route.method} ${route.path}`).toBe(401);
    expect(reply.body).toMatchObject({ error: { code: 'unauthorized' } });
  }
});
