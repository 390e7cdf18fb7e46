/**
 * The ticket state-machine engine. A machine is data: its states, and its actions with their
 * from-states, target state (fixed, or chosen from the action's input), the roles allowed (each role
 * either outright or behind a guard such as "must be the assignee"), a zod input schema, the ticket
 * fields the action writes and the SLA clocks it starts and stops.
 *
 * Pure: no I/O and no clock of its own (the caller passes `now`). `apply` never mutates the ticket it
 * is given; it returns the next state, the field changes and the events, and the caller persists them
 * (see `advance` for the merge). Illegal transitions throw 409 `illegal_transition` naming the actions
 * that are allowed.
 */
import type * as z from 'zod/mini';
import type { Actor } from '../../shared/actor.ts';
import { AppError, badRequest, conflict } from '../../shared/errors.ts';
import type { Role } from '../../shared/permissions.ts';

export type Label = { zh: string; en: string };

/** The fields every ticket has that the engine itself reads. */
export interface TicketBase<S extends string = string> {
  state: S;
  /** The staff member the ticket is with (technician, responsible person); the `assignee` guard reads it. */
  assigneeId?: string | null;
}

export interface StateDef {
  label: Label;
  /** No action leaves this state. */
  terminal?: boolean;
  /** Waiting for the household: every running SLA clock of the ticket is paused while in this state. */
  pausesSla?: boolean;
  /** The assignee's work is done (a completed repair awaiting acceptance): on their list of done jobs. */
  jobDone?: boolean;
}

/** A condition on the ticket and the actor, evaluated on every apply/allowedActions call. */
export interface Guard<T> {
  name: string;
  description: string;
  check(ticket: T, actor: Actor): boolean;
}

/** A role may take an action outright (`true`) or only when a guard holds for the ticket and actor. */
export type RoleRule<T> = true | Guard<T>;

/** A clock the machine starts and stops; how long it runs is the policy's (functions/sla/standards.ts). */
export interface SlaDef {
  label: Label;
}

export interface SlaHooks<K extends string = string> {
  /** Clocks this transition starts; `dueAt` when the due time is fixed by the input (an agreed time). */
  start?: { sla: K; dueAt?: string }[];
  /** Clocks it stops: `done` = the target was reached; `void` = the target no longer applies. */
  stop?: { sla: K; reason: 'done' | 'void' }[];
}

export type SlaEvent =
  | { type: 'sla.start'; sla: string; at: string; dueAt?: string }
  | { type: 'sla.stop'; sla: string; at: string; reason: 'done' | 'void' }
  | { type: 'sla.pause'; at: string; state: string }
  | { type: 'sla.resume'; at: string; state: string };

/** Something another part of the product acts on (billing, notifications). */
export type DomainEvent = {
  type: 'billing.chargeableItem';
  at: string;
  /** One chargeable item per ticket: a later event for the same ticket replaces the earlier one. */
  source: 'repair.paidService';
  amountCents: number;
  quotedFeeCents: number;
  exceedsQuote: boolean;
  householdId?: string;
  unitId?: string;
};

export type MachineEvent = SlaEvent | DomainEvent;

export interface ActionContext<S extends string, T, I> {
  input: I;
  ticket: T;
  actor: Actor;
  now: string;
  from: S | null;
  to: S;
}

export interface ActionDef<S extends string, T, I, K extends string = string> {
  label: Label;
  /** States the action may be taken from (empty for the create action). */
  from: readonly S[];
  /** Every state `to` can return: checked against the machine, so no action reaches an unknown state. */
  targets: readonly S[];
  to: S | ((input: I, ticket: T) => S);
  roles: Partial<Record<Role, RoleRule<T>>>;
  input: z.ZodMiniType<I>;
  /**
   * Which of the input's fields this ticket's form asks for, when that depends on the ticket: `omit`
   * fields are not asked (left out of the input), `require` fields must be filled. The ticket detail
   * answers it per action, so the dashboard never keeps a copy of the rule.
   */
  asks?(ticket: T): { omit?: string[]; require?: string[] };
  /** Business checks that need the ticket as well as the input; throw an AppError (422). */
  check?(ctx: ActionContext<S, T, I>): void;
  /** Ticket fields the action writes (never `state`: the engine sets it). */
  effect?(ctx: ActionContext<S, T, I>): Partial<T>;
  sla?: SlaHooks<K> | ((ctx: ActionContext<S, T, I>) => SlaHooks<K>);
  events?(ctx: ActionContext<S, T, I>): DomainEvent[];
}

export interface Machine<S extends string, T extends TicketBase<S>, A extends string, K extends string> {
  kind: string;
  label: Label;
  states: Record<S, StateDef>;
  initial: S;
  slas: Record<K, SlaDef>;
  /**
   * Opening a ticket: `from` is empty, `to` is the initial state, or a later one when the opening
   * already did that step (an inquiry whose reply time was agreed in the ledger entry).
   */
  create: ActionDef<S, T, unknown, K>;
  actions: Record<A, ActionDef<S, T, unknown, K>>;
}

// biome-ignore lint/suspicious/noExplicitAny: a machine of any kind, for code that handles all of them
export type AnyMachine = Machine<any, any, any, any>;

/** Declares one action with its input type inferred from the schema (and checked in effect/to). */
export const actionsOf =
  <S extends string, T, K extends string>() =>
  <I>(def: ActionDef<S, T, I, K>): ActionDef<S, T, unknown, K> =>
    def as unknown as ActionDef<S, T, unknown, K>;

export const assignee: Guard<TicketBase> = {
  name: 'assignee',
  description: 'Only the staff member the ticket is assigned to',
  check: (ticket, actor) => !!ticket.assigneeId && ticket.assigneeId === actor.staffId,
};

export interface Transition<S extends string = string, T = unknown> {
  kind: string;
  action: string;
  from: S | null;
  nextState: S;
  /** The parsed input, for the ticket's history. */
  input: unknown;
  changes: Partial<T>;
  events: MachineEvent[];
  at: string;
  by: string;
}

const nowIso = (now?: Date | string) => (typeof now === 'string' ? now : (now ?? new Date()).toISOString());

/** Whether one of the actor's roles may take the action on this ticket (guards evaluated). */
export function mayTake<T>(def: ActionDef<string, T, unknown>, ticket: T, actor: Actor): boolean {
  return actor.roles.some((role) => {
    const rule = def.roles[role];
    return rule === true || !!rule?.check(ticket, actor);
  });
}

/** Actions the actor may take on the ticket now: the UI's buttons. */
export function allowedActions<M extends AnyMachine>(
  machine: M,
  ticket: TicketBase,
  actor: Actor,
): (keyof M['actions'] & string)[] {
  return actionsFrom(machine, ticket.state).filter((name) => mayTake(machine.actions[name]!, ticket, actor));
}

/** The ticket-dependent field rules (`asks`) of the given actions, for those that have any. */
export function actionAsks(
  machine: AnyMachine,
  ticket: TicketBase,
  actions: readonly string[],
): Record<string, { omit: string[]; require: string[] }> {
  const out: Record<string, { omit: string[]; require: string[] }> = {};
  for (const name of actions) {
    const asked = (machine.actions[name] as ActionDef<string, TicketBase, unknown> | undefined)?.asks?.(
      ticket,
    );
    if (asked) out[name] = { omit: asked.omit ?? [], require: asked.require ?? [] };
  }
  return out;
}

/** Actions anyone (some role) may take from a state. */
export function actionsFrom<M extends AnyMachine>(
  machine: M,
  state: string,
): (keyof M['actions'] & string)[] {
  if (machine.states[state]?.terminal) return [];
  return Object.entries(machine.actions as Record<string, ActionDef<string, unknown, unknown>>)
    .filter(([, def]) => def.from.includes(state))
    .map(([name]) => name);
}

function run(
  machine: AnyMachine,
  def: ActionDef<string, unknown, unknown>,
  name: string,
  ticket: unknown,
  from: string | null,
  rawInput: unknown,
  actor: Actor,
  now: string,
): Transition {
  const input = def.input.parse(rawInput ?? {});
  const to = typeof def.to === 'function' ? def.to(input, ticket) : def.to;
  if (!def.targets.includes(to) || !(to in machine.states)) {
    throw new Error(`${machine.kind}.${name} chose state ${to}, which it does not declare`);
  }
  const ctx: ActionContext<string, unknown, unknown> = { input, ticket, actor, now, from, to };
  def.check?.(ctx);
  const changes = { ...(def.effect?.(ctx) ?? {}) } as Record<string, unknown>;
  delete changes.state;

  const events: MachineEvent[] = [];
  const hooks = typeof def.sla === 'function' ? def.sla(ctx) : (def.sla ?? {});
  for (const stop of hooks.stop ?? []) {
    events.push({ type: 'sla.stop', sla: stop.sla, at: now, reason: stop.reason });
  }
  for (const start of hooks.start ?? []) {
    events.push({
      type: 'sla.start',
      sla: start.sla,
      at: now,
      ...(start.dueAt ? { dueAt: start.dueAt } : {}),
    });
  }
  const wasPaused = from !== null && !!machine.states[from]?.pausesSla;
  const isPaused = !!machine.states[to]?.pausesSla;
  if (!wasPaused && isPaused) events.push({ type: 'sla.pause', at: now, state: to });
  if (wasPaused && !isPaused) events.push({ type: 'sla.resume', at: now, state: to });
  events.push(...(def.events?.(ctx) ?? []));

  return {
    kind: machine.kind,
    action: name,
    from,
    nextState: to,
    input,
    changes,
    events,
    at: now,
    by: actor.staffId,
  };
}

function forbiddenAction(machine: AnyMachine, name: string, ticket: TicketBase | null, actor: Actor) {
  const def: ActionDef<string, unknown, unknown> =
    name === 'create' ? machine.create : machine.actions[name]!;
  const guards = Object.entries(def.roles)
    .filter(([role, rule]) => actor.roles.includes(role as Role) && rule !== true)
    .map(([, rule]) => (rule as Guard<unknown>).description);
  return new AppError(
    403,
    'forbidden',
    guards.length
      ? `${machine.kind}: ${name}: ${guards.join('; ')}`
      : `${machine.kind}: your role may not ${name}`,
    {
      state: ticket?.state ?? null,
      action: name,
      roles: Object.keys(def.roles),
      guards,
      allowed: ticket ? allowedActions(machine, ticket, actor) : [],
    },
  );
}

/** Opens a ticket: the create action's input, validated; returns the initial state and fields. */
export function create<M extends AnyMachine>(
  machine: M,
  input: unknown,
  actor: Actor,
  opts: { now?: Date | string } = {},
): Transition<M['initial'], M extends Machine<infer _S, infer T, infer _A, infer _K> ? T : never> {
  if (!mayTake(machine.create, {}, actor)) throw forbiddenAction(machine, 'create', null, actor);
  return run(machine, machine.create, 'create', {}, null, input, actor, nowIso(opts.now)) as never;
}

/**
 * Takes `action` on `ticket` as `actor`. Throws 409 `illegal_transition` (the state does not allow
 * the action), 403 `forbidden` (role or guard), a ZodError (bad input, 400) or a 422 from the
 * action's checks. Never mutates the ticket.
 */
export function apply<M extends AnyMachine>(
  machine: M,
  ticket: TicketBase,
  action: string,
  input: unknown,
  actor: Actor,
  opts: { now?: Date | string } = {},
): Transition {
  const state = ticket.state;
  if (!(state in machine.states)) {
    throw new Error(`${machine.kind} ticket is in state ${state}, which the machine does not know`);
  }
  const def = Object.hasOwn(machine.actions, action)
    ? (machine.actions[action] as ActionDef<string, unknown, unknown>)
    : undefined;
  if (!def) {
    throw badRequest('unknown_action', `${machine.kind} has no action ${action}`, {
      action,
      actions: Object.keys(machine.actions),
    });
  }
  if (machine.states[state]?.terminal || !def.from.includes(state)) {
    const allowed = allowedActions(machine, ticket, actor);
    throw conflict(
      'illegal_transition',
      `${machine.kind}: cannot ${action} in state ${state}; allowed: ${allowed.join(', ') || 'none'}`,
      { kind: machine.kind, state, action, allowed, availableInState: actionsFrom(machine, state) },
    );
  }
  if (!mayTake(def, ticket, actor)) throw forbiddenAction(machine, action, ticket, actor);
  return run(machine, def, action, ticket, state, input, actor, nowIso(opts.now));
}

/** The ticket after a transition: the caller's merge, for tests and in-memory use. */
export function advance<T extends TicketBase>(ticket: T, transition: Transition): T {
  return { ...ticket, ...(transition.changes as Partial<T>), state: transition.nextState };
}

/** Structural checks on a machine definition; the unit tests run it for every machine. */
export function validateMachine(machine: AnyMachine): string[] {
  const problems: string[] = [];
  const states = Object.keys(machine.states);
  if (!states.includes(machine.initial)) problems.push(`initial ${machine.initial} is not a state`);
  if (!machine.create.targets.includes(machine.initial)) {
    problems.push('create must be able to open in the initial state');
  }
  for (const t of machine.create.targets as string[]) {
    if (!states.includes(t)) problems.push(`create: ${t} is not a state`);
  }
  const defs = Object.entries(machine.actions as Record<string, ActionDef<string, unknown, unknown>>);
  for (const [name, def] of defs) {
    for (const s of [...def.from, ...def.targets]) {
      if (!states.includes(s)) problems.push(`${name}: ${s} is not a state`);
    }
    for (const s of def.from) {
      if (machine.states[s]?.terminal) problems.push(`${name}: leaves terminal state ${s}`);
    }
    if (def.from.length === 0) problems.push(`${name}: has no from-state`);
    if (typeof def.to === 'string' && !def.targets.includes(def.to)) {
      problems.push(`${name}: to ${def.to} is not among its targets`);
    }
    if (Object.keys(def.roles).length === 0) problems.push(`${name}: no role may take it`);
  }
  // Every state is reachable from the initial state.
  const seen = new Set<string>([machine.initial]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [, def] of defs) {
      if (def.from.some((s) => seen.has(s))) {
        for (const t of def.targets) {
          if (!seen.has(t)) {
            seen.add(t);
            grew = true;
          }
        }
      }
    }
  }
  for (const s of states) if (!seen.has(s)) problems.push(`${s} is unreachable`);
  return problems;
}
