import type * as z from 'zod/mini';

type Def = {
  type: string;
  shape?: Record<string, z.ZodMiniType>;
  element?: z.ZodMiniType;
  innerType?: z.ZodMiniType;
  options?: z.ZodMiniType[];
  valueType?: z.ZodMiniType;
  catchall?: z.ZodMiniType;
  in?: z.ZodMiniType;
  out?: z.ZodMiniType;
};
const defOf = (schema: z.ZodMiniType) => schema._zod.def as unknown as Def;

/**
 * Paths of `value` that `schema` does not name: parsing strips unknown keys of an open object, so a
 * field the server sends and the document forgets would pass a plain parse. A union is read by the
 * member that parses the value (for tickets, the one of its `kind`).
 */
export function undocumentedKeys(schema: z.ZodMiniType, value: unknown, path = ''): string[] {
  const def = defOf(schema);
  if (value === null || value === undefined) return [];
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return undocumentedKeys(def.innerType!, value, path);
    case 'pipe':
      return undocumentedKeys(def.in!, value, path);
    case 'union': {
      const member = def.options!.find((o) => o.safeParse(value).success);
      return member ? undocumentedKeys(member, value, path) : [`${path} (no member parses it)`];
    }
    case 'array':
      return Array.isArray(value)
        ? value.flatMap((v, i) => undocumentedKeys(def.element!, v, `${path}[${i}]`))
        : [];
    case 'record':
      return typeof value === 'object'
        ? Object.entries(value).flatMap(([k, v]) => undocumentedKeys(def.valueType!, v, `${path}.${k}`))
        : [];
    case 'object': {
      if (typeof value !== 'object') return [];
      const open = def.catchall && defOf(def.catchall).type !== 'never';
      return Object.entries(value).flatMap(([k, v]) => {
        const field = def.shape![k];
        if (field) return undocumentedKeys(field, v, `${path}.${k}`);
        return open ? [] : [`${path}.${k}`];
      });
    }
    default:
      return [];
  }
}
