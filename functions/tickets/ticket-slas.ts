/**
 * A ticket's SLA clocks after a machine transition: the machine says which clocks start, stop, pause
 * and resume; the property's settings say how long each runs and in which calendar. Pure.
 */
import type { Property } from '../directory/records.ts';
import type { EnteredHolidays, WorkCalendar } from '../sla/calendar.ts';
import { dueAt, pause, resume, warningAt } from '../sla/clock.ts';
import {
  type CalendarKind,
  calendarFor,
  policyFor,
  type SlaSettings,
  type SlaTarget,
  startTargetClock,
} from '../sla/policies.ts';
import { warningStandard } from '../sla/standards.ts';
import type { MachineEvent, TicketKind } from './machines/index.ts';
import type { TicketSla } from './records.ts';

function calendarOf(
  property: Property,
  settings: SlaSettings,
  kind: CalendarKind | null,
  entered?: EnteredHolidays,
): WorkCalendar {
  // Calendar-time clocks never consult the calendar; the service calendar stands in.
  return calendarFor(property, settings, kind ?? 'service', entered);
}

function withTimes(
  property: Property,
  settings: SlaSettings,
  sla: TicketSla,
  entered?: EnteredHolidays,
): TicketSla {
  const calendar = calendarOf(property, settings, sla.calendar, entered);
  const due = dueAt(calendar, sla.clock);
  const warning = warningAt(calendar, sla.clock, sla.warnAt);
  return { ...sla, dueAt: due?.toISOString() ?? null, warningAt: warning?.toISOString() ?? null };
}

/** The ticket's SLA clocks after the machine's events. */
export function applySlaEvents(
  property: Property,
  settings: SlaSettings,
  kind: TicketKind,
  severity: 'normal' | 'urgent',
  current: Record<string, TicketSla>,
  events: MachineEvent[],
  /** Holidays head office entered for years the package lacks (the office calendar reads them). */
  entered?: EnteredHolidays,
): Record<string, TicketSla> {
  const slas = structuredClone(current);
  const targets = policyFor(settings, kind, severity).targets as Record<string, SlaTarget | undefined>;
  for (const event of events) {
    if (event.type === 'sla.start') {
      const target: SlaTarget | undefined = event.dueAt
        ? { measure: 'agreed', warnAt: warningStandard.default }
        : targets[event.sla];
      // A machine target without a policy number (e.g. a repair's resolve time) has no clock yet.
      if (!target || (target.measure === 'agreed' && !event.dueAt)) continue;
      const started = startTargetClock(target, event.at, event.dueAt);
      slas[event.sla] = withTimes(
        property,
        settings,
        { ...started, status: 'running', dueAt: null, warningAt: null },
        entered,
      );
    } else if (event.type === 'sla.stop') {
      const sla = slas[event.sla];
      if (!sla || sla.status === 'done' || sla.status === 'void') continue;
      slas[event.sla] = {
        ...sla,
        status: event.reason,
        stoppedAt: event.at,
        ...(event.reason === 'done' && sla.dueAt ? { met: event.at <= sla.dueAt } : {}),
      };
    } else if (event.type === 'sla.pause') {
      for (const [name, sla] of Object.entries(slas)) {
        if (sla.status !== 'running') continue;
        slas[name] = {
          ...sla,
          clock: pause(sla.clock, event.at),
          status: 'paused',
          dueAt: null,
          warningAt: null,
        };
      }
    } else if (event.type === 'sla.resume') {
      for (const [name, sla] of Object.entries(slas)) {
        if (sla.status !== 'paused') continue;
        const calendar = calendarOf(property, settings, sla.calendar, entered);
        slas[name] = withTimes(
          property,
          settings,
          { ...sla, clock: resume(calendar, sla.clock, event.at), status: 'running' },
          entered,
        );
      }
    }
  }
  return slas;
}
