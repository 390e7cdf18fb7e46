/**
 * Random sequences of actions by random staff against each ticket machine. Most steps pick an action
 * some actor is allowed to take (so runs get deep: closed, reopened, cancelled); the rest pick any
 * action, any actor and sometimes garbage input (so illegal steps are exercised too).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { $ZodError as ZodError } from 'zod/v4/core';
import type { Actor } from '../../functions/shared/actor.ts';
import { AppError } from '../../functions/shared/errors.ts';
import {
  actionsFrom,
  advance,
  allowedActions,
  apply,
  create,
  type MachineEvent,
  machines,
  type TicketKind,
} from '../../functions/tickets/machines/index.ts';

const person = (staffId: string, ...roles: Actor['roles']): Actor => ({
  staffId,
  name: staffId,
  roles,
  propertyIds: ['prop0001'],
});
const actors: Actor[] = [
  person('desk0001', 'front_desk'),
  person('mgr00001', 'property_manager'),
  person('head0001', 'head_office'),
  person('tech0001', 'technician'),
  person('tech0002', 'technician'),
  person('fin00001', 'finance'),
  person('sec00001', 'security'),
  person('both0001', 'technician', 'front_desk'),
];
const staffIds = fc.constantFrom(...actors.map((a) => a.staffId));
const now = '2025-03-03T10:00:00+08:00';
/** Actions that end a ticket early; guided steps take them rarely. */
const exits = ['cancel', 'withdraw'];
const when = fc.constantFrom('2025-03-04T09:00:00+08:00', '2025-03-05T14:30:00+08:00');
const words = fc.constantFrom('好', '还在漏水', '已处理', 'ok');

const createInputs: Record<TicketKind, unknown> = {
  repair: {
    content: '卫生间堵塞',
    location: { unitId: 'unit0101' },
    contact: { name: '王芳', householdId: 'hh000001' },
    reportedAt: now,
  },
  complaint: {
    complainant: { name: '李明' },
    content: '电梯停运',
    category: 'facilities',
    severity: 'urgent',
    receivedAt: now,
  },
  inquiry: { contact: { name: '张伟' }, question: '快递柜在哪里？', receivedAt: now },
};

const inputs: Record<TicketKind, Record<string, fc.Arbitrary<unknown>>> = {
  repair: {
    verify: fc.oneof(
      fc.constant({ inScope: true }),
      fc.constant({ inScope: false, note: '业户自有设备' }),
      fc.record({
        inScope: fc.constant(true),
        paidService: fc.oneof(
          fc.record({ quotedFeeCents: fc.integer({ min: 1, max: 50_000 }), confirmed: fc.constant(false) }),
          fc.record({
            quotedFeeCents: fc.integer({ min: 1, max: 50_000 }),
            confirmed: fc.constant(true),
            confirmedVia: fc.constantFrom('signature', 'verbal'),
          }),
        ),
      }),
    ),
    confirmFee: fc.record({ confirmed: fc.boolean(), via: fc.constantFrom('signature', 'verbal') }),
    dispatch: fc.record(
      { technicianId: fc.constantFrom('tech0001', 'tech0002', 'both0001'), appointmentAt: when },
      { requiredKeys: ['technicianId'] },
    ),
    schedule: fc.record({ appointmentAt: when }),
    start: fc.constant({}),
    progress: fc.record(
      { note: words, expectedDurationMinutes: fc.integer({ min: 1, max: 600 }) },
      { requiredKeys: ['note'] },
    ),
    complete: fc.record({
      workDone: words,
      feeCents: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60_000 })),
      photoIds: fc.constant([]),
    }),
    accept: fc.oneof(
      fc.constant({ method: 'verbal' }),
      fc.constant({ method: 'signature', signatureAttachmentId: 'sig00001' }),
    ),
    refuse: fc.record({ reason: words }),
    followUp: fc.record({ satisfied: fc.boolean(), comment: words }),
    close: fc.constant({}),
    cancel: fc.record({ reason: words }),
    noteNotDone: fc.record({ reason: words }),
  },
  complaint: {
    acknowledge: fc.constant({}),
    assign: fc.record({ department: words, assigneeId: staffIds, deadlineAt: when }),
    reply: fc.record({ message: words }),
    checkSolved: fc.record({ solved: fc.boolean(), note: words }),
    callBack: fc.record({ satisfied: fc.boolean(), comment: words }),
    review: fc.record({ lesson: words, improvement: words }),
    close: fc.constant({}),
    withdraw: fc.record({ reason: words }),
  },
  inquiry: {
    agreeReplyTime: fc.record({ replyBy: when }),
    renegotiateReplyTime: fc.record({ replyBy: when, reason: words }),
    transfer: fc.record(
      { department: words, assigneeId: staffIds, note: words, replyBy: when },
      { requiredKeys: ['department', 'note'] },
    ),
    answer: fc.oneof(
      fc.constant({ text: '在 3 号楼旁', source: 'information_file', infoEntryId: 'info0001' }),
      fc.record({ text: words, source: fc.constantFrom('staff', 'department') }),
    ),
    close: fc.constant({}),
  },
};

interface Step {
  action: string;
  by: string;
  from: string;
  to: string;
  input: Record<string, unknown>;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** SLA clocks replayed from the events: what the persistence layer would do. */
class Clocks {
  running = new Set<string>();
  paused = false;
  constructor(private readonly declared: string[]) {}
  feed(events: MachineEvent[]) {
    for (const e of events) {
      if (e.type === 'sla.start') {
        expect(this.declared).toContain(e.sla);
        expect(this.running.has(e.sla), `${e.sla} started twice`).toBe(false);
        this.running.add(e.sla);
      } else if (e.type === 'sla.stop') {
        expect(this.declared).toContain(e.sla);
        this.running.delete(e.sla);
      } else if (e.type === 'sla.pause') {
        expect(this.paused).toBe(false);
        this.paused = true;
      } else if (e.type === 'sla.resume') {
        expect(this.paused).toBe(true);
        this.paused = false;
      }
    }
  }
}

const reached: Record<TicketKind, Record<string, number>> = { repair: {}, complaint: {}, inquiry: {} };

/** One random run; checks the per-step invariants and returns the successful steps. */
function randomRun(kind: TicketKind, g: fc.GeneratorValue) {
  const machine = machines[kind];
  const opened = create(machine, createInputs[kind], actors[0]!, { now });
  let ticket: Record<string, unknown> & { state: string } = advance({ state: machine.initial }, opened);
  const clocks = new Clocks(Object.keys(machine.slas));
  clocks.feed(opened.events);
  const steps: Step[] = [];
  const length = g(fc.integer, { min: 1, max: 60 });

  for (let i = 0; i < length; i++) {
    const guided = g(fc.integer, { min: 0, max: 9 }) < 8;
    let actor: Actor;
    let action: string;
    if (guided) {
      // Pick an action someone may take (rarely an exit such as cancel, so runs get deep), then who.
      const offered = new Set(actors.flatMap((a) => allowedActions(machine, ticket, a) as string[]));
      if (offered.size === 0) break;
      const onward = [...offered].filter((n) => !exits.includes(n));
      const pool = onward.length > 0 && g(fc.integer, { min: 0, max: 9 }) < 9 ? onward : [...offered];
      action = g(fc.constantFrom, ...pool);
      const name = action;
      actor = g(
        fc.constantFrom,
        ...actors.filter((a) => (allowedActions(machine, ticket, a) as string[]).includes(name)),
      );
    } else {
      actor = g(fc.constantFrom, ...actors);
      action = g(fc.constantFrom, ...Object.keys(machine.actions));
    }
    const garbage = !guided && g(fc.boolean);
    const input = garbage ? g(() => fc.anything()) : g(() => inputs[kind][action]!);
    const mayBefore = (allowedActions(machine, ticket, actor) as string[]).includes(action);
    const before = structuredClone(ticket);
    deepFreeze(ticket);

    let transition: ReturnType<typeof apply>;
    try {
      transition = apply(machine, ticket, action, input, actor, { now });
    } catch (error) {
      // An illegal action never changes the ticket.
      expect(ticket).toEqual(before);
      if (error instanceof AppError && error.status === 409) {
        expect(actionsFrom(machine, ticket.state)).not.toContain(action);
        expect((error.details as { allowed: string[] }).allowed).toEqual(
          allowedActions(machine, ticket, actor),
        );
      } else if (error instanceof AppError && error.status === 403) {
        expect(actionsFrom(machine, ticket.state)).toContain(action);
        expect(mayBefore).toBe(false);
      } else if (!(error instanceof ZodError || (error instanceof AppError && error.status === 422))) {
        throw error;
      }
      continue;
    }
    // A legal action is one the UI offered; it lands on a state of the machine it declares.
    expect(mayBefore).toBe(true);
    expect(Object.keys(machine.states)).toContain(transition.nextState);
    const def = (machine.actions as Record<string, { targets: readonly string[] }>)[action]!;
    expect(def.targets).toContain(transition.nextState);
    expect(transition.changes).not.toHaveProperty('state');
    clocks.feed(transition.events);
    steps.push({
      action,
      by: actor.staffId,
      from: ticket.state,
      to: transition.nextState,
      input: transition.input as Record<string, unknown>,
    });
    ticket = advance(ticket, transition);
    // The clock is paused exactly while waiting for the household.
    expect(clocks.paused).toBe(
      !!(machine.states as Record<string, { pausesSla?: boolean }>)[ticket.state]?.pausesSla,
    );
  }

  const terminal = !!(machine.states as Record<string, { terminal?: boolean }>)[ticket.state]?.terminal;
  if (terminal) {
    // Terminal states accept no action from anybody, and no SLA clock is left running.
    for (const a of actors) expect(allowedActions(machine, ticket, a)).toEqual([]);
    for (const action of Object.keys(machine.actions)) {
      const error = (() => {
        try {
          apply(machine, ticket, action, {}, actors[2]!);
        } catch (e) {
          return e;
        }
      })();
      expect((error as AppError).status).toBe(409);
    }
    expect([...clocks.running]).toEqual([]);
  }
  reached[kind][ticket.state] = (reached[kind][ticket.state] ?? 0) + 1;
  return { ticket, steps };
}

const runs = { numRuns: 300 };

// 300 random runs each: CPU-bound, so give a busy shared machine room (this is not a timing assertion).
describe('ticket machines under random action sequences', { timeout: 60_000 }, () => {
  it('repairs: closed only after completion, acceptance and a satisfied follow-up; unsatisfied always reopens', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const { ticket, steps } = randomRun('repair', g);
        for (const [i, step] of steps.entries()) {
          if (step.action === 'followUp' && step.input.satisfied === false) {
            expect(step.to).toBe('dispatched');
          }
          if (step.to === 'closed') {
            expect(i).toBe(steps.length - 1);
            expect(steps.slice(i - 3, i + 1).map((s) => s.action)).toEqual([
              'complete',
              'accept',
              'followUp',
              'close',
            ]);
            expect(steps[i - 1]!.input.satisfied).toBe(true);
            expect(steps[i - 1]!.to).toBe('followed_up');
          }
        }
        if (ticket.state === 'closed') expect(steps.at(-1)!.from).toBe('followed_up');
        // Paid work is billed only with a fee the household confirmed.
        const item = ticket.chargeableItem as { amountCents: number } | undefined;
        if (item) expect((ticket.paidService as { confirmedAt: string | null }).confirmedAt).not.toBeNull();
      }),
      runs,
    );
    expect(reached.repair.closed ?? 0).toBeGreaterThan(0);
    expect((reached.repair.cancelled ?? 0) + (reached.repair.out_of_scope ?? 0)).toBeGreaterThan(0);
  });

  it('complaints: closed only after replied → checked solved → satisfied call-back → reviewed', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const { steps } = randomRun('complaint', g);
        for (const [i, step] of steps.entries()) {
          if (step.action === 'callBack' && step.input.satisfied === false)
            expect(step.to).toBe('acknowledged');
          if (step.to === 'closed') {
            expect(steps.slice(i - 4, i + 1).map((s) => s.to)).toEqual([
              'replied',
              'resolved',
              'called_back',
              'reviewed',
              'closed',
            ]);
            expect(steps[i - 3]!.input.solved).toBe(true);
            expect(steps[i - 2]!.input.satisfied).toBe(true);
          }
        }
      }),
      runs,
    );
    expect(reached.complaint.closed ?? 0).toBeGreaterThan(0);
  });

  it('inquiries: closed only once answered; an answer after a transfer stops the agreed-time clock', () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const { steps } = randomRun('inquiry', g);
        for (const [i, step] of steps.entries()) {
          if (step.to === 'closed') expect(steps[i - 1]!.to).toBe('answered');
        }
      }),
      runs,
    );
    expect(reached.inquiry.closed ?? 0).toBeGreaterThan(0);
  });
});
