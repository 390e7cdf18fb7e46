/**
 * Complaints (投诉): recorded → acknowledged → assigned (department, person, deadline) → replied
 * (72-hour target) → resolved (front desk checked it is solved, 002 §2.8.9) → called back (asked if
 * satisfied, 002 §2.8.10, §2.1.6) → reviewed (lesson, improvement) → closed.
 * Sources: DOMAIN.md "Complaints" (seeds 000, 001 §5.4, 002, 003, 004).
 */
import * as z from 'zod/mini';
import { photoLimits } from '../attachments/limits.ts';
import { complaintCategories } from '../enums.ts';
import { actionsOf, assignee, type Machine, type TicketBase } from './machine.ts';
import { channel, contact, id, instant, stamped, storedContact, text } from './schemas.ts';

export const complaintStates = {
  recorded: { label: { zh: '已记录', en: 'Recorded' } },
  acknowledged: { label: { zh: '已致歉受理', en: 'Acknowledged' } },
  assigned: { label: { zh: '已转责任部门', en: 'Assigned' } },
  replied: { label: { zh: '已答复', en: 'Replied' } },
  resolved: { label: { zh: '已确认解决', en: 'Checked solved' } },
  called_back: { label: { zh: '已回访满意度', en: 'Satisfaction called back' } },
  reviewed: { label: { zh: '已总结改进', en: 'Reviewed' } },
  closed: { label: { zh: '已关闭', en: 'Closed' }, terminal: true },
  withdrawn: { label: { zh: '已撤回', en: 'Withdrawn' }, terminal: true },
} as const;
export type ComplaintState = keyof typeof complaintStates;

/**
 * `notify`, `acknowledge` and `reply` match the SLA policy targets in functions/sla/policies.ts. Labels name the
 * step, not its target: a property may tighten the 72 hours, and the deadline is shown beside it.
 */
export const complaintSlas = {
  notify: {
    label: {
      zh: '紧急投诉通知责任人和项目经理',
      en: 'Urgent: responsible people and the project manager told',
    },
  },
  acknowledge: {
    label: { zh: '紧急投诉受理', en: 'Urgent: acknowledged' },
  },
  reply: {
    label: { zh: '答复投诉人', en: 'Reply to the complainant' },
  },
  resolve: {
    label: { zh: '责任部门处理期限', en: 'Deadline set for the responsible department' },
  },
} as const;
type ComplaintSla = keyof typeof complaintSlas;

export { complaintCategories };

/** What a complaint record stores beyond every ticket's fields (the OpenAPI document's ComplaintTicket). */
export const complaintFields = z.object({
  complainant: z.optional(z.extend(storedContact, { unitId: z.optional(z.string()) })),
  content: z.optional(z.string()),
  category: z.optional(z.enum(complaintCategories)),
  severity: z.optional(z.enum(['normal', 'urgent'])),
  channel: z.optional(channel),
  receivedAt: z.optional(z.string()),
  photoIds: z.optional(z.array(z.string())),
  acknowledgement: z.optional(stamped({ note: z.optional(z.string()) })),
  department: z.optional(z.string()),
  deadlineAt: z.optional(z.string()),
  replies: z.optional(
    z.array(
      stamped({ message: z.string(), plan: z.optional(z.string()), expectedBy: z.optional(z.string()) }),
    ),
  ),
  checks: z.optional(z.array(stamped({ solved: z.boolean(), note: z.string() }))),
  callBacks: z.optional(z.array(stamped({ satisfied: z.boolean(), comment: z.string() }))),
  review: z.optional(stamped({ lesson: z.string(), improvement: z.string() })),
  reopenCount: z.optional(z.int()),
  withdrawal: z.optional(stamped({ reason: z.string() })),
});

export interface ComplaintTicket extends TicketBase<ComplaintState>, z.output<typeof complaintFields> {}

export const complaintInputs = {
  create: z.strictObject({
    complainant: z.extend(contact, { unitId: z.optional(id) }),
    content: text(),
    category: z.enum(complaintCategories),
    severity: z._default(z.enum(['normal', 'urgent']), 'normal'),
    channel: z._default(channel, 'visit'),
    receivedAt: instant,
    /** Photos the complainant showed (uploaded and confirmed beforehand). */
    photoIds: z._default(z.array(id).check(z.maxLength(photoLimits.perStep)), []),
  }),
  acknowledge: z.strictObject({ note: z.optional(text(500)) }),
  assign: z.strictObject({ department: text(60), assigneeId: id, deadlineAt: instant }),
  /** The responsible department tells the complainant what will be done and by when (000, 002 §2.1.5). */
  reply: z.strictObject({ message: text(), plan: z.optional(text()), expectedBy: z.optional(instant) }),
  checkSolved: z.strictObject({ solved: z.boolean(), note: text(1000) }),
  callBack: z.strictObject({ satisfied: z.boolean(), comment: text(1000) }),
  review: z.strictObject({ lesson: text(), improvement: text() }),
  close: z.strictObject({}),
  withdraw: z.strictObject({ reason: text(500) }),
} as const;
type In<K extends keyof typeof complaintInputs> = z.output<(typeof complaintInputs)[K]>;

const action = actionsOf<ComplaintState, ComplaintTicket, ComplaintSla>();
const desk = { front_desk: true, property_manager: true, head_office: true } as const;
/** The responsible person, whatever their role; managers may answer for their department. */
const responsible = {
  property_manager: true,
  head_office: true,
  front_desk: assignee,
  technician: assignee,
  finance: assignee,
  security: assignee,
} as const;

export const complaintActions = {
  acknowledge: action<In<'acknowledge'>>({
    label: { zh: '致歉受理', en: 'Acknowledge' },
    from: ['recorded'],
    targets: ['acknowledged'],
    to: 'acknowledged',
    roles: desk,
    input: complaintInputs.acknowledge,
    effect: ({ input, actor, now }) => ({ acknowledgement: { ...input, at: now, by: actor.staffId } }),
    /** The notice clock is not this: it stops when the notice reached its people (notice-delivery.ts). */
    sla: { stop: [{ sla: 'acknowledge', reason: 'done' }] },
  }),
  assign: action<In<'assign'>>({
    label: { zh: '转责任部门', en: 'Assign' },
    from: ['acknowledged', 'assigned'],
    targets: ['assigned'],
    to: 'assigned',
    roles: desk,
    input: complaintInputs.assign,
    effect: ({ input }) => ({
      department: input.department,
      assigneeId: input.assigneeId,
      deadlineAt: input.deadlineAt,
    }),
    sla: ({ input, from }) => ({
      ...(from === 'assigned' ? { stop: [{ sla: 'resolve', reason: 'void' }] } : {}),
      start: [{ sla: 'resolve', dueAt: input.deadlineAt }],
    }),
  }),
  reply: action<In<'reply'>>({
    label: { zh: '答复投诉人', en: 'Reply to the complainant' },
    from: ['assigned'],
    targets: ['replied'],
    to: 'replied',
    roles: responsible,
    input: complaintInputs.reply,
    effect: ({ input, ticket, actor, now }) => ({
      replies: [...(ticket.replies ?? []), { ...input, at: now, by: actor.staffId }],
    }),
    sla: { stop: [{ sla: 'reply', reason: 'done' }] },
  }),
  checkSolved: action<In<'checkSolved'>>({
    label: { zh: '检查问题是否解决', en: 'Check it is solved' },
    from: ['replied'],
    targets: ['resolved', 'assigned'],
    /** Not solved: back to the responsible department, whose deadline keeps running. */
    to: (i) => (i.solved ? 'resolved' : 'assigned'),
    roles: desk,
    input: complaintInputs.checkSolved,
    effect: ({ input, ticket, actor, now }) => ({
      checks: [...(ticket.checks ?? []), { ...input, at: now, by: actor.staffId }],
    }),
    sla: ({ input }) => (input.solved ? { stop: [{ sla: 'resolve', reason: 'done' }] } : {}),
  }),
  callBack: action<In<'callBack'>>({
    label: { zh: '回访满意度', en: 'Satisfaction call-back' },
    from: ['resolved'],
    targets: ['called_back', 'acknowledged'],
    /** Not satisfied reopens: front desk assigns it again, with a new deadline. */
    to: (i) => (i.satisfied ? 'called_back' : 'acknowledged'),
    roles: desk,
    input: complaintInputs.callBack,
    effect: ({ input, ticket, actor, now }) => ({
      callBacks: [...(ticket.callBacks ?? []), { ...input, at: now, by: actor.staffId }],
      ...(input.satisfied ? {} : { reopenCount: (ticket.reopenCount ?? 0) + 1 }),
    }),
  }),
  review: action<In<'review'>>({
    label: { zh: '总结改进', en: 'Review' },
    from: ['called_back'],
    targets: ['reviewed'],
    to: 'reviewed',
    roles: { property_manager: true, head_office: true },
    input: complaintInputs.review,
    effect: ({ input, actor, now }) => ({ review: { ...input, at: now, by: actor.staffId } }),
  }),
  close: action<In<'close'>>({
    label: { zh: '关闭', en: 'Close' },
    from: ['reviewed'],
    targets: ['closed'],
    to: 'closed',
    roles: desk,
    input: complaintInputs.close,
    /** A notice that never reached its people (nobody to reach) ends with the complaint; a delivered one stays done. */
    sla: { stop: [{ sla: 'notify', reason: 'void' }] },
  }),
  withdraw: action<In<'withdraw'>>({
    label: { zh: '投诉人撤回', en: 'Withdrawn by the complainant' },
    from: ['recorded', 'acknowledged', 'assigned', 'replied'],
    targets: ['withdrawn'],
    to: 'withdrawn',
    roles: desk,
    input: complaintInputs.withdraw,
    effect: ({ input, actor, now }) => ({ withdrawal: { reason: input.reason, at: now, by: actor.staffId } }),
    sla: ({ from }) => ({
      stop: [
        // A notice still undelivered is moot once the complainant withdrew (a delivered one stays done).
        { sla: 'notify' as const, reason: 'void' as const },
        ...(from === 'recorded' ? [{ sla: 'acknowledge' as const, reason: 'void' as const }] : []),
        ...(from !== 'replied' ? [{ sla: 'reply' as const, reason: 'void' as const }] : []),
        ...(from === 'assigned' || from === 'replied'
          ? [{ sla: 'resolve' as const, reason: 'void' as const }]
          : []),
      ],
    }),
  }),
};
export type ComplaintAction = keyof typeof complaintActions;

export const complaintMachine: Machine<ComplaintState, ComplaintTicket, ComplaintAction, ComplaintSla> = {
  kind: 'complaint',
  label: { zh: '投诉', en: 'Complaint' },
  states: complaintStates,
  initial: 'recorded',
  slas: complaintSlas,
  create: action<In<'create'>>({
    label: { zh: '记录投诉', en: 'Record a complaint' },
    from: [],
    targets: ['recorded'],
    to: 'recorded',
    roles: { front_desk: true, property_manager: true, head_office: true, security: true },
    input: complaintInputs.create,
    effect: ({ input }) => ({ ...input, assigneeId: null, reopenCount: 0 }),
    /** Urgent: the responsible specialists and the project manager within 5 minutes (004), and taken on. */
    sla: ({ input }) => ({
      start: [
        ...(input.severity === 'urgent' ? [{ sla: 'notify' as const }, { sla: 'acknowledge' as const }] : []),
        { sla: 'reply' },
      ],
    }),
  }),
  actions: complaintActions,
};
