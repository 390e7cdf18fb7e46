import { describe, expect, it } from 'vitest';
import { $ZodError as ZodError } from 'zod/v4/core';
import type { Actor } from '../../functions/shared/actor.ts';
import { AppError } from '../../functions/shared/errors.ts';
import {
  advance,
  allowedActions,
  apply,
  type ComplaintTicket,
  create,
  type InquiryTicket,
  type MachineEvent,
  machines,
  type RepairTicket,
  validateMachine,
} from '../../functions/tickets/machines/index.ts';

const staff = (staffId: string, role: Actor['roles'][number]): Actor => ({
  staffId,
  name: staffId,
  roles: [role],
  propertyIds: ['prop0001'],
});
const desk = staff('desk0001', 'front_desk');
const manager = staff('mgr00001', 'property_manager');
const tech = staff('tech0001', 'technician');
const otherTech = staff('tech0002', 'technician');
const finance = staff('fin00001', 'finance');
const guard = staff('sec00001', 'security');

const now = '2025-03-03T10:00:00+08:00';
const later = '2025-03-04T15:00:00+08:00';

/** Runs the steps in order from a new ticket, collecting every event. */
function walk<T extends { state: string }>(
  machine: (typeof machines)[keyof typeof machines],
  createInput: unknown,
  steps: [action: string, input: unknown, actor: Actor][],
  opener: Actor = desk,
) {
  const opened = create(machine, createInput, opener, { now });
  let ticket = advance({ state: machine.initial } as T, opened);
  const events: MachineEvent[] = [...opened.events];
  for (const [action, input, actor] of steps) {
    const t = apply(machine, ticket, action, input, actor, { now });
    events.push(...t.events);
    ticket = advance(ticket, t);
  }
  return { ticket, events };
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const slaOf = (events: MachineEvent[]) =>
  events.flatMap((e) =>
    e.type === 'sla.start' || e.type === 'sla.stop'
      ? [`${e.type}:${e.sla}`]
      : e.type === 'sla.pause' || e.type === 'sla.resume'
        ? [`${e.type}:${e.state}`]
        : [],
  );

const newRepair = {
  content: '厨房水龙头漏水',
  location: { unitId: 'unit1502' },
  contact: { name: '王芳', phone: '13812345678', householdId: 'hh000001' },
  reportedAt: now,
  photoIds: ['photo001'],
};
const toAccepted: [string, unknown, Actor][] = [
  ['verify', { inScope: true }, desk],
  ['dispatch', { technicianId: 'tech0001', appointmentAt: later }, desk],
  ['start', {}, tech],
  ['complete', { workDone: '更换阀芯', feeCents: 0, photoIds: [] }, tech],
  ['accept', { method: 'signature', signatureAttachmentId: 'sig00001' }, tech],
];

describe('the machines are well formed', () => {
  it.each(Object.keys(machines))(
    '%s: every state is reachable, no action leaves a terminal state',
    (kind) => {
      expect(validateMachine(machines[kind as keyof typeof machines])).toEqual([]);
    },
  );
});

describe('repairs', () => {
  it('front desk: a free repair goes registered → … → followed up → closed, with its SLA clocks', () => {
    const { ticket, events } = walk<RepairTicket>(machines.repair, newRepair, [
      ...toAccepted,
      ['followUp', { satisfied: true, comment: '满意' }, desk],
      ['close', {}, desk],
    ]);
    expect(ticket.state).toBe('closed');
    expect(ticket.assigneeId).toBe('tech0001');
    expect(ticket.followUps?.[0]).toMatchObject({ satisfied: true, by: 'desk0001' });
    expect(slaOf(events)).toEqual([
      'sla.start:firstResponse',
      'sla.start:dispatch',
      'sla.start:resolve',
      'sla.stop:firstResponse',
      'sla.stop:dispatch',
      'sla.stop:resolve',
      'sla.start:followUp',
      'sla.stop:followUp',
    ]);
    expect(events.some((e) => e.type === 'billing.chargeableItem')).toBe(false);
  });

  it('technician: cannot close a repair that has not been followed up — 409 names the allowed actions', () => {
    const { ticket } = walk<RepairTicket>(machines.repair, newRepair, toAccepted);
    const error = thrown(() => apply(machines.repair, ticket, 'close', {}, tech)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(409);
    expect(error.code).toBe('illegal_transition');
    expect(error.details).toMatchObject({
      state: 'accepted',
      action: 'close',
      allowed: [],
      availableInState: ['followUp'],
    });
  });

  it('front desk: closing before the follow-up call is refused, and the 409 says "followUp"', () => {
    const { ticket } = walk<RepairTicket>(machines.repair, newRepair, toAccepted);
    const error = thrown(() => apply(machines.repair, ticket, 'close', {}, desk)) as AppError;
    expect(error.status).toBe(409);
    expect(error.details).toMatchObject({ allowed: ['followUp'] });
    expect(error.message).toContain('followUp');
  });

  it('household: not satisfied at the follow-up call reopens the repair with the same technician', () => {
    const { ticket, events } = walk<RepairTicket>(machines.repair, newRepair, [
      ...toAccepted,
      ['followUp', { satisfied: false, comment: '还在漏' }, desk],
    ]);
    expect(ticket.state).toBe('dispatched');
    expect(ticket.assigneeId).toBe('tech0001');
    expect(ticket.reopenCount).toBe(1);
    expect(slaOf(events).slice(-2)).toEqual(['sla.stop:followUp', 'sla.start:resolve']);
    expect(allowedActions(machines.repair, ticket, tech)).toContain('start');
  });

  it('technician: only the assigned technician may start, report progress and complete', () => {
    const { ticket } = walk<RepairTicket>(machines.repair, newRepair, toAccepted.slice(0, 2));
    expect(allowedActions(machines.repair, ticket, tech)).toEqual(['schedule', 'start', 'noteNotDone']);
    expect(allowedActions(machines.repair, ticket, otherTech)).toEqual([]);
    const error = thrown(() => apply(machines.repair, ticket, 'start', {}, otherTech)) as AppError;
    expect(error.status).toBe(403);
    expect(error.details).toMatchObject({ guards: ['Only the staff member the ticket is assigned to'] });
  });

  it('finance: may not dispatch a repair (403, the state allows it but the role does not)', () => {
    const { ticket } = walk<RepairTicket>(machines.repair, newRepair, toAccepted.slice(0, 1));
    const error = thrown(() =>
      apply(machines.repair, ticket, 'dispatch', { technicianId: 'tech0001' }, finance),
    ) as AppError;
    expect(error.status).toBe(403);
  });

  it('front desk: outside the service scope, with a reason, ends the repair; nothing more can be done', () => {
    const { ticket, events } = walk<RepairTicket>(machines.repair, newRepair, [
      ['verify', { inScope: false, note: '业户自有家电' }, desk],
    ]);
    expect(ticket.state).toBe('out_of_scope');
    expect(slaOf(events).slice(3)).toEqual([
      'sla.stop:firstResponse',
      'sla.stop:dispatch',
      'sla.stop:resolve',
    ]);
    for (const actor of [desk, manager, tech])
      expect(allowedActions(machines.repair, ticket, actor)).toEqual([]);
    const opened = walk<RepairTicket>(machines.repair, newRepair, []).ticket;
    expect(thrown(() => apply(machines.repair, opened, 'verify', { inScope: false }, desk))).toBeInstanceOf(
      ZodError,
    );
  });

  it('household: a paid service waits (clock paused) for the fee to be confirmed; the fee is billed on acceptance', () => {
    const { ticket, events } = walk<RepairTicket>(machines.repair, newRepair, [
      ['verify', { inScope: true, paidService: { quotedFeeCents: 8000, confirmed: false } }, desk],
    ]);
    expect(ticket.state).toBe('awaiting_fee_confirmation');
    expect(events.at(-1)).toMatchObject({ type: 'sla.pause', state: 'awaiting_fee_confirmation' });

    const confirmed = apply(machines.repair, ticket, 'confirmFee', { confirmed: true, via: 'verbal' }, desk, {
      now,
    });
    expect(confirmed.nextState).toBe('verified');
    expect(confirmed.events).toEqual([{ type: 'sla.resume', at: now, state: 'verified' }]);

    let t = advance(ticket, confirmed);
    for (const [action, input, actor] of [
      ['dispatch', { technicianId: 'tech0001', appointmentAt: later }, desk],
      ['start', {}, tech],
      [
        'complete',
        {
          workDone: '更换热水器阀门',
          materials: [{ name: '阀门', quantity: 1 }],
          feeCents: 8000,
          photoIds: [],
        },
        tech,
      ],
    ] as const) {
      t = advance(t, apply(machines.repair, t, action, input, actor, { now }));
    }
    const accepted = apply(machines.repair, t, 'accept', { method: 'verbal' }, desk, { now });
    expect(accepted.events).toContainEqual({
      type: 'billing.chargeableItem',
      at: now,
      source: 'repair.paidService',
      amountCents: 8000,
      quotedFeeCents: 8000,
      exceedsQuote: false,
      householdId: 'hh000001',
      unitId: 'unit1502',
    });
    expect(accepted.changes).toMatchObject({ chargeableItem: { amountCents: 8000 } });
  });

  it('household: declining the quoted fee cancels the repair', () => {
    const { ticket } = walk<RepairTicket>(machines.repair, newRepair, [
      ['verify', { inScope: true, paidService: { quotedFeeCents: 8000, confirmed: false } }, desk],
      ['confirmFee', { confirmed: false, via: 'verbal' }, desk],
    ]);
    expect(ticket.state).toBe('cancelled');
  });

  it('technician: cannot charge a fee on a free repair (422) nor a fee in yuan decimals (400)', () => {
    const { ticket } = walk<RepairTicket>(machines.repair, newRepair, toAccepted.slice(0, 3));
    const feeOnFree = thrown(() =>
      apply(machines.repair, ticket, 'complete', { workDone: 'x', feeCents: 500, photoIds: [] }, tech),
    ) as AppError;
    expect(feeOnFree.status).toBe(422);
    expect(feeOnFree.code).toBe('fee_not_confirmed');
    expect(
      thrown(() =>
        apply(machines.repair, ticket, 'complete', { workDone: 'x', feeCents: 12.5, photoIds: [] }, tech),
      ),
    ).toBeInstanceOf(ZodError);
  });

  it('front desk: dispatching before the household picks a time pauses the clock until it is agreed', () => {
    const { ticket, events } = walk<RepairTicket>(machines.repair, newRepair, [
      ['verify', { inScope: true }, desk],
      ['dispatch', { technicianId: 'tech0001' }, desk],
    ]);
    expect(ticket.state).toBe('awaiting_appointment');
    expect(events.at(-1)).toMatchObject({ type: 'sla.pause' });
    const scheduled = apply(machines.repair, ticket, 'schedule', { appointmentAt: later }, tech, { now });
    expect(scheduled.nextState).toBe('dispatched');
    expect(scheduled.events).toEqual([{ type: 'sla.resume', at: now, state: 'dispatched' }]);
  });

  it('household: a signature acceptance needs the signature attached; a verbal one is recorded as such', () => {
    const { ticket } = walk<RepairTicket>(machines.repair, newRepair, toAccepted.slice(0, 4));
    expect(
      thrown(() => apply(machines.repair, ticket, 'accept', { method: 'signature' }, tech)),
    ).toBeInstanceOf(ZodError);
    const verbal = apply(machines.repair, ticket, 'accept', { method: 'verbal', note: '电话确认' }, desk, {
      now,
    });
    expect(verbal.changes).toMatchObject({ acceptance: { method: 'verbal', by: 'desk0001' } });
  });

  it('front desk: a repair is cancelled with a reason, but not once the work has started', () => {
    const { ticket } = walk<RepairTicket>(machines.repair, newRepair, toAccepted.slice(0, 2));
    expect(thrown(() => apply(machines.repair, ticket, 'cancel', {}, desk))).toBeInstanceOf(ZodError);
    expect(apply(machines.repair, ticket, 'cancel', { reason: '业户自行修好' }, desk).nextState).toBe(
      'cancelled',
    );
    const started = walk<RepairTicket>(machines.repair, newRepair, toAccepted.slice(0, 3)).ticket;
    const error = thrown(() => apply(machines.repair, started, 'cancel', { reason: 'x' }, desk)) as AppError;
    expect(error.status).toBe(409);
  });

  it('security: may register a repair from the night hotline; technicians may not', () => {
    expect(create(machines.repair, newRepair, guard, { now }).nextState).toBe('registered');
    expect((thrown(() => create(machines.repair, newRepair, tech)) as AppError).status).toBe(403);
  });

  it('nobody: an illegal action leaves the ticket exactly as it was', () => {
    const { ticket } = walk<RepairTicket>(machines.repair, newRepair, toAccepted);
    const before = structuredClone(ticket);
    Object.freeze(ticket);
    thrown(() => apply(machines.repair, ticket, 'close', {}, manager));
    thrown(() => apply(machines.repair, ticket, 'nonsense', {}, manager));
    expect(ticket).toEqual(before);
    expect((thrown(() => apply(machines.repair, ticket, 'nonsense', {}, manager)) as AppError).status).toBe(
      400,
    );
  });
});

const newComplaint = {
  complainant: { name: '李明', phone: '13900001111', unitId: 'unit0801' },
  content: '楼上装修噪音，晚上十点后仍在施工',
  category: 'renovation',
  severity: 'normal',
  receivedAt: now,
};
const toClosedComplaint: [string, unknown, Actor][] = [
  ['acknowledge', { note: '已致歉' }, desk],
  ['assign', { department: '秩序维护部', assigneeId: 'sec00001', deadlineAt: later }, desk],
  ['reply', { message: '已约谈施工方，今晚起 20:00 后停工', expectedBy: later }, guard],
  ['checkSolved', { solved: true, note: '现场确认已停工' }, desk],
  ['callBack', { satisfied: true, comment: '满意' }, desk],
  ['review', { lesson: '装修时间未告知', improvement: '装修许可证上写明施工时间' }, manager],
  ['close', {}, desk],
];

describe('complaints', () => {
  it('front desk: a complaint is acknowledged, assigned, replied, checked solved, called back, reviewed, closed', () => {
    const { ticket, events } = walk<ComplaintTicket>(machines.complaint, newComplaint, toClosedComplaint);
    expect(ticket.state).toBe('closed');
    expect(ticket.review).toMatchObject({ by: 'mgr00001' });
    expect(slaOf(events)).toEqual([
      'sla.start:reply',
      'sla.stop:acknowledge',
      'sla.start:resolve',
      'sla.stop:reply',
      'sla.stop:resolve',
      'sla.stop:notify',
    ]);
    expect(events.find((e) => e.type === 'sla.start' && e.sla === 'resolve')).toMatchObject({ dueAt: later });
  });

  it('front desk: replying to a closed complaint is a 409 that names no allowed action', () => {
    const { ticket } = walk<ComplaintTicket>(machines.complaint, newComplaint, toClosedComplaint);
    const error = thrown(() =>
      apply(machines.complaint, ticket, 'reply', { message: '补充' }, manager),
    ) as AppError;
    expect(error.status).toBe(409);
    expect(error.details).toMatchObject({
      state: 'closed',
      action: 'reply',
      allowed: [],
      availableInState: [],
    });
  });

  it('front desk: cannot close a complaint that was never checked solved nor called back', () => {
    const { ticket } = walk<ComplaintTicket>(machines.complaint, newComplaint, toClosedComplaint.slice(0, 3));
    const error = thrown(() => apply(machines.complaint, ticket, 'close', {}, desk)) as AppError;
    expect(error.status).toBe(409);
    expect(error.details).toMatchObject({ state: 'replied', allowed: ['checkSolved', 'withdraw'] });
  });

  it('project manager: an urgent complaint starts the 5-minute notice clock and its own acknowledgement clock; acknowledging stops only the latter', () => {
    const opened = create(machines.complaint, { ...newComplaint, severity: 'urgent' }, desk, { now });
    expect(slaOf(opened.events)).toEqual(['sla.start:notify', 'sla.start:acknowledge', 'sla.start:reply']);
    const normal = create(machines.complaint, newComplaint, desk, { now });
    expect(slaOf(normal.events)).toEqual(['sla.start:reply']);
    const ticket = advance({ state: 'recorded' } as ComplaintTicket, opened);
    expect(slaOf(apply(machines.complaint, ticket, 'acknowledge', {}, manager).events)).toEqual([
      'sla.stop:acknowledge',
    ]);
  });

  it('front desk: not solved goes back to the department; not satisfied reopens for a new assignment', () => {
    const notSolved = walk<ComplaintTicket>(machines.complaint, newComplaint, [
      ...toClosedComplaint.slice(0, 3),
      ['checkSolved', { solved: false, note: '仍有噪音' }, desk],
    ]);
    expect(notSolved.ticket.state).toBe('assigned');
    const unhappy = walk<ComplaintTicket>(machines.complaint, newComplaint, [
      ...toClosedComplaint.slice(0, 4),
      ['callBack', { satisfied: false, comment: '不满意' }, desk],
    ]);
    expect(unhappy.ticket.state).toBe('acknowledged');
    expect(unhappy.ticket.reopenCount).toBe(1);
    expect(allowedActions(machines.complaint, unhappy.ticket, desk)).toEqual(['assign', 'withdraw']);
  });

  it('the responsible person replies; front desk not assigned may not (403), the manager may', () => {
    const { ticket } = walk<ComplaintTicket>(machines.complaint, newComplaint, toClosedComplaint.slice(0, 2));
    expect(
      (thrown(() => apply(machines.complaint, ticket, 'reply', { message: 'x' }, desk)) as AppError).status,
    ).toBe(403);
    expect(apply(machines.complaint, ticket, 'reply', { message: 'x' }, manager).nextState).toBe('replied');
    expect(allowedActions(machines.complaint, ticket, guard)).toEqual(['reply']);
  });

  it('front desk: may not write the review; the property manager does', () => {
    const { ticket } = walk<ComplaintTicket>(machines.complaint, newComplaint, toClosedComplaint.slice(0, 5));
    expect(allowedActions(machines.complaint, ticket, desk)).toEqual([]);
    expect(allowedActions(machines.complaint, ticket, manager)).toEqual(['review']);
  });
});

const newInquiry = {
  contact: { name: '张伟', phone: '13700002222' },
  question: '附近哪里可以办居住证？',
  receivedAt: now,
};

describe('inquiries', () => {
  it('front desk: answers at once from the information file, then closes; no clock runs', () => {
    const { ticket, events } = walk<InquiryTicket>(machines.inquiry, newInquiry, [
      [
        'answer',
        { text: '街道办事处，电话 12345', source: 'information_file', infoEntryId: 'info0001' },
        desk,
      ],
      ['close', {}, desk],
    ]);
    expect(ticket.state).toBe('closed');
    expect(slaOf(events)).toEqual([]);
  });

  it('front desk: agrees a reply time, transfers to finance (noted), finance answers within it', () => {
    const { ticket, events } = walk<InquiryTicket>(machines.inquiry, newInquiry, [
      ['agreeReplyTime', { replyBy: later }, desk],
      ['transfer', { department: '财务部', assigneeId: 'fin00001', note: '询问去年物业费发票' }, desk],
      ['answer', { text: '发票已开具，可到前台领取', source: 'department' }, finance],
    ]);
    expect(ticket.state).toBe('answered');
    expect(ticket.transfers?.[0]).toMatchObject({ department: '财务部', by: 'desk0001' });
    expect(events.filter((e) => e.type.startsWith('sla.'))).toEqual([
      { type: 'sla.start', sla: 'answer', at: now, dueAt: later },
      { type: 'sla.stop', sla: 'answer', at: now, reason: 'done' },
    ]);
  });

  it('front desk: cannot transfer without telling the household when to expect the answer (422)', () => {
    const { ticket } = walk<InquiryTicket>(machines.inquiry, newInquiry, []);
    const error = thrown(() =>
      apply(machines.inquiry, ticket, 'transfer', { department: '工程部', note: 'x' }, desk),
    ) as AppError;
    expect(error.status).toBe(422);
    expect(error.code).toBe('reply_time_required');
  });

  it('front desk: a reply time agreed in the ledger entry opens the inquiry awaiting the reply, its clock started', () => {
    const opened = create(machines.inquiry, { ...newInquiry, replyBy: later }, desk, { now });
    expect(opened.nextState).toBe('awaiting_reply');
    expect(opened.events).toEqual([{ type: 'sla.start', sla: 'answer', at: now, dueAt: later }]);
    expect(create(machines.inquiry, newInquiry, desk, { now }).nextState).toBe('received');
  });

  it('household agrees a new time before the first passes: renegotiated; once it passed, refused (422)', () => {
    const { ticket } = walk<InquiryTicket>(machines.inquiry, newInquiry, [
      ['agreeReplyTime', { replyBy: later }, desk],
    ]);
    const newer = '2025-03-05T15:00:00+08:00';
    const moved = apply(
      machines.inquiry,
      ticket,
      'renegotiateReplyTime',
      { replyBy: newer, reason: '业户同意' },
      desk,
      {
        now: '2025-03-04T09:00:00+08:00',
      },
    );
    expect(moved.nextState).toBe('awaiting_reply');
    expect(moved.changes).toMatchObject({ replyBy: newer, originalReplyBy: later });
    const passed = thrown(() =>
      apply(machines.inquiry, ticket, 'renegotiateReplyTime', { replyBy: newer, reason: '业户同意' }, desk, {
        now: '2025-03-04T15:01:00+08:00',
      }),
    ) as AppError;
    expect(passed.status).toBe(422);
    expect(passed.code).toBe('reply_time_passed');
  });

  it('finance: not the assignee, cannot answer an inquiry still at the front desk', () => {
    const { ticket } = walk<InquiryTicket>(machines.inquiry, newInquiry, []);
    expect(allowedActions(machines.inquiry, ticket, finance)).toEqual([]);
  });
});
