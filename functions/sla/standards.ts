/**
 * The service standards: every number the SLA clocks, the escalation ladders and the urgent-complaint
 * notice run on, each with the seed clause it comes from (docs/service-standards.md says the same in
 * prose). Read by the default policies (./policies.ts), the settings floors
 * (../tickets/sla-settings.ts: a property may only tighten a floor, loosening is a 422
 * `loosens_standard`) and the urgent-complaint notice (../tickets/urgent-notice.ts). Nothing else
 * writes these numbers down.
 *
 * `source: null` marks a default of our own where the seeds give no number; a property may set those
 * either way within the settings schema's bounds.
 */
import type { CalendarKind, EscalationRole, Severity, TicketKind } from './policies.ts';

/** A target's length and how it is measured (the settings' target without its warning point). */
export type Measure =
  | { measure: 'calendar'; minutes: number }
  | { measure: 'working'; calendar: CalendarKind; minutes: number }
  /** `horizonDays`: how far ahead a reply time may be agreed (a time further out is refused). */
  | { measure: 'agreed'; horizonDays?: number };

export interface TargetStandard {
  kind: TicketKind;
  severities: readonly Severity[];
  /** The policy target it sets (a clock the ticket machine starts and stops). */
  target: string;
  default: Measure;
  /** The loosest a property may set: same measure, no more minutes. Null: the number is ours to change. */
  floor: Measure | null;
  source: string | null;
}

export interface StepStandard {
  notify: EscalationRole;
  /** Default minutes after the ticket is raised (while nobody has acknowledged it). */
  afterMinutes: number;
  /** The standard's deadline: the ladder must reach this role no later. Null: ours to change. */
  withinMinutes: number | null;
  source: string | null;
}

export interface LadderStandard {
  kind: TicketKind;
  severity: Severity;
  steps: readonly StepStandard[];
}

const HOUR = 60;
const calendar = (minutes: number): Measure => ({ measure: 'calendar', minutes });
const service = (minutes: number): Measure => ({ measure: 'working', calendar: 'service', minutes });
const agreed: Measure = { measure: 'agreed' };
const both = ['normal', 'urgent'] as const;
/** Rows typed as rows, not as their literal values: a test may edit any field of one. */
const targetRows = <K extends string>(rows: Record<K, TargetStandard>) => rows;
const ladderRows = <K extends string>(rows: Record<K, LadderStandard>) => rows;

export const serviceStandards = targetRows({
  /** Every complaint is replied to within 72 hours. */
  complaintReply: {
    kind: 'complaint',
    severities: both,
    target: 'reply',
    default: calendar(72 * HOUR),
    floor: calendar(72 * HOUR),
    source: '001 §5.4',
  },
  /**
   * An urgent complaint reaches the responsible specialists and the project manager within 5 minutes:
   * the clock stops when the notice has been delivered to them (in-app or by a channel), not on anyone's
   * acknowledgement (../tickets/notice-delivery.ts).
   */
  urgentComplaintNotice: {
    kind: 'complaint',
    severities: ['urgent'],
    target: 'notify',
    default: calendar(5),
    floor: calendar(5),
    source: '004',
  },
  /**
   * Someone takes the urgent complaint on (致歉受理, the second of 000's five steps). The seeds give no
   * time: 15 minutes is ours, half of the 30 after which head office hears of it (the ladder below).
   */
  urgentComplaintAcknowledge: {
    kind: 'complaint',
    severities: ['urgent'],
    target: 'acknowledge',
    default: calendar(15),
    floor: null,
    source: null,
  },
  /**
   * An inquiry not answered at once is answered by the time agreed with the household. A time may be
   * agreed at most 30 days ahead (ours: a month covers waiting for a department or a utility; a
   * property may set 1–365 days).
   */
  inquiryAnswer: {
    kind: 'inquiry',
    severities: both,
    target: 'answer',
    default: { measure: 'agreed', horizonDays: 30 },
    floor: agreed,
    source: '001 篇3 §4.1.3, §4.3.2',
  },
  /**
   * Every completed repair is followed up (回访, a 100 % rate: 001 §5.5): the clock starts on each
   * completion. The seeds give no time; 24 working hours of the service calendar is ours.
   */
  repairFollowUp: {
    kind: 'repair',
    severities: both,
    target: 'followUp',
    default: service(24 * HOUR),
    floor: null,
    source: null,
  },
  /** Someone answers the household about a repair (ours; the hotline takes repairs 24 h, 001 §5.3). */
  repairFirstResponse: {
    kind: 'repair',
    severities: ['normal'],
    target: 'firstResponse',
    default: service(30),
    floor: null,
    source: null,
  },
  urgentRepairFirstResponse: {
    kind: 'repair',
    severities: ['urgent'],
    target: 'firstResponse',
    default: calendar(15),
    floor: null,
    source: null,
  },
  /** A technician is assigned (ours). */
  repairDispatch: {
    kind: 'repair',
    severities: ['normal'],
    target: 'dispatch',
    default: service(2 * HOUR),
    floor: null,
    source: null,
  },
  urgentRepairDispatch: {
    kind: 'repair',
    severities: ['urgent'],
    target: 'dispatch',
    default: calendar(30),
    floor: null,
    source: null,
  },
});

/**
 * Who is told while nobody has acknowledged a ticket. The urgent complaint's people of 004 are told at
 * once when it is recorded (../tickets/urgent-notice.ts) and the ladder repeats them within the 5
 * minutes; head office hears of one still unacknowledged after half an hour (ours).
 */
export const escalationStandards = ladderRows({
  urgentComplaint: {
    kind: 'complaint',
    severity: 'urgent',
    steps: [
      { notify: 'responsible_person', afterMinutes: 0, withinMinutes: 5, source: '004' },
      { notify: 'property_manager', afterMinutes: 5, withinMinutes: 5, source: '004' },
      { notify: 'head_office', afterMinutes: 30, withinMinutes: null, source: null },
    ],
  },
  urgentRepair: {
    kind: 'repair',
    severity: 'urgent',
    steps: [
      { notify: 'responsible_person', afterMinutes: 0, withinMinutes: null, source: null },
      { notify: 'property_manager', afterMinutes: 30, withinMinutes: null, source: null },
    ],
  },
});

/** When a warning fires, as a share of the target: ours. Earlier is noise, later leaves no time to act. */
export const warningStandard = { default: 0.8, min: 0.5, max: 0.95 } as const;

export const targetStandards: readonly TargetStandard[] = Object.values(serviceStandards);
export const ladderStandards: readonly LadderStandard[] = Object.values(escalationStandards);

/** The standard of one target of one policy (kind × severity), if the table has one. */
export const targetStandardOf = (kind: TicketKind, severity: Severity, target: string) =>
  targetStandards.find((s) => s.kind === kind && s.target === target && s.severities.includes(severity));

/** The steps the standards require of one policy's ladder: each role reached within its minutes. */
export const requiredStepsOf = (kind: TicketKind, severity: Severity) =>
  ladderStandards
    .filter((l) => l.kind === kind && l.severity === severity)
    .flatMap((l) => l.steps)
    .filter((s): s is StepStandard & { withinMinutes: number; source: string } => s.withinMinutes !== null);
