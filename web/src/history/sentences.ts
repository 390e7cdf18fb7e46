/**
 * One sentence builder for a ticket's timeline and the audit trail, in the UI language:
 * "王芳 派工给 石平刚" / "Wang Fang dispatched to Shi Pinggang". Ids become names (the caller passes the
 * names it has), field names and enum values are translated, and no internal code (`ticket.close`,
 * `state: a → b`, `notify:breach@…`) reaches the screen: what has no sentence yet falls back to the
 * machine's own label, never to its code.
 */
import type { AuditEntry } from '../../../functions/contract.ts';
import { changedFields, displayValue } from '../format.ts';
import { entityLabel, fieldLabel, fieldValue, formatDateTime, lang, type MsgKey, t, tOr } from '../i18n.ts';
import { kinds, type TicketKind } from '../tickets/api.ts';
import { actionName, kindLabel, slaLabel } from '../tickets/labels.ts';

/** Staff names by id; a missing id reads "a colleague", never the id. */
export type Names = Readonly<Record<string, string>>;

export const systemStaffId = 'system';

export function personName(id: string | undefined, names: Names): string {
  if (!id) return t('history.someone');
  if (id === systemStaffId) return t('history.system');
  return names[id] ?? t('history.colleague');
}

type Input = Record<string, unknown>;

/**
 * The sentence variants of an action whose outcome depends on its input, and how to pick one. An action
 * not listed has one sentence. (The unit test asks every variant of every action for its sentence.)
 */
export const sentenceVariants: Record<string, { variants: string[]; pick: (i: Input) => string | null }> = {
  'repair.verify': {
    variants: ['inScope', 'paid', 'outOfScope'],
    pick: (i) => (!i.inScope ? 'outOfScope' : i.paidService ? 'paid' : 'inScope'),
  },
  'repair.confirmFee': {
    variants: ['confirmed', 'declined'],
    pick: (i) => (i.confirmed ? 'confirmed' : 'declined'),
  },
  'repair.dispatch': { variants: ['', 'withTime'], pick: (i) => (i.appointmentAt ? 'withTime' : null) },
  'repair.complete': { variants: ['', 'withFee'], pick: (i) => (Number(i.feeCents) > 0 ? 'withFee' : null) },
  'repair.followUp': {
    variants: ['satisfied', 'unsatisfied'],
    pick: (i) => (i.satisfied ? 'satisfied' : 'unsatisfied'),
  },
  'complaint.checkSolved': {
    variants: ['solved', 'unsolved'],
    pick: (i) => (i.solved ? 'solved' : 'unsolved'),
  },
  'complaint.callBack': {
    variants: ['satisfied', 'unsatisfied'],
    pick: (i) => (i.satisfied ? 'satisfied' : 'unsatisfied'),
  },
  'inquiry.transfer': { variants: ['', 'toPerson'], pick: (i) => (i.assigneeId ? 'toPerson' : null) },
};

/** The message key of an action's sentence for this input (variants as above). */
export function sentenceKey(kind: TicketKind, action: string, input: Input = {}): string {
  const variant = sentenceVariants[`${kind}.${action}`]?.pick(input);
  return `history.${kind}.${action}${variant ? `.${variant}` : ''}`;
}

const money = (cents: unknown) =>
  lang.value === 'en'
    ? `CNY ${(Number(cents) / 100).toFixed(2)}`
    : `${(Number(cents) / 100).toFixed(2)} ${t('ticket.yuan')}`;
const when = (iso: unknown, timeZone?: string) =>
  typeof iso === 'string' ? formatDateTime(iso, timeZone) : '';

/** What fills a sentence's placeholders, from the action's input; times on the property's clock. */
function sentenceVars(input: Input, by: string, names: Names, timeZone?: string): Record<string, string> {
  const paid = input.paidService as { quotedFeeCents?: number } | undefined;
  return {
    by,
    technician: personName(input.technicianId as string | undefined, names),
    assignee: personName(input.assigneeId as string | undefined, names),
    department: typeof input.department === 'string' ? input.department : '',
    time: when(input.appointmentAt ?? input.replyBy ?? input.deadlineAt, timeZone),
    fee: money(input.feeCents ?? paid?.quotedFeeCents ?? 0),
    via: tOr(`option.${input.via ?? input.confirmedVia}`, ''),
    method: tOr(`option.${input.method}`, ''),
  };
}

/** Inputs the sentence already says, or that are no one's business to read (ids, photos as ids). */
const said = new Set([
  'technicianId',
  'assigneeId',
  'department',
  'appointmentAt',
  'replyBy',
  'deadlineAt',
  'feeCents',
  'via',
  'method',
  'inScope',
  'confirmed',
  'satisfied',
  'solved',
  'paidService',
  'signatureAttachmentId',
  'infoEntryId',
]);

/** The rest of an action's input, as "label：value" lines with translated labels. */
export function inputDetails(input: Input, timeZone?: string): string[] {
  const sep = lang.value === 'en' ? ': ' : '：';
  const out: string[] = [];
  for (const [field, value] of Object.entries(input ?? {})) {
    if (said.has(field) || value === null || value === undefined || value === '') continue;
    const label = tOr(`field.${field}`, '');
    if (field === 'photoIds') {
      if (Array.isArray(value) && value.length)
        out.push(`${label}${sep}${t('history.details.photos', { n: value.length })}`);
    } else if (field === 'materials') {
      const list = (value as { name: string; quantity: number; unit?: string }[]) ?? [];
      if (list.length)
        out.push(
          `${t('history.details.materials')}${sep}${list.map((m) => `${m.name} ×${m.quantity}${m.unit ?? ''}`).join(lang.value === 'en' ? ', ' : '、')}`,
        );
    } else if (!label) {
    } else if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) {
      out.push(`${label}${sep}${formatDateTime(value, timeZone)}`);
    } else if (typeof value === 'string') {
      out.push(`${label}${sep}${tOr(`option.${value}`, value)}`);
    } else if (typeof value === 'number') {
      out.push(`${label}${sep}${value}`);
    }
  }
  return out;
}

export interface Sentence {
  text: string;
  details: string[];
}

/** What a timeline entry or an audit entry of a ticket action says happened. */
export interface TicketFact {
  kind: TicketKind;
  action: string;
  by: string;
  input?: Input;
}

const known = (key: string): key is MsgKey => tOr(key, '\u0000') !== '\u0000';

/**
 * A staff action on a ticket, or a moment the SLA sweep recorded on it; the times it names are read in
 * `timeZone` (the property's), else the browser's.
 */
export function ticketSentence(fact: TicketFact, names: Names, timeZone?: string): Sentence {
  const input = (fact.input ?? {}) as Input;
  const by = personName(fact.by, names);
  if (fact.action === 'sla.breach') {
    return {
      text: t('history.sla.breach', { clock: slaLabel(fact.kind, String(input.clock ?? '')) }),
      details: [],
    };
  }
  if (fact.action === 'sla.escalate') {
    return {
      text: t('history.sla.escalate', {
        step: Number(input.step ?? 0) + 1,
        role: tOr(`sla.notify.${input.notify}`, t('history.someone')),
      }),
      details: [],
    };
  }
  const key = sentenceKey(fact.kind, fact.action, input);
  const text = known(key)
    ? t(key, sentenceVars(input, by, names, timeZone))
    : t('history.action', { by, action: actionName(fact.kind, fact.action) });
  return { text, details: fact.action === 'create' ? [] : inputDetails(input, timeZone) };
}

/** A timeline entry of GET …/tickets/{id}. */
export const timelineSentence = (
  kind: TicketKind,
  entry: { action: string; by: string; input: Record<string, unknown> },
  names: Names,
  timeZone?: string,
): Sentence =>
  ticketSentence({ kind, action: entry.action, by: entry.by, input: entry.input }, names, timeZone);

/** The ticket kind whose machine has `action`, for audit entries written before they carried the kind. */
function kindOf(entry: AuditEntry): TicketKind | null {
  const stated = (entry.after?.kind ?? entry.before?.kind) as TicketKind | undefined;
  if (stated) return stated;
  const action = entry.action.slice('ticket.'.length);
  const all = kinds.value;
  return all ? ((Object.keys(all) as TicketKind[]).find((k) => all[k].actions[action]) ?? null) : null;
}

/** "resolve:breach@2026-…, escalation:0@…" → "维修完成时限已超时、第 1 级升级". */
function momentsText(kind: TicketKind | null, recorded: unknown): string {
  const parts = String(recorded ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((key) => {
      const [head = ''] = key.split('@');
      const [clock = '', type = ''] = head.split(':');
      if (clock === 'escalation') return t('audit.moment.escalation', { step: Number(type) + 1 });
      const label = kind ? slaLabel(kind, clock) : t('ticket.clocks');
      return type === 'warning'
        ? t('audit.moment.warning', { clock: label })
        : t('audit.moment.breach', { clock: label });
    });
  return parts.join(lang.value === 'en' ? ', ' : '、');
}

/**
 * An entry the SLA side of a ticket wrote as the system: the sweep's recorded moments, or the urgent
 * notice reaching everyone it must (its clock stopped, in time or late); never an empty "：".
 */
function slaSentence(entry: AuditEntry, kind: TicketKind | null, timeZone?: string): Sentence {
  const after = entry.after ?? {};
  if (typeof after.noticeDeliveredAt === 'string')
    return {
      text: t(
        after.met === false
          ? 'audit.sentence.ticket.noticeDeliveredLate'
          : 'audit.sentence.ticket.noticeDelivered',
        {
          kind: kindName(kind),
          at: formatDateTime(after.noticeDeliveredAt, timeZone),
        },
      ),
      details: [],
    };
  const moments = momentsText(kind, after.recorded);
  return {
    text: moments
      ? t('audit.sentence.ticket.sla', { kind: kindName(kind), moments })
      : t('audit.sentence.ticket.slaUpdated', { kind: kindName(kind) }),
    details: [],
  };
}

/** Who or what an audit entry is about, in a clerk's words (a room code, a name, a caller). */
function subjectOf(entry: AuditEntry): string {
  const record = (entry.after ?? entry.before ?? {}) as Record<string, unknown>;
  const text = (k: string) => (typeof record[k] === 'string' && record[k] ? (record[k] as string) : null);
  const caller = (record.caller as { name?: string } | undefined)?.name;
  return [text('roomCode'), text('name') ?? text('title') ?? text('code') ?? caller ?? text('phone')]
    .filter(Boolean)
    .join(' ');
}

/** Field changes of an update, as sentences; fields with no label of their own are left out. */
function changeDetails(entry: AuditEntry): string[] {
  if (!entry.before || !entry.after) return [];
  const show = (field: string, v: unknown) =>
    v === undefined || v === null || v === ''
      ? t('history.empty')
      : (fieldValue(field, v) ?? displayValue(v));
  return changedFields(entry.before, entry.after)
    .filter((c) => fieldLabel(c.field) !== c.field)
    .map((c) =>
      t('history.changed', {
        field: fieldLabel(c.field),
        from: show(c.field, c.from),
        to: show(c.field, c.to),
      }),
    );
}

/** "报修" / "repair", as a word inside a sentence. */
const kindName = (kind: TicketKind | null) =>
  kind ? (lang.value === 'en' ? kindLabel(kind).toLowerCase() : kindLabel(kind)) : '';

/** A report's entity id (`<kind>:<period>`) as its title and period; other entities' ids as they are. */
function periodText(entry: AuditEntry): string {
  if (entry.entity !== 'report') return entry.entityId;
  const [kind = '', period = ''] = entry.entityId.split(':');
  return `${tOr(`reports.kind.${kind}`, t('entity.record'))} ${period}`;
}

/** An entry of the audit trail as a sentence; the times it names are read in `timeZone` (the property's). */
export function auditSentence(entry: AuditEntry, names: Names = {}, timeZone?: string): Sentence {
  const by =
    entry.actorId === systemStaffId
      ? t('history.system')
      : entry.actorName || personName(entry.actorId, names);
  const nameOf: Names = { ...names, [entry.actorId]: by };
  const [domain = '', ...rest] = entry.action.split('.');
  const verb = rest.join('.');
  if (domain === 'ticket') {
    const kind = kindOf(entry);
    if (verb === 'sla') return slaSentence(entry, kind, timeZone);
    if (kind && (verb === 'create' || kinds.value?.[kind]?.actions[verb]))
      return ticketSentence(
        { kind, action: verb, by: entry.actorId, input: entry.after?.input as Input },
        nameOf,
        timeZone,
      );
    const special = `audit.sentence.ticket.${verb}`;
    if (known(special)) return { text: t(special, { by, kind: kindName(kind) }), details: [] };
  }
  const vars = {
    by,
    subject: subjectOf(entry),
    entity: known(`entity.${entry.entity}`) ? entityLabel(entry.entity) : t('entity.record'),
    period: periodText(entry),
    batch: `${entry.after?.transaction ?? 1}/${entry.after?.of ?? 1}`,
  };
  const own = `audit.sentence.${entry.action}`;
  if (known(own))
    return { text: t(own, vars).trim(), details: verb === 'update' ? changeDetails(entry) : [] };
  const generic = `audit.sentence.${verb.split('.').pop()}`;
  if (known(generic) && ['create', 'update', 'delete'].includes(verb))
    return { text: t(generic, vars).trim(), details: changeDetails(entry) };
  return { text: t('audit.sentence.other', vars), details: changeDetails(entry) };
}
