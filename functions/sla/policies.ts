/**
 * SLA policies per ticket kind × severity: their shape, the defaults, and a property's overrides laid
 * over them. Every number of the defaults comes from the service standards (./standards.ts); a property
 * stores only its overrides (`slaSettingsOverrides`), `resolveSlaSettings` lays them over the defaults.
 * Office hours for the 'office' calendar are ours: Monday–Friday 08:30–12:00 and 13:30–17:30.
 */
import * as z from 'zod/mini';
import {
  createWorkCalendar,
  type EnteredHolidays,
  type ServicePeriod,
  type WorkCalendar,
} from './calendar.ts';
import { clockUntil, type SlaClock, startClock } from './clock.ts';
import { type CalendarKind, calendarKinds, type EscalationRole, escalationRoles } from './enums.ts';
import { escalationStandards, targetStandardOf, warningStandard } from './standards.ts';

export const ticketKinds = ['repair', 'complaint', 'inquiry'] as const;
export type TicketKind = (typeof ticketKinds)[number];
export const severities = ['normal', 'urgent'] as const;
export type Severity = (typeof severities)[number];

export { type CalendarKind, calendarKinds, type EscalationRole, escalationRoles };

const hhmm = z.string().check(z.regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Use HH:MM'));
export const periodSchema = z
  .strictObject({
    days: z.array(z.int().check(z.gte(1), z.lte(7))).check(z.minLength(1), z.maxLength(7)),
    from: hhmm,
    to: hhmm,
  })
  .check(z.refine((p) => p.from < p.to, { message: 'A period must end after it starts' }));

const minutes = z.int().check(z.gte(1), z.lte(60 * 24 * 90));
const warnAt = z.number().check(z.gt(0), z.lt(1));

export const slaTargetSchema = z.discriminatedUnion('measure', [
  /** `minutes` of wall-clock time. */
  z.strictObject({ measure: z.literal('calendar'), minutes, warnAt }),
  /** `minutes` of working time in the named calendar. */
  z.strictObject({ measure: z.literal('working'), calendar: z.enum(calendarKinds), minutes, warnAt }),
  /** Due at the time agreed with the household (an inquiry's reply time), at most `horizonDays` ahead. */
  z.strictObject({
    measure: z.literal('agreed'),
    warnAt,
    horizonDays: z.optional(z.int().check(z.gte(1), z.lte(365))),
  }),
]);
export type SlaTarget = z.infer<typeof slaTargetSchema>;

export const escalationStepSchema = z.strictObject({
  /** Minutes of calendar time after the ticket is raised. */
  afterMinutes: z.int().check(z.gte(0), z.lte(60 * 24 * 7)),
  notify: z.enum(escalationRoles),
});
export type EscalationStep = z.infer<typeof escalationStepSchema>;

const ladder = z.array(escalationStepSchema).check(
  z.maxLength(10),
  z.refine((steps) => steps.every((s, i) => i === 0 || s.afterMinutes > (steps[i - 1]?.afterMinutes ?? 0)), {
    message: 'Escalation steps must come one after another',
  }),
);

const policy = <T extends z.core.$ZodShape>(targets: T) =>
  z.strictObject({
    targets: z.strictObject(targets),
    /** Notifications while nobody has acknowledged the ticket; stops at the first acknowledgement. */
    escalation: ladder,
  });

const repairPolicy = policy({
  /** Someone answers the household (accepted, appointment agreed). */
  firstResponse: slaTargetSchema,
  /** A technician is assigned. */
  dispatch: slaTargetSchema,
  /** The follow-up call (回访), counted from completion. */
  followUp: slaTargetSchema,
});
const complaintPolicy = policy({
  /** The responsible people and the project manager are told (urgent complaints): the notice delivered. */
  notify: z.optional(slaTargetSchema),
  /** Someone acknowledges it (urgent complaints); the escalation ladder climbs until then. */
  acknowledge: z.optional(slaTargetSchema),
  /** The complainant gets a reply. */
  reply: slaTargetSchema,
});
const inquiryPolicy = policy({ answer: slaTargetSchema });

const bySeverity = <T extends z.ZodMiniType>(p: T) => z.strictObject({ normal: p, urgent: p });

export const slaSettingsSchema = z.strictObject({
  /** The hours of the 'office' calendar. */
  officeHours: z.array(periodSchema).check(z.minLength(1), z.maxLength(14)),
  policies: z.strictObject({
    repair: bySeverity(repairPolicy),
    complaint: bySeverity(complaintPolicy),
    inquiry: bySeverity(inquiryPolicy),
  }),
});
export type SlaSettings = z.infer<typeof slaSettingsSchema>;
export type RepairPolicy = z.infer<typeof repairPolicy>;
export type ComplaintPolicy = z.infer<typeof complaintPolicy>;
export type InquiryPolicy = z.infer<typeof inquiryPolicy>;
export type SlaPolicy = RepairPolicy | ComplaintPolicy | InquiryPolicy;

export const defaultOfficeHours: ServicePeriod[] = [
  { days: [1, 2, 3, 4, 5], from: '08:30', to: '12:00' },
  { days: [1, 2, 3, 4, 5], from: '13:30', to: '17:30' },
];

/** The standard's default of one target, with the default warning point. */
function standardTarget(kind: TicketKind, severity: Severity, target: string): SlaTarget {
  const standard = targetStandardOf(kind, severity, target);
  if (!standard) throw new Error(`No service standard for the ${severity} ${kind} target ${target}`);
  // Parsed, so its keys come in the schema's order like every resolved target's (pages compare them).
  return slaTargetSchema.parse({ ...structuredClone(standard.default), warnAt: warningStandard.default });
}

const ladderOf = (ladder: keyof typeof escalationStandards): EscalationStep[] =>
  escalationStandards[ladder].steps.map(({ afterMinutes, notify }) => ({ afterMinutes, notify }));

export const defaultSlaSettings: SlaSettings = {
  officeHours: defaultOfficeHours.map((p) => ({ ...p, days: [...p.days] })),
  policies: {
    repair: {
      normal: {
        targets: {
          firstResponse: standardTarget('repair', 'normal', 'firstResponse'),
          dispatch: standardTarget('repair', 'normal', 'dispatch'),
          followUp: standardTarget('repair', 'normal', 'followUp'),
        },
        escalation: [],
      },
      urgent: {
        targets: {
          firstResponse: standardTarget('repair', 'urgent', 'firstResponse'),
          dispatch: standardTarget('repair', 'urgent', 'dispatch'),
          followUp: standardTarget('repair', 'urgent', 'followUp'),
        },
        escalation: ladderOf('urgentRepair'),
      },
    },
    complaint: {
      normal: { targets: { reply: standardTarget('complaint', 'normal', 'reply') }, escalation: [] },
      urgent: {
        targets: {
          notify: standardTarget('complaint', 'urgent', 'notify'),
          acknowledge: standardTarget('complaint', 'urgent', 'acknowledge'),
          reply: standardTarget('complaint', 'urgent', 'reply'),
        },
        escalation: ladderOf('urgentComplaint'),
      },
    },
    inquiry: {
      normal: { targets: { answer: standardTarget('inquiry', 'normal', 'answer') }, escalation: [] },
      urgent: { targets: { answer: standardTarget('inquiry', 'urgent', 'answer') }, escalation: [] },
    },
  },
};

/**
 * What a property stores: only what it changes. A target or a ladder is replaced whole (the settings
 * page edits one target at a time); anything left out keeps the default.
 */
const overridesOf = <T extends z.core.$ZodShape>(targets: T) =>
  z.partial(
    z.strictObject({
      targets: z.partial(z.strictObject(targets)),
      escalation: ladder,
    }),
  );
const severityOverrides = <T extends z.ZodMiniType>(p: T) =>
  z.partial(z.strictObject({ normal: p, urgent: p }));

export const slaSettingsOverrides = z.strictObject({
  officeHours: z.optional(slaSettingsSchema.shape.officeHours),
  policies: z.optional(
    z.partial(
      z.strictObject({
        repair: severityOverrides(overridesOf(repairPolicy.shape.targets.shape)),
        complaint: severityOverrides(overridesOf(complaintPolicy.shape.targets.shape)),
        inquiry: severityOverrides(overridesOf(inquiryPolicy.shape.targets.shape)),
      }),
    ),
  ),
});
export type SlaSettingsOverrides = z.infer<typeof slaSettingsOverrides>;

/** The defaults with a property's overrides laid over them. */
export function resolveSlaSettings(overrides: SlaSettingsOverrides = {}): SlaSettings {
  const out = structuredClone(defaultSlaSettings);
  if (overrides.officeHours) out.officeHours = structuredClone(overrides.officeHours);
  for (const kind of ticketKinds) {
    for (const severity of severities) {
      const o = overrides.policies?.[kind]?.[severity];
      if (!o) continue;
      const p = out.policies[kind][severity] as SlaPolicy;
      Object.assign(p.targets, structuredClone(o.targets ?? {}));
      if (o.escalation) p.escalation = structuredClone(o.escalation);
    }
  }
  return slaSettingsSchema.parse(out);
}

export function policyFor<K extends TicketKind>(
  settings: SlaSettings,
  kind: K,
  severity: Severity,
): SlaSettings['policies'][K][Severity] {
  return settings.policies[kind][severity];
}

/** The property fields a calendar needs (directory's property record has them). */
export interface PropertyHours {
  timeZone: string;
  serviceHours: readonly ServicePeriod[];
}

/** The working calendar a target counts in, for a property. */
export function calendarFor(
  property: PropertyHours,
  settings: SlaSettings,
  kind: CalendarKind,
  /** Holidays head office entered for years the package lacks (../sla/holiday-years.ts). */
  enteredHolidays?: EnteredHolidays,
): WorkCalendar {
  return kind === 'service'
    ? createWorkCalendar({
        timeZone: property.timeZone,
        periods: property.serviceHours,
        observeHolidays: false,
      })
    : createWorkCalendar({
        timeZone: property.timeZone,
        periods: settings.officeHours,
        observeHolidays: true,
        ...(enteredHolidays ? { enteredHolidays } : {}),
      });
}

/**
 * Start the clock of one target. A working target also names its calendar (store it with the clock:
 * a later settings change must not move a running ticket to another calendar). An 'agreed' target
 * needs the agreed time.
 */
export function startTargetClock(
  target: SlaTarget,
  startedAt: Date | string,
  agreedAt?: Date | string,
): { clock: SlaClock; calendar: CalendarKind | null; warnAt: number } {
  if (target.measure === 'agreed') {
    if (agreedAt === undefined) throw new RangeError('An agreed-time target needs the agreed time');
    return { clock: clockUntil(startedAt, agreedAt), calendar: null, warnAt: target.warnAt };
  }
  if (target.measure === 'calendar') {
    return {
      clock: startClock('calendar', target.minutes, startedAt),
      calendar: null,
      warnAt: target.warnAt,
    };
  }
  return {
    clock: startClock('working', target.minutes, startedAt),
    calendar: target.calendar,
    warnAt: target.warnAt,
  };
}
