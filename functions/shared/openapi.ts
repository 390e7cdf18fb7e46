import { z } from '@hono/zod-openapi';

/** Response and body helpers every domain's route declarations share. */

/** The one shape of every 4xx and 5xx answer. */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'stale_version' }),
      message: z.string(),
      /** Each problem of a bad request, the record that conflicts, or null. */
      details: z.unknown(),
    }),
  })
  .openapi('Error');

/** A page of a list: the next page is asked for with `cursor` (null on the last page). */
export const page = <S extends z.ZodType>(item: S) =>
  z.object({ items: z.array(item), cursor: z.string().nullable() });

export type Page<T> = Omit<z.infer<ReturnType<typeof page>>, 'items'> & { items: T[] };

export const ok = <S extends z.ZodType>(schema: S, description: string, status = 200) => ({
  [status]: { description, content: { 'application/json': { schema } } },
});

export const jsonBody = <S extends z.ZodType>(schema: S) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

/** Stored on every record the API returns. */
export const stamped = {
  id: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
};
