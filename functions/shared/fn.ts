import type { z } from 'zod';

/**
 * A domain function whose input is parsed by its schema before it runs, whoever calls it (a route,
 * the importer, the seeder). A ZodError becomes a 400 at the HTTP edge.
 */
export function fn<S extends z.ZodType, R>(schema: S, handler: (input: z.output<S>) => R) {
  const wrapped = (input: z.input<S>): R => handler(schema.parse(input));
  wrapped.schema = schema;
  return wrapped;
}
