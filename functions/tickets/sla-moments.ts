/**
 * The SLA moments of a ticket the sweep acts on: each running clock's warning and breach, and each
 * escalation step of the policy's ladder while the climb runs. A moment is done once its key is in
 * `slaRecorded`; the due index holds the earliest moment not yet done.
 */
import type { EscalationRole, SlaSettings } from '../sla/policies.ts';
import type { TicketSla } from './service.ts';

export interface SlaMoment {
  /** `<clock>:warning`, `<clock>:breach` or `escalation:<step>`. */
  key: string;
  type: 'warning' | 'breach' | 'escalation';
  clock: string;
  at: string;
  step?: number;
  notify?: EscalationRole;
}

export interface MomentSource {
  kind: 'repair' | 'complaint' | 'inquiry';
  severity: 'normal' | 'urgent';
  openedAt: string;
  slas: Record<string, TicketSla>;
  slaRecorded?: string[];
}

/** The clock whose stop (acknowledgement, first response) stops the escalation ladder. */
const climbClock = { complaint: 'notify', repair: 'firstResponse', inquiry: 'answer' } as const;

/** The ladder climbs while nobody has acknowledged: its clock still runs (or is paused). */
export function climbing(t: MomentSource): boolean {
  const sla = t.slas[climbClock[t.kind]];
  return !!sla && (sla.status === 'running' || sla.status === 'paused');
}

export function slaMoments(t: MomentSource, settings: SlaSettings): SlaMoment[] {
  const done = new Set(t.slaRecorded ?? []);
  const out: SlaMoment[] = [];
  for (const [clock, sla] of Object.entries(t.slas)) {
    if (sla.status !== 'running') continue;
    if (sla.warningAt) out.push({ key: `${clock}:warning`, type: 'warning', clock, at: sla.warningAt });
    if (sla.dueAt) out.push({ key: `${clock}:breach`, type: 'breach', clock, at: sla.dueAt });
  }
  if (climbing(t)) {
    const ladder = settings.policies[t.kind][t.severity].escalation;
    const start = Date.parse(t.openedAt);
    ladder.forEach((step, i) => {
      out.push({
        key: `escalation:${i}`,
        type: 'escalation',
        clock: 'escalation',
        at: new Date(start + step.afterMinutes * 60_000).toISOString(),
        step: i,
        notify: step.notify,
      });
    });
  }
  return out.filter((m) => !done.has(m.key)).sort((a, b) => a.at.localeCompare(b.at));
}

/** The earliest moment not yet done: what the due index holds; null when none. */
export const nextMoment = (t: MomentSource, settings: SlaSettings): string | null =>
  slaMoments(t, settings)[0]?.at ?? null;
