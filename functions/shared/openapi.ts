import * as z from 'zod/mini';

/** Response and body helpers every domain's route declarations share. */

/**
 * What the OpenAPI document says of a schema beyond its shape: `id` makes it a named component (a
 * `$ref` wherever it is used), `example` and `format` go into its JSON Schema as they are.
 */
export interface SchemaMeta {
  id?: string;
  example?: unknown;
  format?: string;
  description?: string;
}

/** The named schemas and their examples, read only when the OpenAPI document is made. */
export const components = z.registry<SchemaMeta>();

/** The one shape of every 4xx and 5xx answer. */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().register(components, { example: 'stale_version' }),
      message: z.string(),
      /** Each problem of a bad request, the record that conflicts, or null. */
      details: z.unknown(),
    }),
  })
  .register(components, { id: 'Error' });

/** A page of a list: the next page is asked for with `cursor` (null on the last page). */
export const page = <S extends z.ZodMiniType>(item: S) =>
  z.object({ items: z.array(item), cursor: z.nullable(z.string()) });

export type Page<T> = Omit<z.infer<ReturnType<typeof page>>, 'items'> & { items: T[] };

export const ok = <S extends z.ZodMiniType>(schema: S, description: string, status = 200) => ({
  [status]: { description, content: { 'application/json': { schema } } },
});

export const jsonBody = <S extends z.ZodMiniType>(schema: S) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

/** Stored on every record the API returns. */
export const stamped = {
  id: z.string(),
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
};
