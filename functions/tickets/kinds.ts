/**
 * The ticket machines as the dashboard needs them: labels (zh/en) of kinds, states, actions and SLA
 * clocks, and each action's input as a list of form fields derived from its zod schema, so that the
 * web never keeps a second copy of either.
 */
import type * as z from 'zod/mini';
import { machines } from './machines/index.ts';
import type { AnyMachine } from './machines/machine.ts';

export type FieldType =
  | 'boolean'
  | 'choice'
  | 'datetime'
  | 'staff'
  | 'text'
  | 'longText'
  | 'cents'
  | 'integer'
  | 'number'
  | 'object'
  | 'list'
  | 'attachment'
  | 'attachments';

export interface FormField {
  name: string;
  type: FieldType;
  required: boolean;
  options?: string[];
  maxLength?: number;
  fields?: FormField[];
}

/** What a form needs of a zod/mini schema, read from its definition (zod's JSON Schema code stays off the cold start). */
interface SchemaDef {
  type: string;
  innerType?: z.ZodMiniType;
  in?: z.ZodMiniType;
  element?: z.ZodMiniType;
  shape?: Record<string, z.ZodMiniType>;
  entries?: Record<string, string>;
  format?: string;
  checks?: { _zod: { def: { check: string; maximum?: number; format?: string; pattern?: RegExp } } }[];
}
const defOf = (schema: z.ZodMiniType) => schema._zod.def as unknown as SchemaDef;

/** The schema under optional/default/nullable/pipe wrappers, and whether a form must fill it. */
function unwrap(schema: z.ZodMiniType): { def: SchemaDef; required: boolean } {
  let def = defOf(schema);
  let required = true;
  for (;;) {
    if (def.type === 'optional' || def.type === 'default') required = false;
    const inner = def.type === 'pipe' ? def.in : def.innerType;
    if (!inner || !['optional', 'default', 'nullable', 'pipe'].includes(def.type)) return { def, required };
    def = defOf(inner);
  }
}

const checkOf = (def: SchemaDef, check: string) =>
  def.checks?.find((c) => c._zod.def.check === check)?._zod.def;

const staffFields = new Set(['technicianId', 'assigneeId']);

function fieldOf(name: string, schema: z.ZodMiniType): FormField {
  const { def, required } = unwrap(schema);
  const base = { name, required };
  if (def.type === 'boolean') return { ...base, type: 'boolean' };
  if (def.type === 'enum') return { ...base, type: 'choice', options: Object.values(def.entries ?? {}) };
  if (def.type === 'string' && def.format === 'datetime') return { ...base, type: 'datetime' };
  if (def.type === 'string' && checkOf(def, 'string_format')?.pattern?.source.includes('[0-9a-z]')) {
    return { ...base, type: staffFields.has(name) ? 'staff' : 'attachment' };
  }
  if (def.type === 'string') {
    const maxLength = checkOf(def, 'max_length')?.maximum;
    return { ...base, type: (maxLength ?? 0) > 500 ? 'longText' : 'text', maxLength };
  }
  if (def.type === 'number' && (def.format === 'safeint' || checkOf(def, 'number_format'))) {
    return { ...base, type: name.endsWith('Cents') ? 'cents' : 'integer' };
  }
  if (def.type === 'number') return { ...base, type: 'number' };
  if (def.type === 'object') return { ...base, type: 'object', fields: fieldsOf(schema) };
  if (def.type === 'array' && def.element && unwrap(def.element).def.type === 'object') {
    return { ...base, type: 'list', fields: fieldsOf(def.element) };
  }
  return { ...base, type: 'attachments' };
}

function fieldsOf(schema: z.ZodMiniType): FormField[] {
  return Object.entries(unwrap(schema).def.shape ?? {}).map(([name, field]) => fieldOf(name, field));
}

function describe(machine: AnyMachine) {
  return {
    kind: machine.kind,
    label: machine.label,
    initial: machine.initial,
    states: machine.states,
    slas: Object.fromEntries(
      Object.entries(machine.slas as Record<string, { label: unknown }>).map(([k, v]) => [
        k,
        { label: v.label },
      ]),
    ),
    actions: Object.fromEntries(
      Object.entries(machine.actions as Record<string, AnyMachine['create']>).map(([name, def]) => [
        name,
        {
          label: def.label,
          fields: fieldsOf(def.input),
        },
      ]),
    ),
  };
}

let described: Record<string, ReturnType<typeof describe>> | undefined;

export function ticketKinds() {
  described ??= Object.fromEntries(Object.entries(machines).map(([kind, m]) => [kind, describe(m)]));
  return described;
}
