import { toJSONSchema, type ZodMiniType } from 'zod/mini';
import type { LeanDomain } from './http.ts';
import { components } from './schemas.ts';

const ref = (id: string) => `#/components/schemas/${id}`;

/** A schema's JSON Schema, named schemas as references to the document's components. */
function jsonSchema(schema: ZodMiniType, io: 'input' | 'output'): Record<string, unknown> {
  const named = components.get(schema)?.id;
  if (named) return { $ref: ref(named) };
  const {
    $schema: _,
    $defs: __,
    ...rest
  } = toJSONSchema(schema, {
    metadata: components,
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest).replaceAll('"#/$defs/', `"${ref('')}`));
}

/** Query and path parameters: one OpenAPI parameter per property of the object schema. */
function parameters(schema: ZodMiniType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}

/** OpenAPI 3.1 from the route declarations, with the named schemas as components. */
export function buildDocument(domains: LeanDomain[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const domain of domains) {
    for (const route of domain.declarations) {
      const path = `/api/${domain.name}${route.path}`;
      paths[path] ??= {};
      paths[path][route.method] = {
        parameters: [
          ...parameters(route.request?.params, 'path'),
          ...parameters(route.request?.query, 'query'),
        ],
        ...(route.request?.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: jsonSchema(route.request.body, 'input') } },
              },
            }
          : {}),
        responses: Object.fromEntries(
          Object.entries(route.responses).map(([status, { description, schema }]) => [
            status,
            { description, content: { 'application/json': { schema: jsonSchema(schema, 'output') } } },
          ]),
        ),
      };
    }
  }
  const named = toJSONSchema(components, { uri: ref, unrepresentable: 'any' }).schemas;
  for (const schema of Object.values(named)) delete (schema as { $schema?: string }).$schema;
  return {
    openapi: '3.1.0',
    info: { title: 'PropDesk API', version: '0.1.0' },
    paths,
    components: { schemas: named },
  };
}
