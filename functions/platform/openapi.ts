import * as z from 'zod/mini';
import { domains as declarations, platformDeclaration } from '../domains.ts';
import type { DeclaredRoute, Domain } from '../shared/http.ts';
import { components } from '../shared/openapi.ts';

type Json = Record<string, unknown>;
type Io = 'input' | 'output';

const titleOf = (name: string) =>
  [...declarations, platformDeclaration].find((d) => d.name === name)?.title ?? name;

const ref = '#/components/schemas/';

/**
 * JSON Schema of the declared zod schemas, with every named schema (`components`, `id`) made a
 * component and referred to by `$ref`. A component is written the way it is first met: as a request
 * reads it (`input`: defaults make fields optional) or as a response carries it (`output`).
 */
function schemaWriter() {
  const named: Record<string, Json> = {};
  const write = (schema: z.ZodMiniType, io: Io): Json => {
    const {
      $schema: _,
      $defs,
      ...json
    } = z.toJSONSchema(schema, {
      metadata: components,
      io,
      unrepresentable: 'any',
      // An answer may carry more than its schema names (a client must not refuse it): only strict
      // objects say `additionalProperties: false`.
      override: ({ zodSchema, jsonSchema }) => {
        const def = zodSchema._zod.def as { type: string; catchall?: unknown };
        if (def.type === 'object' && def.catchall === undefined) delete jsonSchema.additionalProperties;
        // An integer's safe range is what JSON numbers are anyway: said only when a schema narrows it.
        if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
        if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
      },
    }) as Json & { $defs?: Record<string, Json> };
    const local = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', `"${ref}`));
    for (const [id, definition] of Object.entries($defs ?? {})) named[id] ??= local(definition);
    return local(json);
  };
  return { write, named };
}

/** One OpenAPI parameter per property of a path or query object schema. */
function parameters(
  write: (s: z.ZodMiniType, io: Io) => Json,
  schema: z.ZodMiniType | undefined,
  where: 'path' | 'query',
) {
  if (!schema) return [];
  const object = write(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    schema: property,
    required: where === 'path' || (object.required ?? []).includes(name),
    name,
    in: where,
  }));
}

function operation(write: (s: z.ZodMiniType, io: Io) => Json, route: DeclaredRoute) {
  const content = (types: Record<string, { schema: z.ZodMiniType }>, io: Io) =>
    Object.fromEntries(
      Object.entries(types).map(([type, { schema }]) => [type, { schema: write(schema, io) }]),
    );
  const params = [
    ...parameters(write, route.request?.params, 'path'),
    ...parameters(write, route.request?.query, 'query'),
  ];
  const body = route.request?.body;
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: route.tags,
    ...(route.security && { security: route.security }),
    ...(params.length > 0 && { parameters: params }),
    ...(body && {
      requestBody: {
        required: body.required ?? false,
        ...(body.description && { description: body.description }),
        content: content(body.content, 'input'),
      },
    }),
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, response]) => [
        status,
        {
          description: response.description,
          ...(response.headers && { headers: response.headers }),
          ...(response.content && { content: content(response.content, 'output') }),
        },
      ]),
    ),
  };
}

/**
 * The OpenAPI 3.1 document of every domain, merged: generated from the same zod schemas that validate.
 * Pure, so that each host (the local one, a Lambda) serves the same document and a test lints it.
 * It is made only when asked for: zod's JSON Schema code is loaded with this module, off the cold start.
 */
export function openApiDocument(domains: readonly Domain[]) {
  const { write, named } = schemaWriter();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const domain of domains) {
    for (const route of domain.declarations) {
      const path = `${domain.basePath}${route.path}`;
      paths[path] ??= {};
      paths[path][route.method] = operation(write, route);
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'PropDesk API',
      version: '0.1.0',
      description:
        '物业前台 PropDesk: front desk and customer service for property-management companies. ' +
        'Every route but the health check needs a Bearer ID token; every error answers `{ error: { code, message, details } }`.',
    },
    servers: [{ url: '/', description: 'The dashboard’s own origin (CloudFront in AWS, the local host)' }],
    security: [{ bearer: [] }],
    tags: domains.map((domain) => ({ name: domain.name, description: titleOf(domain.name) })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The ID token' },
      },
      schemas: named,
    },
  };
}
