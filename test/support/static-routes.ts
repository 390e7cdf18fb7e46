import { domains } from '../../functions/domains.ts';

/** Route metadata without a database: loading a domain app only declares its routes. */
export async function declaredRoutes() {
  process.env.AUTH_ISSUER ??= 'http://127.0.0.1:1/auth/local';
  process.env.AUTH_AUDIENCE ??= 'propdesk-test';
  return (await Promise.all(domains.map((d) => d.load()))).flatMap((d) => d.routes);
}
