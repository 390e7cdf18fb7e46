/** Pure SLA countdown arithmetic for the badges (unit-tested in test/unit/web-countdown.test.ts). */

export interface SlaView {
  status: 'running' | 'paused' | 'done' | 'void';
  dueAt: string | null;
  warningAt: string | null;
  met?: boolean;
}

export type Countdown =
  | { tone: 'blue' | 'amber'; kind: 'left'; minutes: number }
  | { tone: 'red'; kind: 'overdue'; minutes: number }
  | { tone: 'gray'; kind: 'paused' }
  | { tone: 'green' | 'amber'; kind: 'done'; late: boolean }
  | { tone: 'gray'; kind: 'void' };

/** Where a clock stands at `now`: time left (amber past the warning time), overdue, paused, or stopped. */
export function countdown(sla: SlaView, now: number): Countdown | null {
  if (sla.status === 'paused') return { tone: 'gray', kind: 'paused' };
  if (sla.status === 'void') return { tone: 'gray', kind: 'void' };
  if (sla.status === 'done') {
    const late = sla.met === false;
    return { tone: late ? 'amber' : 'green', kind: 'done', late };
  }
  if (!sla.dueAt) return null;
  const due = Date.parse(sla.dueAt);
  if (now >= due) return { tone: 'red', kind: 'overdue', minutes: Math.floor((now - due) / 60_000) };
  const warn = sla.warningAt ? Date.parse(sla.warningAt) : due;
  // Rounded up: "1 minute left" until the very end, never "0 minutes left".
  return { tone: now >= warn ? 'amber' : 'blue', kind: 'left', minutes: Math.ceil((due - now) / 60_000) };
}

/** The clock a list shows for a ticket: overdue first, then the nearest due time, then a paused one. */
export function headlineClock<T extends SlaView>(slas: Record<string, T> | undefined): [string, T] | null {
  const entries = Object.entries(slas ?? {});
  const running = entries
    .filter(([, s]) => s.status === 'running' && s.dueAt)
    .sort(([, a], [, b]) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!));
  return running[0] ?? entries.find(([, s]) => s.status === 'paused') ?? null;
}

/** 192 → { days: 0, hours: 3, minutes: 12 } */
export function splitMinutes(total: number): { days: number; hours: number; minutes: number } {
  const m = Math.max(0, Math.floor(total));
  return { days: Math.floor(m / 1440), hours: Math.floor((m % 1440) / 60), minutes: m % 60 };
}

/**
 * A repair dispatched but not started whose agreed visit time has passed (the SLA sweep tells the
 * technician and the dispatcher of it: functions/tickets/sla-moments.ts).
 */
export const appointmentMissed = (
  job: { kind: string; state: string; appointmentAt?: string | null },
  now: number,
): boolean =>
  job.kind === 'repair' &&
  job.state === 'dispatched' &&
  !!job.appointmentAt &&
  Date.parse(job.appointmentAt) < now;

/** Minutes until the agreed visit of a job not started yet (rounded up); null when none is ahead. */
export function minutesToVisit(
  job: { state: string; appointmentAt?: string | null },
  now: number,
): number | null {
  if (job.state !== 'dispatched' || !job.appointmentAt) return null;
  const left = Date.parse(job.appointmentAt) - now;
  return left > 0 ? Math.ceil(left / 60_000) : null;
}
