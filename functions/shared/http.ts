import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { Hono } from 'hono/tiny';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { validator } from 'hono/validator';
import type * as z from 'zod/mini';
import { $ZodError } from 'zod/v4/core';
import { assertPermission, withActor } from './actor.ts';
import { authenticate } from './auth.ts';
import { trackDbUsage } from './db.ts';
import { AppError, badRequest } from './errors.ts';
import { logger } from './log.ts';
import { errorSchema } from './openapi.ts';
import type { Permission } from './permissions.ts';
import { isUnavailable } from './unavailable.ts';
import { zodMessages } from './zod-messages.ts';

zodMessages();

/** What the platform knows about a route: enough to generate the tenant-isolation and security tests. */
export interface RouteMeta {
  domain: string;
  method: string;
  /** Full path in OpenAPI form, e.g. /api/directory/properties/{propertyId}/units/{unitId} */
  path: string;
  permission: Permission | 'public' | 'signedIn';
  /** A request that writes: the tenant tests also prove it wrote nothing. */
  writes: boolean;
  /** It takes a request body (the bad-input tests break it). */
  hasBody: boolean;
}

const errorBody = (code: string, message: string, details?: unknown) => ({
  error: { code, message, details: details ?? null },
});

const zodIssues = (error: $ZodError) =>
  error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }));

/** Seconds a client should wait before trying again after a 503. */
export const retryAfterSeconds = 1;

export const unavailableBody = errorBody(
  'unavailable',
  'The service is briefly unavailable; please try again in a moment',
);

export function errorResponse(c: Context, error: unknown) {
  if (error instanceof AppError) return c.json(error.toJSON(), error.status);
  if (isUnavailable(error)) {
    logger.warn('Database unavailable', { error: error as Error, path: c.req.path });
    return c.json(unavailableBody, 503, { 'Retry-After': String(retryAfterSeconds) });
  }
  if (error instanceof $ZodError) {
    return c.json(errorBody('invalid_input', 'The request is not valid', zodIssues(error)), 400);
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code = status === 413 ? 'payload_too_large' : 'bad_request';
    return c.json(errorBody(code, error.message || 'Bad request'), status);
  }
  logger.error('Unhandled error', { error: error as Error, path: c.req.path });
  return c.json(errorBody('internal', 'Something went wrong on our side'), 500);
}

const maxBodyBytes = 256 * 1024;
/** A limit as people read it: "4 MB", "256 KB". */
const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${+(bytes / 1024).toFixed(1)} KB`;

/** Client errors a route may document beyond the ones its traits imply. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 503;

type Schema = z.ZodMiniType;
type Content = Record<string, { schema: Schema }>;

/** A route as a domain declares it: what it validates, and what its OpenAPI operation says. */
export interface RouteConfig {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI form below the domain's base path, e.g. /properties/{propertyId}/units */
  path: string;
  request?: {
    params?: Schema;
    query?: Schema;
    /** Only `application/json` content is parsed and validated; other types the handler reads itself. */
    body?: { content: Content; required?: boolean; description?: string };
  };
  responses: Record<number, { description: string; content?: Content; headers?: Record<string, unknown> }>;
}

export interface RouteDeclaration {
  /** camelCase, in the domain's words: a generated client's method name. */
  operationId: string;
  summary: string;
  permission: RouteMeta['permission'];
  maxBodyBytes?: number;
  /** What the route adds to, or says more precisely than, the standard error responses. */
  errors?: Partial<Record<ErrorStatus, string>>;
}

type Out<S> = S extends Schema ? z.output<S> : never;
type Request<R extends RouteConfig> = NonNullable<R['request']>;
type JsonBody<B> = B extends { content: { 'application/json': { schema: infer S } } } ? Out<S> : never;

/** What `c.req.valid(...)` answers in a route's handler: its parsed params, query and JSON body. */
interface ValidInput<R extends RouteConfig> {
  in: object;
  out: {
    param: Out<Request<R>['params']>;
    query: Out<Request<R>['query']>;
    json: JsonBody<Request<R>['body']>;
  };
}

/** A declared route, as the OpenAPI document is made from it. */
export interface DeclaredRoute extends RouteConfig {
  operationId: string;
  summary: string;
  tags: string[];
  security?: [];
}

/** What a route's handler gets: the request, validated as its declaration says. */
type Handler<R extends RouteConfig> = (
  c: Context<object, string, ValidInput<R>>,
) => Response | Promise<Response>;

/**
 * Routes whose handlers live in a module imported on the group's first request (`Domain.lazy`): declared
 * like any other route, so validation, permissions and the OpenAPI document are the same; the handler also
 * gets the loaded module.
 */
export interface RouteGroup<M> {
  route<R extends RouteConfig>(
    config: R & RouteDeclaration,
    handler: (c: Context<object, string, ValidInput<R>>, module: M) => Response | Promise<Response>,
  ): void;
}

export interface Domain {
  name: string;
  /** Where its routes live: /api/<name>, or /api for the platform's. */
  basePath: string;
  app: Hono;
  routes: RouteMeta[];
  declarations: DeclaredRoute[];
  /** Registers a route that runs only for a verified caller holding `permission`. */
  route<R extends RouteConfig>(config: R & RouteDeclaration, handler: Handler<R>): void;
  /**
   * A group of routes used rarely enough that their code should not be part of the cold start: `load`
   * is an `import()` of the module with their handlers, so esbuild makes it a chunk of its own, read
   * by the first request to one of them (after its validation and permission check).
   */
  lazy<M>(load: () => Promise<M>): RouteGroup<M>;
}

const errorResponseOf = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
});

/**
 * The error responses a route's traits imply, so that each declaration names only what is special:
 * every route may get a bad request and a database that is unavailable; a signed-in route, a missing or
 * refused sign-in; a path id, a record that is not there (or is another property's); a write, a
 * conflicting change; a body, one that is too large.
 */
function standardErrors(config: RouteConfig & RouteDeclaration) {
  const signedIn = config.permission !== 'public';
  const writes = config.method !== 'get';
  const statuses: Partial<Record<ErrorStatus, string>> = {
    400: 'The path, query or body is not valid; error.details lists each problem',
    ...(signedIn && { 401: 'No sign-in token, or one that is not valid' }),
    ...(signedIn && {
      403: 'The caller’s account is disabled or its roles do not allow this',
    }),
    ...(config.path.includes('{') && {
      404: 'Not found, or not in a property the caller works in',
    }),
    ...(writes && {
      409: 'The record was changed by someone else since its `version` was read, or the change conflicts with the records as they are now',
    }),
    ...(config.request?.body && { 413: 'The request body is too large' }),
    503: 'The database is not available right now; try again after Retry-After seconds',
    ...config.errors,
  };
  return Object.fromEntries(
    Object.entries(statuses).map(([status, description]) => [
      status,
      status === '503'
        ? {
            ...errorResponseOf(description),
            headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
          }
        : errorResponseOf(description),
    ]),
  );
}

/**
 * Measures the request's DynamoDB usage and reports it as Server-Timing, read by the benchmarks. Only
 * where SERVER_TIMING=on (the local host and the bench set it): in AWS a client would learn the call
 * counts and capacity of every request.
 */
export const dbTiming: MiddlewareHandler = async (c, next) => {
  if (process.env.SERVER_TIMING !== 'on') return next();
  const { usage } = await trackDbUsage(async () => {
    await next();
  });
  c.header(
    'Server-Timing',
    `ddb;dur=${usage.ms.toFixed(2)};desc="calls=${usage.calls} rcu=${usage.readUnits} wcu=${usage.writeUnits}"`,
  );
};

/**
 * A domain's HTTP app, the same object on Lambda (hono/aws-lambda) and in the local host
 * (@hono/node-server). Validation errors, auth and permissions are handled here once. Its routes live
 * under /api/<name> unless `basePath` says otherwise (the platform's /api/health).
 */
export function createDomain(name: string, basePath = `/api/${name}`): Domain {
  const app = new Hono().basePath(basePath) as unknown as Hono;
  app.use('*', dbTiming);
  app.onError((error, c) => errorResponse(c, error));
  app.notFound((c) => c.json(errorBody('not_found', `No route ${c.req.method} ${c.req.path}`), 404));
  const domain: Domain = {
    name,
    basePath,
    app,
    routes: [],
    declarations: [],
    route(config, handler) {
      const {
        permission,
        maxBodyBytes: limit,
        errors: _errors,
        operationId,
        summary,
        ...routeConfig
      } = config;
      const { request } = routeConfig;
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
            `The request body is larger than ${size(limit ?? maxBodyBytes)}`,
            { maxBytes: limit ?? maxBodyBytes },
          );
        },
      });
      const checks: MiddlewareHandler[] = [];
      if (request?.params) checks.push(validated('param', request.params));
      if (request?.query) checks.push(validated('query', request.query));
      const json = request?.body?.content['application/json']?.schema;
      if (json) checks.push(validated('json', json));
      app.on(
        routeConfig.method.toUpperCase(),
        routeConfig.path.replace(/\{(\w+)\}/g, ':$1'),
        sizeLimit,
        guard,
        ...checks,
        handler as never,
      );
      domain.declarations.push({
        ...routeConfig,
        operationId,
        summary,
        tags: [name],
        ...(permission === 'public' && { security: [] }),
        responses: { ...standardErrors(config), ...routeConfig.responses },
      });
      domain.routes.push({
        domain: name,
        method: routeConfig.method.toUpperCase(),
        path: `${basePath}${routeConfig.path}`,
        permission,
        writes: routeConfig.method !== 'get',
        hasBody: Boolean(request?.body),
      });
    },
    lazy(load) {
      let loading: ReturnType<typeof load> | undefined;
      // A failed import is not kept: the next request to the group tries again.
      const loaded = () => {
        loading ??= load().catch((cause: unknown) => {
          loading = undefined;
          throw new Error(`A route module of the ${name} domain did not load`, { cause });
        });
        return loading;
      };
      return {
        route: (config, handler) => domain.route(config, async (c) => handler(c, await loaded())),
      };
    },
  };
  return domain;
}

/** Validates one part of the request with its schema; a failure is the platform's 400 `invalid_input`. */
const validated = (target: 'param' | 'query' | 'json', schema: Schema) =>
  validator(target, (value, c) => {
    const result = schema.safeParse(value);
    if (!result.success) {
      return c.json(errorBody('invalid_input', 'The request is not valid', zodIssues(result.error)), 400);
    }
    return result.data as never;
  }) as unknown as MiddlewareHandler;

export const invalidId = (what: string) => badRequest('invalid_id', `${what} id is not valid`);
