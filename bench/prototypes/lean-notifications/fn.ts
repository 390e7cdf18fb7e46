import type { input, output, ZodMiniType } from 'zod/mini';

/** functions/shared/fn.ts for zod/mini schemas: the input is parsed by its schema before the function runs. */
export function fn<S extends ZodMiniType, R>(schema: S, handler: (input: output<S>) => R) {
  const wrapped = (input: input<S>): R => handler(schema.parse(input) as output<S>);
  wrapped.schema = schema;
  return wrapped;
}
