/**
 * Repairs (报修): register → verify (scope; paid service fee quoted and confirmed) → dispatch
 * (technician, appointment) → in progress → completed → accepted by the household → followed up
 * (回访) → closed. Sources: DOMAIN.md "Repairs" (seeds 000, 001 篇4 and §5.5, 003).
 */
import * as z from 'zod/mini';
import { unprocessable } from '../../shared/errors.ts';
import { photoLimits } from '../attachments/limits.ts';
import { actionsOf, assignee, type Machine, type TicketBase } from './machine.ts';
import { cents, channel, contact, id, instant, stamped, storedContact, text } from './schemas.ts';

export const repairStates = {
  registered: { label: { zh: '已登记', en: 'Registered' } },
  awaiting_fee_confirmation: {
    label: { zh: '待业户确认费用', en: 'Waiting for the household to confirm the fee' },
    pausesSla: true,
  },
  verified: { label: { zh: '已核实', en: 'Verified' } },
  awaiting_appointment: {
    label: { zh: '待约定上门时间', en: 'Waiting for an appointment with the household' },
    pausesSla: true,
  },
  dispatched: { label: { zh: '已派工', en: 'Dispatched' } },
  in_progress: { label: { zh: '维修中', en: 'In progress' } },
  completed: { label: { zh: '已完工', en: 'Completed' }, jobDone: true },
  accepted: { label: { zh: '业户已验收', en: 'Accepted by the household' }, jobDone: true },
  followed_up: { label: { zh: '已回访', en: 'Followed up' }, jobDone: true },
  closed: { label: { zh: '已关闭', en: 'Closed' }, terminal: true },
  cancelled: { label: { zh: '已取消', en: 'Cancelled' }, terminal: true },
  out_of_scope: { label: { zh: '不属服务范围', en: 'Out of scope' }, terminal: true },
} as const;
export type RepairState = keyof typeof repairStates;

/** Names match the SLA policy targets in functions/sla/policies.ts; `resolve` has no policy target yet. */
export const repairSlas = {
  firstResponse: {
    label: { zh: '首次响应', en: 'First response (the repair is verified)' },
  },
  dispatch: {
    label: { zh: '派工时限', en: 'A technician is assigned' },
  },
  resolve: {
    label: { zh: '维修完成时限', en: 'Time to complete the repair' },
  },
  followUp: {
    label: { zh: '回访时限', en: 'Time to follow up a completed repair' },
  },
} as const;
type RepairSla = keyof typeof repairSlas;

const material = z.strictObject({
  name: text(100),
  quantity: z.number().check(z.positive(), z.lte(100_000)),
  unit: z.optional(z.string().check(z.trim(), z.maxLength(20))),
});
/** Photos of one step, uploaded and confirmed beforehand (functions/tickets/attachments). */
const photoIds = z.array(id).check(z.maxLength(photoLimits.perStep));

/** What a repair record stores beyond every ticket's fields (the OpenAPI document's RepairTicket). */
export const repairFields = z.object({
  content: z.optional(z.string()),
  location: z.optional(z.object({ unitId: z.optional(z.string()), place: z.optional(z.string()) })),
  contact: z.optional(storedContact),
  reportedAt: z.optional(z.string()),
  severity: z.optional(z.enum(['normal', 'urgent'])),
  channel: z.optional(channel),
  photoIds: z.optional(z.array(z.string())),
  verification: z.optional(stamped({ inScope: z.boolean(), note: z.optional(z.string()) })),
  /** A paid service (有偿服务): the fee quoted, and when and how the household confirmed it. */
  paidService: z.optional(
    z.nullable(
      z.object({
        quotedFeeCents: z.int(),
        confirmedAt: z.nullable(z.string()),
        confirmedVia: z.optional(z.enum(['signature', 'verbal'])),
      }),
    ),
  ),
  appointmentAt: z.optional(z.nullable(z.string())),
  /** Who dispatched the job last: told, with the technician, when the appointment passes unstarted. */
  dispatchedBy: z.optional(z.string()),
  progress: z.optional(z.array(stamped({ note: z.string(), expectedDurationMinutes: z.optional(z.int()) }))),
  expectedDurationMinutes: z.optional(z.nullable(z.int())),
  completion: z.optional(
    stamped({
      workDone: z.string(),
      materials: z.array(z.object({ name: z.string(), quantity: z.number(), unit: z.optional(z.string()) })),
      feeCents: z.int(),
      photoIds: z.array(z.string()),
    }),
  ),
  acceptance: z.optional(
    stamped({
      method: z.enum(['signature', 'verbal']),
      signatureAttachmentId: z.optional(z.string()),
      note: z.optional(z.string()),
    }),
  ),
  followUps: z.optional(z.array(stamped({ satisfied: z.boolean(), comment: z.string() }))),
  reopenCount: z.optional(z.int()),
  refusals: z.optional(z.array(stamped({ reason: z.string() }))),
  cancellation: z.optional(stamped({ reason: z.string() })),
  /** Why the repair is not done yet, entered for the daily 17:10 reconciliation (004); the latest counts. */
  notDoneReasons: z.optional(z.array(stamped({ reason: z.string() }))),
  chargeableItem: z.optional(
    z.nullable(z.object({ amountCents: z.int(), quotedFeeCents: z.int(), at: z.string() })),
  ),
});

export interface RepairTicket extends TicketBase<RepairState>, z.output<typeof repairFields> {}

export const repairInputs = {
  create: z.strictObject({
    content: text(),
    location: z
      .strictObject({ unitId: z.optional(id), place: z.optional(text(200)) })
      .check(z.refine((l) => l.unitId || l.place, 'Give the unit or describe the place')),
    contact,
    reportedAt: instant,
    severity: z._default(z.enum(['normal', 'urgent']), 'normal'),
    channel: z._default(channel, 'phone'),
    photoIds: z._default(photoIds, []),
  }),
  verify: z
    .strictObject({
      inScope: z.boolean(),
      note: z.optional(text(500)),
      /** Present for a paid service: the fee told to the household, and whether they confirmed it. */
      paidService: z.optional(
        z
          .strictObject({
            quotedFeeCents: cents.check(z.gte(1)),
            confirmed: z.boolean(),
            confirmedVia: z.optional(z.enum(['signature', 'verbal'])),
          })
          .check(z.refine((p) => !p.confirmed || p.confirmedVia, 'Say how the household confirmed the fee')),
      ),
    })
    .check(
      z.refine((v) => v.inScope || v.note, 'Say why the repair is outside the service scope'),
      z.refine((v) => v.inScope || !v.paidService, 'An out-of-scope repair has no fee'),
    ),
  confirmFee: z.strictObject({
    confirmed: z.boolean(),
    via: z.enum(['signature', 'verbal']),
    note: z.optional(text(500)),
  }),
  dispatch: z.strictObject({ technicianId: id, appointmentAt: z.optional(instant) }),
  schedule: z.strictObject({ appointmentAt: instant }),
  start: z.strictObject({}),
  progress: z.strictObject({
    note: text(),
    /** Complex jobs: how long it is expected to take, told to the household (003). */
    expectedDurationMinutes: z.optional(z.int().check(z.gte(1), z.lte(60 * 24 * 90))),
  }),
  complete: z.strictObject({
    workDone: text(),
    materials: z._default(z.array(material).check(z.maxLength(50)), []),
    /** Asked only of a paid service the household confirmed (see `asks`); nothing is charged otherwise. */
    feeCents: z.optional(cents),
    photoIds,
  }),
  accept: z
    .strictObject({
      method: z.enum(['signature', 'verbal']),
      signatureAttachmentId: z.optional(id),
      note: z.optional(text(500)),
    })
    .check(z.refine((a) => a.method !== 'signature' || a.signatureAttachmentId, 'Attach the signature')),
  refuse: z.strictObject({ reason: text(500) }),
  followUp: z.strictObject({ satisfied: z.boolean(), comment: text(1000) }),
  close: z.strictObject({}),
  cancel: z.strictObject({ reason: text(500) }),
  noteNotDone: z.strictObject({ reason: text(500) }),
} as const;
type In<K extends keyof typeof repairInputs> = z.output<(typeof repairInputs)[K]>;

const action = actionsOf<RepairState, RepairTicket, RepairSla>();
const desk = { front_desk: true, property_manager: true, head_office: true } as const;
/** Clocks that no longer apply when a repair ends before completion. */
const ended = [
  { sla: 'dispatch', reason: 'void' },
  { sla: 'resolve', reason: 'void' },
] as const;
/** States of a repair that is not done yet: the 17:10 reconciliation asks each for its reason (004). */
export const notDoneRepairStates = [
  'registered',
  'awaiting_fee_confirmation',
  'verified',
  'awaiting_appointment',
  'dispatched',
  'in_progress',
] as const satisfies readonly RepairState[];
const technicianOnJob = { technician: assignee, property_manager: true, head_office: true } as const;

export const repairActions = {
  verify: action<In<'verify'>>({
    label: { zh: '核实', en: 'Verify' },
    from: ['registered'],
    targets: ['verified', 'awaiting_fee_confirmation', 'out_of_scope'],
    to: (i) =>
      !i.inScope
        ? 'out_of_scope'
        : i.paidService && !i.paidService.confirmed
          ? 'awaiting_fee_confirmation'
          : 'verified',
    roles: desk,
    input: repairInputs.verify,
    effect: ({ input, actor, now }) => ({
      verification: { inScope: input.inScope, note: input.note, at: now, by: actor.staffId },
      paidService: input.paidService
        ? {
            quotedFeeCents: input.paidService.quotedFeeCents,
            confirmedAt: input.paidService.confirmed ? now : null,
            confirmedVia: input.paidService.confirmedVia,
          }
        : null,
    }),
    sla: ({ to }) => ({
      stop: [{ sla: 'firstResponse', reason: 'done' }, ...(to === 'out_of_scope' ? [...ended] : [])],
    }),
  }),
  confirmFee: action<In<'confirmFee'>>({
    label: { zh: '业户确认费用', en: 'Household confirms the fee' },
    from: ['awaiting_fee_confirmation'],
    targets: ['verified', 'cancelled'],
    to: (i) => (i.confirmed ? 'verified' : 'cancelled'),
    roles: desk,
    input: repairInputs.confirmFee,
    effect: ({ input, ticket, actor, now }) =>
      input.confirmed
        ? { paidService: { ...ticket.paidService!, confirmedAt: now, confirmedVia: input.via } }
        : { cancellation: { reason: input.note ?? 'fee_declined', at: now, by: actor.staffId } },
    sla: ({ to }) => (to === 'cancelled' ? { stop: [...ended] } : {}),
  }),
  dispatch: action<In<'dispatch'>>({
    label: { zh: '派工', en: 'Dispatch' },
    from: ['verified', 'awaiting_appointment', 'dispatched'],
    targets: ['dispatched', 'awaiting_appointment'],
    to: (i) => (i.appointmentAt ? 'dispatched' : 'awaiting_appointment'),
    roles: desk,
    input: repairInputs.dispatch,
    effect: ({ input, actor }) => ({
      assigneeId: input.technicianId,
      appointmentAt: input.appointmentAt ?? null,
      dispatchedBy: actor.staffId,
    }),
    sla: { stop: [{ sla: 'dispatch', reason: 'done' }] },
  }),
  schedule: action<In<'schedule'>>({
    label: { zh: '约定上门时间', en: 'Agree the appointment' },
    from: ['awaiting_appointment', 'dispatched'],
    targets: ['dispatched'],
    to: 'dispatched',
    roles: { ...desk, technician: assignee },
    input: repairInputs.schedule,
    effect: ({ input }) => ({ appointmentAt: input.appointmentAt }),
  }),
  start: action<In<'start'>>({
    label: { zh: '开始维修', en: 'Start work' },
    from: ['dispatched'],
    targets: ['in_progress'],
    to: 'in_progress',
    roles: technicianOnJob,
    input: repairInputs.start,
  }),
  progress: action<In<'progress'>>({
    label: { zh: '记录进度', en: 'Report progress' },
    from: ['in_progress'],
    targets: ['in_progress'],
    to: 'in_progress',
    roles: technicianOnJob,
    input: repairInputs.progress,
    effect: ({ input, ticket, actor, now }) => ({
      progress: [...(ticket.progress ?? []), { ...input, at: now, by: actor.staffId }],
      ...(input.expectedDurationMinutes ? { expectedDurationMinutes: input.expectedDurationMinutes } : {}),
    }),
  }),
  complete: action<In<'complete'>>({
    label: { zh: '完工', en: 'Complete' },
    from: ['in_progress'],
    targets: ['completed'],
    to: 'completed',
    roles: technicianOnJob,
    input: repairInputs.complete,
    /** The fee is the household's to pay only for a paid service they confirmed (seed 001 §5.5). */
    asks: (ticket) => (ticket.paidService?.confirmedAt ? { require: ['feeCents'] } : { omit: ['feeCents'] }),
    check: ({ input, ticket }) => {
      const paid = !!ticket.paidService?.confirmedAt;
      if (!paid && (input.feeCents ?? 0) > 0) {
        throw unprocessable(
          'fee_not_confirmed',
          'A fee can only be charged for a paid service whose fee the household confirmed',
          { feeCents: input.feeCents },
        );
      }
      if (paid && input.feeCents === undefined)
        throw unprocessable('fee_required', 'Enter the fee of this paid service (0 if none is charged)');
    },
    effect: ({ input, actor, now }) => ({
      completion: { ...input, feeCents: input.feeCents ?? 0, at: now, by: actor.staffId },
    }),
    sla: {
      stop: [{ sla: 'resolve', reason: 'done' }],
      start: [{ sla: 'followUp' }],
    },
  }),
  refuse: action<In<'refuse'>>({
    label: { zh: '业户不验收（返工）', en: 'Household does not accept (rework)' },
    from: ['completed'],
    targets: ['dispatched'],
    to: 'dispatched',
    roles: { ...desk, technician: assignee },
    input: repairInputs.refuse,
    // The rework is a new visit: the old appointment is over, a new one is agreed (schedule).
    effect: ({ input, ticket, actor, now }) => ({
      refusals: [...(ticket.refusals ?? []), { reason: input.reason, at: now, by: actor.staffId }],
      reopenCount: (ticket.reopenCount ?? 0) + 1,
      appointmentAt: null,
    }),
    sla: {
      stop: [{ sla: 'followUp', reason: 'void' }],
      start: [{ sla: 'resolve' }],
    },
  }),
  accept: action<In<'accept'>>({
    label: { zh: '业户验收', en: 'Household accepts' },
    from: ['completed'],
    targets: ['accepted'],
    to: 'accepted',
    roles: { ...desk, technician: assignee },
    input: repairInputs.accept,
    effect: ({ input, ticket, actor, now }) => ({
      acceptance: { ...input, at: now, by: actor.staffId },
      ...(ticket.paidService?.confirmedAt
        ? {
            chargeableItem: {
              amountCents: ticket.completion?.feeCents ?? 0,
              quotedFeeCents: ticket.paidService.quotedFeeCents,
              at: now,
            },
          }
        : {}),
    }),
    events: ({ ticket, now }) =>
      ticket.paidService?.confirmedAt && (ticket.completion?.feeCents ?? 0) > 0
        ? [
            {
              type: 'billing.chargeableItem',
              at: now,
              source: 'repair.paidService',
              amountCents: ticket.completion!.feeCents,
              quotedFeeCents: ticket.paidService.quotedFeeCents,
              exceedsQuote: ticket.completion!.feeCents > ticket.paidService.quotedFeeCents,
              ...(ticket.contact?.householdId ? { householdId: ticket.contact.householdId } : {}),
              ...(ticket.location?.unitId ? { unitId: ticket.location.unitId } : {}),
            },
          ]
        : [],
  }),
  followUp: action<In<'followUp'>>({
    label: { zh: '回访', en: 'Follow up' },
    from: ['accepted'],
    targets: ['followed_up', 'dispatched'],
    /** Not satisfied reopens the repair: back to the technician. */
    to: (i) => (i.satisfied ? 'followed_up' : 'dispatched'),
    roles: desk,
    input: repairInputs.followUp,
    effect: ({ input, ticket, actor, now }) => ({
      followUps: [...(ticket.followUps ?? []), { ...input, at: now, by: actor.staffId }],
      ...(input.satisfied ? {} : { reopenCount: (ticket.reopenCount ?? 0) + 1, appointmentAt: null }),
    }),
    sla: ({ input }) =>
      input.satisfied
        ? { stop: [{ sla: 'followUp', reason: 'done' }] }
        : { stop: [{ sla: 'followUp', reason: 'done' }], start: [{ sla: 'resolve' }] },
  }),
  close: action<In<'close'>>({
    label: { zh: '关闭', en: 'Close' },
    from: ['followed_up'],
    targets: ['closed'],
    to: 'closed',
    roles: desk,
    input: repairInputs.close,
  }),
  noteNotDone: action<In<'noteNotDone'>>({
    label: { zh: '填写未完成原因', en: 'Say why it is not done' },
    from: notDoneRepairStates,
    targets: notDoneRepairStates,
    // A note, not a step: the repair stays where it is.
    to: (_, ticket) => ticket.state as (typeof notDoneRepairStates)[number],
    roles: { ...desk, technician: assignee },
    input: repairInputs.noteNotDone,
    effect: ({ input, ticket, actor, now }) => ({
      notDoneReasons: [
        ...(ticket.notDoneReasons ?? []),
        { reason: input.reason, at: now, by: actor.staffId },
      ],
    }),
  }),
  cancel: action<In<'cancel'>>({
    label: { zh: '取消', en: 'Cancel' },
    from: ['registered', 'awaiting_fee_confirmation', 'verified', 'awaiting_appointment', 'dispatched'],
    targets: ['cancelled'],
    to: 'cancelled',
    roles: desk,
    input: repairInputs.cancel,
    effect: ({ input, actor, now }) => ({
      cancellation: { reason: input.reason, at: now, by: actor.staffId },
    }),
    sla: { stop: [{ sla: 'firstResponse', reason: 'void' }, ...ended] },
  }),
};
export type RepairAction = keyof typeof repairActions;

export const repairMachine: Machine<RepairState, RepairTicket, RepairAction, RepairSla> = {
  kind: 'repair',
  label: { zh: '报修', en: 'Repair' },
  states: repairStates,
  initial: 'registered',
  slas: repairSlas,
  create: action<In<'create'>>({
    label: { zh: '登记报修', en: 'Register a repair' },
    from: [],
    targets: ['registered'],
    to: 'registered',
    roles: { front_desk: true, security: true, property_manager: true, head_office: true },
    input: repairInputs.create,
    effect: ({ input }) => ({ ...input, assigneeId: null, reopenCount: 0 }),
    sla: { start: [{ sla: 'firstResponse' }, { sla: 'dispatch' }, { sla: 'resolve' }] },
  }),
  actions: repairActions,
};
