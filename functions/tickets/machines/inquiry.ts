/**
 * Inquiries (咨询): recorded in the ledger; answered at once from the information file (信息档案), or a
 * reply time agreed with the household; transferred to a department where needed (noted); answered →
 * closed. Measured: every inquiry answered within the agreed time. Source: DOMAIN.md "Inquiries" (001 篇3).
 */
import * as z from 'zod/mini';
import { unprocessable } from '../../shared/errors.ts';
import { actionsOf, assignee, type Machine, type TicketBase } from './machine.ts';
import { channel, contact, id, instant, stamped, storedContact, text } from './schemas.ts';

export const inquiryStates = {
  received: { label: { zh: '已登记', en: 'Received' } },
  awaiting_reply: { label: { zh: '已约定答复时间', en: 'Reply time agreed' } },
  transferred: { label: { zh: '已转部门', en: 'Transferred to a department' } },
  answered: { label: { zh: '已答复', en: 'Answered' } },
  closed: { label: { zh: '已关闭', en: 'Closed' }, terminal: true },
} as const;
export type InquiryState = keyof typeof inquiryStates;

/** `answer` matches the SLA policy target in functions/sla/policies.ts. */
export const inquirySlas = {
  answer: {
    label: { zh: '在约定时间内答复', en: 'Answered within the agreed time' },
  },
} as const;
type InquirySla = keyof typeof inquirySlas;

/** What an inquiry record stores beyond every ticket's fields (the OpenAPI document's InquiryTicket). */
export const inquiryFields = z.object({
  contact: z.optional(storedContact),
  unitId: z.optional(z.string()),
  question: z.optional(z.string()),
  channel: z.optional(channel),
  receivedAt: z.optional(z.string()),
  replyBy: z.optional(z.nullable(z.string())),
  /** The reply time first agreed, kept when it is renegotiated. */
  originalReplyBy: z.optional(z.string()),
  /** Each renegotiation the household agreed to: from which time to which, and why. */
  replyTimeChanges: z.optional(z.array(stamped({ from: z.string(), to: z.string(), reason: z.string() }))),
  transfers: z.optional(
    z.array(stamped({ department: z.string(), assigneeId: z.optional(z.string()), note: z.string() })),
  ),
  answer: z.optional(
    stamped({
      text: z.string(),
      source: z.enum(['information_file', 'staff', 'department']),
      infoEntryId: z.optional(z.string()),
    }),
  ),
});

export interface InquiryTicket extends TicketBase<InquiryState>, z.output<typeof inquiryFields> {}

export const inquiryInputs = {
  create: z.strictObject({
    contact,
    unitId: z.optional(id),
    question: text(),
    channel: z._default(channel, 'visit'),
    receivedAt: instant,
    /** Agreed with the household while taking the call (not answered at once): the clock starts with it. */
    replyBy: z.optional(instant),
  }),
  agreeReplyTime: z.strictObject({ replyBy: instant }),
  /** The household agreed to a new reply time (who agreed and why, in `reason`). */
  renegotiateReplyTime: z.strictObject({ replyBy: instant, reason: text(500) }),
  transfer: z.strictObject({
    department: text(60),
    assigneeId: z.optional(id),
    note: text(500),
    /** Required when no reply time was agreed yet: the household is told when to expect the answer. */
    replyBy: z.optional(instant),
  }),
  answer: z
    .strictObject({
      text: text(),
      source: z.enum(['information_file', 'staff', 'department']),
      infoEntryId: z.optional(id),
    })
    .check(
      z.refine((a) => a.source !== 'information_file' || a.infoEntryId, 'Name the information-file entry'),
    ),
  close: z.strictObject({}),
} as const;
type In<K extends keyof typeof inquiryInputs> = z.output<(typeof inquiryInputs)[K]>;

const action = actionsOf<InquiryState, InquiryTicket, InquirySla>();
const desk = { front_desk: true, property_manager: true, head_office: true } as const;

export const inquiryActions = {
  agreeReplyTime: action<In<'agreeReplyTime'>>({
    label: { zh: '约定答复时间', en: 'Agree a reply time' },
    from: ['received'],
    targets: ['awaiting_reply'],
    to: 'awaiting_reply',
    roles: desk,
    input: inquiryInputs.agreeReplyTime,
    effect: ({ input }) => ({ replyBy: input.replyBy }),
    sla: ({ input }) => ({ start: [{ sla: 'answer', dueAt: input.replyBy }] }),
  }),
  renegotiateReplyTime: action<In<'renegotiateReplyTime'>>({
    label: { zh: '与业户重新约定答复时间', en: 'Agree a new reply time with the household' },
    from: ['awaiting_reply', 'transferred'],
    targets: ['awaiting_reply', 'transferred'],
    to: (_, ticket) => ticket.state,
    roles: { ...desk, technician: assignee, finance: assignee, security: assignee },
    input: inquiryInputs.renegotiateReplyTime,
    check: ({ input, ticket, now }) => {
      if (!ticket.replyBy) {
        throw unprocessable('reply_time_required', 'No reply time was agreed yet: agree one first');
      }
      // A time already missed is not renegotiated after the fact: the late answer stays on the record.
      if (Date.parse(ticket.replyBy) < Date.parse(now)) {
        throw unprocessable('reply_time_passed', 'The agreed reply time has passed; answer the household', {
          replyBy: ticket.replyBy,
        });
      }
      if (Date.parse(input.replyBy) === Date.parse(ticket.replyBy)) {
        throw unprocessable('reply_time_unchanged', 'This is the reply time already agreed', {
          replyBy: ticket.replyBy,
        });
      }
    },
    effect: ({ input, ticket, actor, now }) => ({
      replyBy: input.replyBy,
      originalReplyBy: ticket.originalReplyBy ?? ticket.replyBy ?? undefined,
      replyTimeChanges: [
        ...(ticket.replyTimeChanges ?? []),
        { from: ticket.replyBy ?? '', to: input.replyBy, reason: input.reason, at: now, by: actor.staffId },
      ],
    }),
    /** The old time no longer applies; the clock starts again towards the new one. */
    sla: ({ input }) => ({
      stop: [{ sla: 'answer', reason: 'void' }],
      start: [{ sla: 'answer', dueAt: input.replyBy }],
    }),
  }),
  transfer: action<In<'transfer'>>({
    label: { zh: '转部门', en: 'Transfer to a department' },
    from: ['received', 'awaiting_reply', 'transferred'],
    targets: ['transferred'],
    to: 'transferred',
    roles: { ...desk, technician: assignee, finance: assignee, security: assignee },
    input: inquiryInputs.transfer,
    check: ({ input, ticket }) => {
      if (!ticket.replyBy && !input.replyBy) {
        throw unprocessable(
          'reply_time_required',
          'Agree a reply time with the household before transferring',
        );
      }
      if (ticket.replyBy && input.replyBy && input.replyBy !== ticket.replyBy) {
        throw unprocessable('reply_time_already_agreed', 'The reply time agreed with the household stands', {
          replyBy: ticket.replyBy,
        });
      }
    },
    effect: ({ input, ticket, actor, now }) => ({
      transfers: [
        ...(ticket.transfers ?? []),
        {
          department: input.department,
          note: input.note,
          at: now,
          by: actor.staffId,
          ...(input.assigneeId ? { assigneeId: input.assigneeId } : {}),
        },
      ],
      assigneeId: input.assigneeId ?? null,
      replyBy: ticket.replyBy ?? input.replyBy ?? null,
    }),
    sla: ({ input, ticket }) =>
      !ticket.replyBy && input.replyBy ? { start: [{ sla: 'answer', dueAt: input.replyBy }] } : {},
  }),
  answer: action<In<'answer'>>({
    label: { zh: '答复', en: 'Answer' },
    from: ['received', 'awaiting_reply', 'transferred'],
    targets: ['answered'],
    to: 'answered',
    roles: { ...desk, technician: assignee, finance: assignee, security: assignee },
    input: inquiryInputs.answer,
    effect: ({ input, actor, now }) => ({ answer: { ...input, at: now, by: actor.staffId } }),
    sla: ({ from }) => (from === 'received' ? {} : { stop: [{ sla: 'answer', reason: 'done' }] }),
  }),
  close: action<In<'close'>>({
    label: { zh: '关闭', en: 'Close' },
    from: ['answered'],
    targets: ['closed'],
    to: 'closed',
    roles: desk,
    input: inquiryInputs.close,
  }),
};
export type InquiryAction = keyof typeof inquiryActions;

export const inquiryMachine: Machine<InquiryState, InquiryTicket, InquiryAction, InquirySla> = {
  kind: 'inquiry',
  label: { zh: '咨询', en: 'Inquiry' },
  states: inquiryStates,
  initial: 'received',
  slas: inquirySlas,
  create: action<In<'create'>>({
    label: { zh: '登记咨询', en: 'Record an inquiry' },
    from: [],
    targets: ['received', 'awaiting_reply'],
    /** Not answered at once, with a reply time agreed in the same ledger entry (001 篇3 §4.2.1). */
    to: (input) => (input.replyBy ? 'awaiting_reply' : 'received'),
    roles: { front_desk: true, property_manager: true, head_office: true, security: true },
    input: inquiryInputs.create,
    effect: ({ input }) => ({ ...input, assigneeId: null, replyBy: input.replyBy ?? null }),
    sla: ({ input }) => (input.replyBy ? { start: [{ sla: 'answer', dueAt: input.replyBy }] } : {}),
  }),
  actions: inquiryActions,
};
