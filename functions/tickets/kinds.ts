/**
 * The ticket machines as the dashboard needs them: labels (zh/en) of kinds, states, actions and SLA
 * clocks, and each action's input as a list of form fields derived from its zod schema, so that the
 * web never keeps a second copy of either.
 */
import * as z from 'zod/mini';
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

type JsonSchema = {
  type?: string;
  enum?: string[];
  format?: string;
  pattern?: string;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
};

const staffFields = new Set(['technicianId', 'assigneeId']);

function fieldOf(name: string, s: JsonSchema, required: boolean): FormField {
  const base = { name, required };
  if (s.type === 'boolean') return { ...base, type: 'boolean' };
  if (s.type === 'string' && s.enum) return { ...base, type: 'choice', options: s.enum };
  if (s.type === 'string' && s.format === 'date-time') return { ...base, type: 'datetime' };
  if (s.type === 'string' && s.pattern?.includes('[0-9a-z]')) {
    return { ...base, type: staffFields.has(name) ? 'staff' : 'attachment' };
  }
  if (s.type === 'string') {
    return { ...base, type: (s.maxLength ?? 0) > 500 ? 'longText' : 'text', maxLength: s.maxLength };
  }
  if (s.type === 'integer') return { ...base, type: name.endsWith('Cents') ? 'cents' : 'integer' };
  if (s.type === 'number') return { ...base, type: 'number' };
  if (s.type === 'object') return { ...base, type: 'object', fields: fieldsOf(s) };
  if (s.type === 'array' && s.items?.type === 'object')
    return { ...base, type: 'list', fields: fieldsOf(s.items) };
  return { ...base, type: 'attachments' };
}

function fieldsOf(schema: JsonSchema): FormField[] {
  return Object.entries(schema.properties ?? {}).map(([name, s]) =>
    fieldOf(name, s, schema.required?.includes(name) ?? false),
  );
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
          fields: fieldsOf(z.toJSONSchema(def.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema),
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
