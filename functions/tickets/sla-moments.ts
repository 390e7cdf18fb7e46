/**
 * The SLA moments of a ticket the sweep acts on: each running clock's warning and breach, each
 * escalation step of the policy's ladder while the climb runs, and a repair's appointment passing while
 * the job is not started (the technician and the dispatcher are told; docs/decisions/019). A moment is done once its key is in
 * `slaRecorded`; the due index holds the earliest moment not yet done.
 *
 * A moment's key names the start of the clock it belongs to: a clock started again (a repair reopened
 * by an unsatisfied follow-up starts its follow-up clock anew) has new moments to record, while every
 * run over the same clock (a retry, an overlapping sweep) finds the same keys done.
 */
import type { EscalationRole, SlaSettings } from '../sla/policies.ts';
import type { TicketSla } from './records.ts';

export interface SlaMoment {
  /** `<clock>:warning@<start>`, `<clock>:breach@<start>`, `escalation:<step>@<start>` or `appointment:missed@<appointment>`. */
  key: string;
  type: 'warning' | 'breach' | 'escalation' | 'appointment';
  clock: string;
  /** When the clock (for a step: the clock the ladder climbs on) started. */
  start: string;
  at: string;
  step?: number;
  notify?: EscalationRole;
}

export interface MomentSource {
  kind: 'repair' | 'complaint' | 'inquiry';
  severity: 'normal' | 'urgent';
  slas: Record<string, TicketSla>;
  slaRecorded?: string[];
  /** A repair's state and agreed appointment: an appointment passing in `dispatched` is missed. */
  state?: string;
  appointmentAt?: unknown;
}

/**
 * The clock whose stop (acknowledgement, first response) stops the escalation ladder. A complaint
 * recorded before acknowledgement had its own clock climbs on its notice clock.
 */
const climbClockOf = (t: MomentSource): string =>
  t.kind === 'complaint'
    ? t.slas.acknowledge || !t.slas.notify
      ? 'acknowledge'
      : 'notify'
    : t.kind === 'repair'
      ? 'firstResponse'
      : 'answer';

/** The ladder climbs while nobody has acknowledged: its clock still runs (or is paused). */
export function climbing(t: MomentSource): boolean {
  const sla = t.slas[climbClockOf(t)];
  return !!sla && (sla.status === 'running' || sla.status === 'paused');
}

/** When the ladder's clock started (its steps count from there); null without one. */
export const climbStart = (t: MomentSource): string | null =>
  t.slas[climbClockOf(t)]?.clock.startedAt ?? null;

/** Every moment of the ticket's running clocks and ladder, done or not. */
function allMoments(t: MomentSource, settings: SlaSettings): SlaMoment[] {
  const out: SlaMoment[] = [];
  for (const [clock, sla] of Object.entries(t.slas)) {
    if (sla.status !== 'running') continue;
    const start = sla.clock.startedAt;
    if (sla.warningAt)
      out.push({ key: `${clock}:warning@${start}`, type: 'warning', clock, start, at: sla.warningAt });
    if (sla.dueAt) out.push({ key: `${clock}:breach@${start}`, type: 'breach', clock, start, at: sla.dueAt });
  }
  if (climbing(t)) {
    const ladder = settings.policies[t.kind][t.severity].escalation;
    const start = climbStart(t)!;
    ladder.forEach((step, i) => {
      out.push({
        key: `escalation:${i}@${start}`,
        type: 'escalation',
        clock: 'escalation',
        start,
        at: new Date(Date.parse(start) + step.afterMinutes * 60_000).toISOString(),
        step: i,
        notify: step.notify,
      });
    });
  }
  // Dispatched and not started: the appointment passing unstarted is a moment of its own. A new
  // appointment (schedule) has a new key; starting the job removes the moment.
  if (t.kind === 'repair' && t.state === 'dispatched' && typeof t.appointmentAt === 'string') {
    const at = t.appointmentAt;
    out.push({ key: `appointment:missed@${at}`, type: 'appointment', clock: 'appointment', start: at, at });
  }
  return out;
}

/** The moments not yet recorded, earliest first. */
export function slaMoments(t: MomentSource, settings: SlaSettings): SlaMoment[] {
  const done = new Set(t.slaRecorded ?? []);
  return allMoments(t, settings)
    .filter((m) => !done.has(m.key))
    .sort((a, b) => a.at.localeCompare(b.at));
}

/** The earliest moment not yet done: what the due index holds; null when none. */
export const nextMoment = (t: MomentSource, settings: SlaSettings): string | null =>
  slaMoments(t, settings)[0]?.at ?? null;
