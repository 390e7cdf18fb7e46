import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { validator } from 'hono/validator';
import { config, type output, type ZodMiniType } from 'zod/mini';
import { $ZodError } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';
import { assertPermission, withActor } from '../../../functions/shared/actor.ts';
import { authenticate } from '../../../functions/shared/auth.ts';
import { trackDbUsage } from '../../../functions/shared/db.ts';
import { AppError } from '../../../functions/shared/errors.ts';
import type { RouteMeta } from '../../../functions/shared/http.ts';
import { logger } from '../../../functions/shared/log.ts';

// zod classic sets the English messages as it loads; zod/mini leaves that to us (one locale, not all).
config(en());

const errorBody = (code: string, message: string, details?: unknown) => ({
  error: { code, message, details: details ?? null },
});

const zodIssues = (error: $ZodError) =>
  error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }));

const invalid = (error: $ZodError) =>
  errorBody('invalid_input', 'The request is not valid', zodIssues(error));

export function errorResponse(c: Context, error: unknown) {
  if (error instanceof AppError) return c.json(error.toJSON(), error.status);
  if (error instanceof $ZodError) return c.json(invalid(error), 400);
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code = status === 413 ? 'payload_too_large' : 'bad_request';
    return c.json(errorBody(code, error.message || 'Bad request'), status);
  }
  logger.error('Unhandled error', { error: error as Error, path: c.req.path });
  return c.json(errorBody('internal', 'Something went wrong on our side'), 500);
}

const maxBodyBytes = 256 * 1024;

type Schema = ZodMiniType;
type Out<S> = S extends Schema ? output<S> : undefined;

/** A route as the domains declare it today, with zod/mini schemas: the OpenAPI document is made from it on demand. */
export interface LeanRouteConfig<P, Q, B> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  permission: RouteMeta['permission'];
  maxBodyBytes?: number;
  request?: { params?: P; query?: Q; body?: B };
  responses: Record<number, { description: string; schema: Schema }>;
}

export interface LeanInput<P, Q, B> {
  in: object;
  out: { param: Out<P>; query: Out<Q>; json: Out<B> };
}

export interface LeanDomain {
  name: string;
  app: Hono;
  routes: RouteMeta[];
  declarations: LeanRouteConfig<Schema | undefined, Schema | undefined, Schema | undefined>[];
  route<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined>(
    config: LeanRouteConfig<P, Q, B>,
    handler: (c: Context<object, string, LeanInput<P, Q, B>>) => Response | Promise<Response>,
  ): void;
}

const dbTiming: MiddlewareHandler = async (c, next) => {
  const { usage } = await trackDbUsage(async () => {
    await next();
  });
  c.header(
    'Server-Timing',
    `ddb;dur=${usage.ms.toFixed(2)};desc="calls=${usage.calls} rcu=${usage.readUnits} wcu=${usage.writeUnits}"`,
  );
};

/** Validates one part of the request with its schema; a failure is the platform's 400. */
const validated = (target: 'param' | 'query' | 'json', schema: Schema) =>
  validator(target, (value, c) => {
    const result = schema.safeParse(value);
    if (!result.success) return c.json(invalid(result.error), 400);
    return result.data as never;
  }) as unknown as MiddlewareHandler;

/** The same domain app as functions/shared/http.ts, on plain Hono and zod/mini. */
export function createLeanDomain(name: string): LeanDomain {
  const app = new Hono().basePath(`/api/${name}`) as unknown as Hono;
  app.use('*', dbTiming);
  app.onError((error, c) => errorResponse(c, error));
  app.notFound((c) => c.json(errorBody('not_found', `No route ${c.req.method} ${c.req.path}`), 404));
  const domain: LeanDomain = {
    name,
    app,
    routes: [],
    declarations: [],
    route(config, handler) {
      const { permission, maxBodyBytes: limit, request } = config;
      const guard: MiddlewareHandler = async (c, next) => {
        if (permission === 'public') return next();
        const actor = await authenticate(c.req.header('authorization'));
        if (permission !== 'signedIn') assertPermission(permission, actor);
        c.set('actor' as never, actor as never);
        await withActor(actor, next);
      };
      const sizeLimit = bodyLimit({
        maxSize: limit ?? maxBodyBytes,
        onError: () => {
          throw new AppError(
            413,
            'payload_too_large',
            `The request body is larger than ${limit ?? maxBodyBytes} bytes`,
          );
        },
      });
      const checks: MiddlewareHandler[] = [];
      if (request?.params) checks.push(validated('param', request.params));
      if (request?.query) checks.push(validated('query', request.query));
      if (request?.body) checks.push(validated('json', request.body));
      const honoPath = config.path.replace(/\{(\w+)\}/g, ':$1');
      app.on(config.method.toUpperCase(), honoPath, sizeLimit, guard, ...checks, handler as never);
      domain.declarations.push(config);
      domain.routes.push({
        domain: name,
        method: config.method.toUpperCase(),
        path: `/api/${name}${config.path}`,
        permission,
        writes: config.method !== 'get',
        hasBody: Boolean(request?.body),
      });
    },
  };
  return domain;
}

/** The domain's OpenAPI document, made when someone asks for it: the generator is a chunk of its own. */
export async function openApiDocument(domains: LeanDomain[]) {
  const { buildDocument } = await import('./openapi-doc.ts');
  return buildDocument(domains);
}
