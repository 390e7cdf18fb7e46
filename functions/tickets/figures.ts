/**
 * Head-office figures, maintained on write: every ticket change ADDs to its property's day counters
 * (`DAY#<local day>`) and to the running gauge (`TICKETS#NOW`) inside the change's own transaction, so
 * a retried or lost change can never count twice or not at all (the ticket's version condition decides).
 * The counting rules live here; rates are derived on read (./figures-read.ts).
 */
import type { Property } from '../directory/records.ts';
import type { WriteOp } from '../shared/store.ts';
import { dayCountersAdd, ticketsNowAdd } from './items.ts';
import { localDay } from './local-day.ts';
import { machines, type TicketKind, type Transition } from './machines/index.ts';

type Counters = Record<string, number>;
type Place = Pick<Property, 'id' | 'timeZone'>;

/** The ticket fields the rules read (the ticket as it was before the change). */
export interface CountedTicket {
  kind: TicketKind;
  state: string;
  completion?: { at: string } | null;
  breaches?: unknown[];
  slas?: Record<string, { status: string; dueAt: string | null; clock: { startedAt: string } }>;
}

/**
 * The clocks whose on-time share the figures report: the complaint reply (72 h, 001 §5.4) and the
 * inquiry answered within the agreed time (001 篇3 §4.3.2). Each answer counts on the local day it was
 * due, on time or late; a late one the sweep already recorded as a breach counts from that breach.
 */
const measuredClocks = {
  complaint: { clock: 'reply', onTime: 'complaintRepliesOnTime', late: 'complaintRepliesLate' },
  inquiry: { clock: 'answer', onTime: 'inquiryAnswersOnTime', late: 'inquiryAnswersLate' },
} as const;

type MeasuredKind = keyof typeof measuredClocks;
const measuredOf = (kind: TicketKind) =>
  kind in measuredClocks ? measuredClocks[kind as MeasuredKind] : undefined;

/** A measured clock stopped done by this transition: on time or late, on its due day. */
function answerCounters(
  change: FigureChange,
  transition: Transition,
  ticket: CountedTicket,
  timeZone: string,
) {
  const measured = measuredOf(ticket.kind);
  if (!measured) return;
  const stopped = transition.events.some(
    (e) => e.type === 'sla.stop' && e.sla === measured.clock && e.reason === 'done',
  );
  const sla = ticket.slas?.[measured.clock];
  if (!stopped || !sla?.dueAt || sla.status !== 'running') return;
  const day = localDay(sla.dueAt, timeZone);
  if (Date.parse(transition.at) <= Date.parse(sla.dueAt)) {
    add(change, day, { [measured.onTime]: 1 });
    return;
  }
  const breached = (ticket.breaches as { clock?: string; clockStartedAt?: string }[] | undefined)?.some(
    (b) => b.clock === measured.clock && b.clockStartedAt === sla.clock.startedAt,
  );
  if (!breached) add(change, day, { [measured.late]: 1 });
}

/** What one change adds: counters per property-local day, and to the gauge of tickets now. */
export interface FigureChange {
  days: Record<string, Counters>;
  now: Counters;
}

const isEnded = (kind: TicketKind, state: string | null) =>
  !!state && !!(machines[kind].states as Record<string, { terminal?: boolean }>)[state]?.terminal;

function add(change: FigureChange, day: string, counters: Counters) {
  change.days[day] ??= {};
  const into = change.days[day];
  for (const [name, n] of Object.entries(counters)) into[name] = (into[name] ?? 0) + n;
}

/**
 * The counting rules of one machine transition. `ticket` is the ticket before it (null on create).
 * - opened / closed / cancelled (any other end: cancelled, out of scope, withdrawn), by kind; the gauge's
 *   `open` follows them, and `overdue` drops when a ticket with a recorded breach ends.
 * - A repair's follow-up counts on the day of the completion it follows up (`completedRepairs`,
 *   `followUps`, `followUpsSatisfied`), so a day's follow-up rate is the share of that day's completed
 *   repairs followed up so far; a completion the household refused is taken back (no follow-up is due).
 * - Complaint satisfaction call-backs count on the day they are made (`callBacks`, `callBacksSatisfied`).
 * - A complaint reply and an inquiry answer with an agreed time count on the day they were due, on time
 *   or late (`measuredClocks`).
 */
export function countersFor(
  transition: Transition,
  ticket: CountedTicket | null,
  timeZone: string,
): FigureChange {
  const kind = (ticket?.kind ?? transition.kind) as TicketKind;
  const change: FigureChange = { days: {}, now: {} };
  const today = localDay(transition.at, timeZone);
  const input = (transition.input ?? {}) as { satisfied?: boolean };
  if (!ticket) {
    add(change, today, { opened: 1, [`opened_${kind}`]: 1 });
    change.now = { open: 1, [`open_${kind}`]: 1 };
    return change;
  }
  add(change, today, { [`actions_${kind}`]: 1 });
  if (!isEnded(kind, ticket.state) && isEnded(kind, transition.nextState)) {
    const how = transition.nextState === 'closed' ? 'closed' : 'cancelled';
    add(change, today, { [how]: 1, [`${how}_${kind}`]: 1 });
    change.now = { open: -1, [`open_${kind}`]: -1, ...(ticket.breaches?.length ? { overdue: -1 } : {}) };
  }
  if (kind === 'repair') {
    const completedOn = ticket.completion ? localDay(ticket.completion.at, timeZone) : today;
    if (transition.action === 'complete') add(change, today, { completedRepairs: 1 });
    if (transition.action === 'refuse') add(change, completedOn, { completedRepairs: -1 });
    if (transition.action === 'followUp')
      add(change, completedOn, { followUps: 1, followUpsSatisfied: input.satisfied ? 1 : 0 });
  }
  if (kind === 'complaint' && transition.action === 'callBack')
    add(change, today, { callBacks: 1, callBacksSatisfied: input.satisfied ? 1 : 0 });
  answerCounters(change, transition, ticket, timeZone);
  return change;
}

/**
 * Breaches the SLA sweep records on a ticket, counted on the day each was due. The first breach of a
 * ticket still open makes it overdue (until it ends, see countersFor).
 */
export function breachCounters(
  ticket: CountedTicket,
  breaches: { at: string; clock?: string }[],
  timeZone: string,
): FigureChange {
  const change: FigureChange = { days: {}, now: {} };
  const measured = measuredOf(ticket.kind);
  for (const b of breaches)
    add(change, localDay(b.at, timeZone), {
      breached: 1,
      [`breached_${ticket.kind}`]: 1,
      ...(measured && b.clock === measured.clock ? { [measured.late]: 1 } : {}),
    });
  if (breaches.length && !ticket.breaches?.length && !isEnded(ticket.kind, ticket.state))
    change.now = { overdue: 1 };
  return change;
}

/**
 * The writes of a figure change: one ADD per day item touched (a transaction may name an item once)
 * and one to the gauge when it moves. `also` merges other counters of a day (the ledger's contacts).
 */
export function figureOps(
  property: Place,
  change: FigureChange = { days: {}, now: {} },
  also?: { day: string; counters: Counters },
): WriteOp[] {
  if (also) add(change, also.day, also.counters);
  // The names travel with the counters so a BatchGet across properties can tell the items apart.
  const ops = Object.entries(change.days).map(([day, counters]) =>
    dayCountersAdd(property.id, day, counters),
  );
  if (Object.keys(change.now).length) ops.push(ticketsNowAdd(property.id, change.now));
  return ops;
}

/** The figures of one ticket transition (create or action) as writes. */
export const transitionFigures = (property: Place, transition: Transition, ticket: CountedTicket | null) =>
  figureOps(property, countersFor(transition, ticket, property.timeZone));
