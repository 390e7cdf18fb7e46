import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { platformDeclaration } from '../../functions/domains.ts';
import { createPlatform } from '../../functions/platform/app.ts';
import { withActor } from '../../functions/shared/actor.ts';
import { loadActorByEmail } from '../../functions/shared/auth.ts';
import { AppError, unauthorized } from '../../functions/shared/errors.ts';
import type { Domain } from '../../functions/shared/http.ts';
import { errorResponse } from '../../functions/shared/http.ts';
import { companyListStore, propertyStore } from '../../functions/shared/store.ts';
import { indexKeys, keys } from '../../functions/shared/table.ts';
import { securityHeaders } from '../security-headers.ts';
import { companyActor } from './company-actor.ts';
import { localFiles } from './files.ts';
import type { LocalIssuer } from './issuer.ts';
import { demoDomain, demoPassword } from './seed.ts';
import { webFiles } from './web-files.ts';

const signIn = z.strictObject({
  email: z.email(),
  password: z.string().check(z.minLength(1), z.maxLength(200)),
});

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const docsPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>PropDesk API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/start.js"></script></body></html>`;
// A file, not an inline script: the CSP allows scripts from 'self' only. The document is for signed-in
// staff: the page borrows the dashboard's token from this tab's session storage (web/src/state.ts).
const docsStart = `const token = sessionStorage.getItem('propdesk.idToken');
SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui', persistAuthorization: true,
  requestInterceptor: (request) => { if (token) request.headers.Authorization = 'Bearer ' + token; return request; } });`;

/**
 * The local host's HTTP surface: the same domain apps as in Lambda under /api, plus what only the
 * local host has — the demo sign-in, its JWKS, the API reference and the built dashboard.
 */
export function createLocalApp(options: { domains: Domain[]; issuer: LocalIssuer; webDir: string }) {
  const { domains, issuer, webDir } = options;
  const app = new Hono();
  app.onError((error, c) => errorResponse(c, error));
  app.use('*', async (c, next) => {
    await next();
    // The headers CloudFront adds in AWS; HSTS only when a TLS proxy in front says the request was HTTPS.
    const https = c.req.header('x-forwarded-proto') === 'https';
    for (const [name, value] of Object.entries(securityHeaders({}, { https }))) c.header(name, value);
  });

  const platform = createPlatform(async () => domains);
  for (const route of platformDeclaration.routes) {
    app.on(route.method, route.path, (c) => platform.app.fetch(c.req.raw));
  }
  app.get('/api/docs', (c) => c.html(docsPage));
  app.get('/api/docs/assets/start.js', (c) => c.body(docsStart, 200, { 'content-type': 'text/javascript' }));
  app.get('/api/docs/assets/:file{swagger-ui(-bundle\\.js|\\.css)}', (c) => {
    const file = c.req.param('file');
    return c.body(readFileSync(join(swaggerDir, file)), 200, {
      'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript',
    });
  });
  for (const domain of domains) {
    app.all(`/api/${domain.name}/*`, (c) => domain.app.fetch(c.req.raw));
    app.all(`/api/${domain.name}`, (c) => domain.app.fetch(c.req.raw));
  }
  app.route('/', localFiles());
  app.all('/api/*', (c) =>
    c.json({ error: { code: 'not_found', message: `No route ${c.req.path}`, details: null } }, 404),
  );

  app.get('/config.json', (c) => c.json({ auth: { mode: 'local' }, stage: 'local' }));
  app.get('/auth/local/.well-known/jwks.json', (c) => c.json(issuer.jwks));
  app.post('/auth/local/sign-in', async (c) => {
    const input = signIn.parse(await c.req.json().catch(() => ({})));
    // Only "no such (active) account" means a wrong e-mail; a database failure answers 503.
    const actor = await loadActorByEmail(input.email.toLowerCase()).catch((error) => {
      if (error instanceof AppError) return undefined;
      throw error;
    });
    if (!actor || input.password !== demoPassword) throw unauthorized('Wrong e-mail or password');
    const idToken = await issuer.signIdToken({ sub: actor.staffId, email: input.email.toLowerCase() });
    return c.json({ idToken, expiresIn: 8 * 3600 });
  });
  app.get('/auth/local/accounts', async (c) =>
    c.json(
      await withActor(companyActor, async () => {
        const logins = await companyListStore().query<{
          email: string;
          name: string;
          roles: string[];
          propertyIds: string[];
        }>({
          index: 'lookup',
          partition: indexKeys.staffByLogin('').lookupPk,
          limit: 100,
        });
        const demo = logins.items.filter((s) => s.email.endsWith(`@${demoDomain}`));
        const propertyIds = [...new Set(demo.flatMap((s) => s.propertyIds))];
        const names = new Map(
          (
            await Promise.all(
              propertyIds.map((p) => propertyStore(p).get<{ id: string; name: string }>(keys.property(p))),
            )
          ).map((p) => [p?.id, p?.name]),
        );
        return demo.map((s) => ({
          email: s.email,
          name: s.name,
          roles: s.roles,
          properties: s.propertyIds.map((p) => names.get(p) ?? p),
        }));
      }),
    ),
  );

  const dashboard = webFiles(webDir);
  // As the distribution's viewer-request function does: a path without a file extension is a dashboard
  // route and gets the app shell; a missing file is a 404.
  app.get('*', async (c) => {
    const path = c.req.path;
    const isRoute = path.lastIndexOf('.') <= path.lastIndexOf('/');
    const served = await dashboard(c, isRoute ? '/index.html' : path);
    if (served) return served;
    if (isRoute) return c.text('The dashboard is not built: run `npm run build:web`.', 503);
    return c.text('Not found', 404);
  });
  return app;
}
