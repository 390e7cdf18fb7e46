import type * as z from 'zod/mini';
import { zodMessages } from './zod-messages.ts';

zodMessages();

/**
 * A domain function whose input is parsed by its schema before it runs, whoever calls it (a route,
 * the importer, the seeder). A ZodError becomes a 400 at the HTTP edge.
 */
export function fn<S extends z.ZodMiniType, R>(schema: S, handler: (input: z.output<S>) => R) {
  const wrapped = (input: z.input<S>): R => handler(schema.parse(input));
  wrapped.schema = schema;
  return wrapped;
}
