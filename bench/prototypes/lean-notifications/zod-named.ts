import { object, undefined as undefinedSchema } from 'zod/mini';

/**
 * What the real modules take from `z`, by name: a namespace import of zod/mini keeps all of zod (every
 * locale, ≈ 400 KB) in the bundle, named imports only what they use. The rewrite imports by name.
 */
export const z = { object, undefined: undefinedSchema };
