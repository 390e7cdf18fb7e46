import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domains, platformDeclaration } from '../../functions/domains.ts';
import { createPlatform } from '../../functions/platform/app.ts';
import { trustLocalKeys } from '../../functions/shared/auth.ts';
import { createLocalIssuer } from '../../infra/local/issuer.ts';
import { securityHeaders } from '../../infra/security-headers.ts';
import { app, call } from '../support/api.ts';
import { makeProperty, type PropertyWorld } from '../support/world.ts';

let world: PropertyWorld;
const keyDir = mkdtempSync(join(tmpdir(), 'propdesk-keys-'));
let signWith: (times: { iat?: number; exp?: number }) => Promise<string>;

beforeAll(async () => {
  world = await makeProperty('PF');
  // A second key the host trusts beside its own, whose private half this test holds: it signs tokens
  // the local sign-in never would (no exp, a week-long lifetime).
  const served = (await (await app.request('/auth/local/.well-known/jwks.json')).json()) as { keys: JWK[] };
  const keyFile = join(keyDir, 'key.json');
  const mine = await createLocalIssuer({
    issuer: process.env.AUTH_ISSUER!,
    audience: process.env.AUTH_AUDIENCE!,
    keyFile,
  });
  trustLocalKeys({ keys: [...served.keys, ...mine.jwks.keys] } as never);
  const privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  const key = await importJWK(privateJwk, 'RS256');
  const staff = world.staff.front_desk;
  signWith = async ({ iat, exp }) => {
    const jwt = new SignJWT({ email: staff.email, token_use: 'id' })
      .setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid! })
      .setSubject(staff.id)
      .setIssuer(process.env.AUTH_ISSUER!)
      .setAudience(process.env.AUTH_AUDIENCE!);
    if (iat !== undefined) jwt.setIssuedAt(iat);
    if (exp !== undefined) jwt.setExpirationTime(exp);
    return jwt.sign(key);
  };
});
afterAll(() => rmSync(keyDir, { recursive: true, force: true }));

describe('platform', () => {
  it('anyone: the health check says the database is reachable, and nothing about where it is', async () => {
    const reply = await call(undefined, 'GET', '/api/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'ok', database: 'reachable' });
  });

  it('anyone: the OpenAPI document needs a sign-in', async () => {
    const reply = await call(undefined, 'GET', '/api/openapi.json');
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('front desk: the OpenAPI document lists every domain’s routes and the health check', async () => {
    const reply = await call<{ paths: Record<string, unknown> }>(
      world.tokens.front_desk,
      'GET',
      '/api/openapi.json',
    );
    expect(reply.status).toBe(200);
    const paths = Object.keys(reply.body.paths);
    expect(paths).toContain('/api/health');
    for (const domain of domains) {
      expect(
        paths.some((p) => p.startsWith(`/api/${domain.name}/`)),
        domain.name,
      ).toBe(true);
    }
  });

  it('operator: the gateway routes exactly the platform routes the app answers', () => {
    const platform = createPlatform(async () => []);
    expect(
      platform.routes.map((r) => ({ method: r.method, path: r.path, public: r.permission === 'public' })),
    ).toEqual(platformDeclaration.routes);
  });
});

describe('sign-in tokens', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const me = (token: string) => call(token, 'GET', '/api/directory/me');

  it('anyone: a token that never expires is refused', async () => {
    const reply = await me(await signWith({ iat: now() }));
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('anyone: a token valid for longer than 12 hours is refused, even while it is still valid', async () => {
    const reply = await me(await signWith({ iat: now(), exp: now() + 13 * 3600 }));
    expect(reply.status).toBe(401);
  });

  it('front desk: a token of an ordinary lifetime signed by the same key gets in', async () => {
    const reply = await me(await signWith({ iat: now(), exp: now() + 3600 }));
    expect(reply.status).toBe(200);
  });
});

describe('security headers', () => {
  const expected = securityHeaders({}, { https: false });

  it('anyone: the local host sends the headers CloudFront sends, on API answers, errors and pages', async () => {
    for (const path of ['/api/health', '/api/openapi.json', '/api/nowhere', '/config.json', '/']) {
      const reply = await app.request(path);
      for (const [name, value] of Object.entries(expected)) {
        expect(reply.headers.get(name), `${path} ${name}`).toBe(value);
      }
      expect(reply.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('anyone: behind a TLS proxy the local host adds HSTS', async () => {
    const reply = await app.request('/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(reply.headers.get('strict-transport-security')).toMatch(/^max-age=\d+; includeSubDomains$/);
  });
});

describe('server timing', () => {
  it('front desk: DynamoDB cost goes out only where configuration turns it on', async () => {
    const path = `/api/directory/properties/${world.property.id}/units?room=3-15`;
    const saved = process.env.SERVER_TIMING;
    try {
      process.env.SERVER_TIMING = 'on';
      expect((await call(world.tokens.front_desk, 'GET', path)).headers.get('server-timing')).toMatch(
        /^ddb;dur=/,
      );
      delete process.env.SERVER_TIMING;
      const reply = await call(world.tokens.front_desk, 'GET', path);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('server-timing')).toBeNull();
    } finally {
      process.env.SERVER_TIMING = saved;
    }
  });
});
