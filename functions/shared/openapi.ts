import { z } from '@hono/zod-openapi';

/** Response and body helpers every domain's route declarations share. */
export const recordSchema = z.record(z.string(), z.unknown()).openapi('Record');
export const pageSchema = z
  .object({ items: z.array(recordSchema), cursor: z.string().nullable() })
  .openapi('Page');

export const ok = (schema: z.ZodType, description: string, status = 200) => ({
  [status]: { description, content: { 'application/json': { schema } } },
});

export const jsonBody = <S extends z.ZodType>(schema: S) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
