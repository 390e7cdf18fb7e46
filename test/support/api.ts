import { domains } from '../../functions/domains.ts';
import { type Actor, withActor } from '../../functions/shared/actor.ts';
import { trustLocalKeys } from '../../functions/shared/auth.ts';
import type { Domain, RouteMeta } from '../../functions/shared/http.ts';
import { companyActor } from '../../infra/local/company-actor.ts';
import { createLocalIssuer } from '../../infra/local/issuer.ts';
import { createLocalApp } from '../../infra/local/server.ts';

process.env.AUTH_ISSUER = 'http://127.0.0.1:1/auth/local';
process.env.AUTH_AUDIENCE = 'propdesk-test';
// As in the local host: the tests read the DynamoDB cost of a response.
process.env.SERVER_TIMING ??= 'on';

const issuer = await createLocalIssuer({
  issuer: process.env.AUTH_ISSUER,
  audience: process.env.AUTH_AUDIENCE,
});
trustLocalKeys(issuer.jwks as never);

export const loadedDomains: Domain[] = await Promise.all(domains.map((d) => d.load()));
export const allRoutes: RouteMeta[] = loadedDomains.flatMap((d) => d.routes);

/** The same HTTP surface the local host serves (and, per domain, the Lambdas). */
export const app = createLocalApp({ domains: loadedDomains, issuer, webDir: '/nonexistent' });

export const tokenFor = (staff: { id: string; email: string }) =>
  issuer.signIdToken({ sub: staff.id, email: staff.email });

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = Record<string, unknown>>(
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  init: { rawBody?: string; contentType?: string } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  const payload = init.rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  if (payload !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
  const response = await app.request(path, { method, headers, body: payload });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/** The local seeder's company-wide actor: how tests set up properties, staff and records. */
export const asSystem = <T>(fn: () => Promise<T>) => withActor(companyActor, fn);
export const as = <T>(actor: Actor, fn: () => Promise<T>) => withActor(actor, fn);
