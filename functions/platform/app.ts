import * as z from 'zod/mini';
import { platformDeclaration } from '../domains.ts';
import { databaseReachable } from '../shared/db.ts';
import { createDomain, type Domain, retryAfterSeconds, unavailableBody } from '../shared/http.ts';
import { components, errorSchema, ok } from '../shared/openapi.ts';
import type { openApiDocument } from './openapi.ts';

const health = z
  .object({ status: z.enum(['ok', 'degraded']), database: z.enum(['reachable', 'unreachable']) })
  .register(components, { id: 'Health' });

/** The outline of an OpenAPI 3.1 document; its parts are the specification's, not ours to type. */
const openApiDocumentSchema = z
  .object({
    openapi: z.string(),
    info: z.object({ title: z.string(), version: z.string(), description: z.optional(z.string()) }),
    paths: z.record(z.string(), z.record(z.string(), z.unknown())),
    components: z.record(z.string(), z.unknown()),
  })
  .register(components, { id: 'OpenApiDocument' });

/**
 * What belongs to no domain: the health check (public) and the API's OpenAPI document (signed-in
 * staff), at the API's root. `documented` lists the domains whose routes the document describes; the
 * platform adds its own. The same app runs in the platform Lambda and in the local host.
 */
export function createPlatform(documented: () => Promise<Domain[]>): Domain {
  const platform = createDomain(platformDeclaration.name, '/api');
  platform.route(
    {
      method: 'get',
      path: '/health',
      operationId: 'getHealth',
      permission: 'public',
      summary: 'Whether the API can reach its database',
      responses: {
        ...ok(health, 'The database answers'),
        ...ok(
          z.extend(health, errorSchema.shape).register(components, { id: 'HealthUnavailable' }),
          'The database cannot be reached; try again after Retry-After seconds',
          503,
        ),
      },
    },
    async (c) => {
      // Nothing about the database's address or the error: the route is public.
      if (await databaseReachable()) return c.json({ status: 'ok', database: 'reachable' } as const, 200);
      c.header('Retry-After', String(retryAfterSeconds));
      return c.json({ status: 'degraded', database: 'unreachable', ...unavailableBody } as const, 503);
    },
  );
  let document: ReturnType<typeof openApiDocument> | undefined;
  platform.route(
    {
      method: 'get',
      path: '/openapi.json',
      operationId: 'getOpenApiDocument',
      permission: 'signedIn',
      summary: 'The OpenAPI 3.1 document of every route',
      responses: ok(openApiDocumentSchema, 'The OpenAPI document'),
    },
    async (c) => {
      // Made at the first request, not at start: it loads every domain and zod's JSON Schema code.
      const { openApiDocument } = await import('./openapi.ts');
      document ??= openApiDocument([...(await documented()), platform]);
      return c.json(document, 200);
    },
  );
  return platform;
}
