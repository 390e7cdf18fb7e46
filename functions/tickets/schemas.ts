import * as z from 'zod/mini';
import { date, exampleIds, id, pageQuery, phone } from '../directory/schemas.ts';
import { components, stamped } from '../shared/openapi.ts';
import { slaClockSchema } from '../sla/clock.ts';
import { calendarKinds, severities } from '../sla/policies.ts';
import { photoView } from './attachments/schemas.ts';
import { contactCategories, contactChannels, ticketKindNames } from './enums.ts';
import type { FieldType, FormField } from './kinds.ts';
import { complaintFields } from './machines/complaint.ts';
import { inquiryFields } from './machines/inquiry.ts';
import { repairFields } from './machines/repair.ts';

export { contactCategories, contactChannels, id, ticketKindNames };

/** Ticket id used in the OpenAPI examples (the generated tests swap path ids for their own). */
export const exampleTicketId = '01exampleticket0000';

const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const contactCreate = z
  .strictObject({
    time: z.iso.datetime({ offset: true }),
    channel: z.enum(contactChannels),
    caller: z.strictObject({ name: text(60), phone: z.optional(phone) }),
    unitId: z.optional(id),
    /**
     * The room as the clerk typed it when it matched no unit and the call was recorded without one:
     * kept on the contact (and its ticket) so nothing the caller said is lost.
     */
    roomTyped: z.optional(text(40)),
    householdId: z.optional(id),
    category: z.enum(contactCategories),
    summary: text(2000),
    /**
     * repair, complaint, inquiry: the ticket opened with the contact. Its fields are the machine's
     * create input; what the contact already says (caller, unit, time, channel, summary) is filled in.
     */
    ticket: z.optional(z.record(z.string(), z.unknown())),
    /** message: a message for an absent colleague. */
    message: z.optional(
      z.strictObject({
        forWhom: text(60),
        forStaffId: z.optional(id),
        callbackNumber: phone,
        passedTo: z.optional(text(60)),
      }),
    ),
  })
  .check(
    z.refine((c) => c.category !== 'message' || c.message, {
      message: 'A message needs who it is for and the callback number',
      path: ['message'],
    }),
    z.refine((c) => c.category === 'message' || !c.message, {
      message: 'Only a message carries message fields',
      path: ['message'],
    }),
    z.refine((c) => !(c.roomTyped && c.unitId), {
      message: 'A typed room is kept only for a call recorded without a unit',
      path: ['roomTyped'],
    }),
    z.refine((c) => (ticketKindNames as readonly string[]).includes(c.category) || !c.ticket, {
      message: 'Only a repair, complaint or inquiry opens a ticket',
      path: ['ticket'],
    }),
  )
  .register(components, {
    id: 'ContactCreate',
    example: {
      time: '2026-11-23T09:30:00+08:00',
      channel: 'phone',
      caller: { name: '王芳', phone: '13812345678' },
      unitId: exampleIds.unit,
      householdId: exampleIds.household,
      category: 'repair',
      summary: '卫生间下水管漏水',
      ticket: { severity: 'normal' },
    },
  });
export type ContactCreate = z.output<typeof contactCreate>;

/** `day` defaults to today in the property's time zone. */
export const contactQuery = z.extend(pageQuery, { day: z.optional(date) });
export const ticketSorts = ['due', 'newest'] as const;
export const ticketQuery = z.extend(pageQuery, {
  kind: z.optional(z.enum(ticketKindNames)),
  state: z.optional(z.string().check(z.regex(/^[a-z_]{1,40}$/))),
  /**
   * Search: a ticket number, room, caller name, a phone's last 4 digits or words of the summary; every
   * word must match (AND). Chinese is matched by pairs of characters, so type at least two.
   */
  q: z.optional(
    z
      .string()
      .check(z.trim(), z.minLength(1), z.maxLength(100))
      .register(components, { example: '3-1502 漏水' }),
  ),
  /** `due`: open tickets, earliest running SLA due time first (overdue first); `newest`: newest first. */
  sort: z.optional(z.enum(ticketSorts).register(components, { example: 'due' })),
});

export const actionBody = z
  .strictObject({
    version: z.int().check(z.gte(1)),
    input: z._default(z.record(z.string(), z.unknown()), {}),
  })
  .register(components, { id: 'TicketAction', example: { version: 1, input: { inScope: true } } });

export const propertyParams = z.object({ propertyId: id });
export const ticketParams = z.extend(propertyParams, { ticketId: id });
export const householdParams = z.extend(propertyParams, { householdId: id });
export const actionParams = z.extend(ticketParams, {
  action: z.string().check(z.regex(/^[0-9A-Za-z]{1,40}$/, 'Not an action name')),
});

/* What the routes answer (storage attributes stripped; phones masked as everywhere). */

const label = z.object({ zh: z.string(), en: z.string() });
const caller = z.object({ name: z.string(), phone: z.optional(z.string()) });

export const contactRecord = z
  .object({
    ...stamped,
    propertyId: z.string(),
    /** The property-local day of the ledger the contact is in. */
    day: z.string(),
    time: z.string(),
    channel: z.enum(contactChannels),
    caller,
    unitId: z.optional(z.string()),
    householdId: z.optional(z.string()),
    /** Building and room of `unitId`, added for lists. */
    roomCode: z.optional(z.string()),
    /** The room as typed when it matched no unit (the contact has no `unitId` then). */
    roomTyped: z.optional(z.string()),
    category: z.enum(contactCategories),
    summary: z.string(),
    message: z.optional(
      z.object({
        forWhom: z.string(),
        forStaffId: z.optional(z.string()),
        callbackNumber: z.string(),
        passedTo: z.optional(z.string()),
      }),
    ),
    takenBy: z.string(),
    takenByName: z.string(),
    ticketId: z.nullable(z.string()),
    ticketKind: z.nullable(z.enum(ticketKindNames)),
    /** The number of the ticket the contact opened (`SHJA-BX-20261201-007`). */
    ticketNumber: z.optional(z.nullable(z.string())),
  })
  .register(components, { id: 'Contact' });

export const slaStatuses = ['running', 'paused', 'done', 'void'] as const;

/** One SLA target's clock as the ticket carries it. */
export const ticketSlaRecord = z
  .object({
    clock: slaClockSchema,
    calendar: z.nullable(z.enum(calendarKinds)),
    warnAt: z.number(),
    status: z.enum(slaStatuses),
    dueAt: z.nullable(z.string()),
    warningAt: z.nullable(z.string()),
    stoppedAt: z.optional(z.string()),
    /** For a clock stopped `done`: reached by its due time. */
    met: z.optional(z.boolean()),
  })
  .register(components, { id: 'TicketSla' });

/**
 * A repair, complaint or inquiry. The fields every kind has are listed; the rest are its machine's own
 * (a repair's `content` and `appointmentAt`, a complaint's `complainant`, …: GET /api/tickets/kinds).
 */
const ticketFields = {
  ...stamped,
  propertyId: z.string(),
  severity: z.enum(severities),
  state: z.string(),
  assigneeId: z.optional(z.nullable(z.string())),
  householdId: z.nullable(z.string()),
  unitId: z.nullable(z.string()),
  /** Building and room of `unitId`, added for lists and the detail. */
  roomCode: z.optional(z.string()),
  /** The room the caller gave when it matched no unit (copied from the contact). */
  roomTyped: z.optional(z.string()),
  contactId: z.string(),
  /** Read out on the phone: property code, kind (BX repair, TS complaint, ZX inquiry), local day, sequence. */
  number: z.optional(z.string()),
  openedAt: z.string(),
  openedBy: z.string(),
  slas: z.record(z.string(), ticketSlaRecord),
  /** Earliest SLA moment not yet recorded (warning, breach, escalation step). */
  nextDueAt: z.nullable(z.string()),
  /** Lists only: up to three photo thumbnails (short-lived links). */
  thumbnails: z.optional(z.array(z.object({ id: z.string(), thumbnailUrl: z.string() }))),
};

/** One kind's ticket: what every ticket has, and what that kind's machine stores (its steps so far). */
const ticketOf = <K extends (typeof ticketKindNames)[number], F extends z.core.$ZodLooseShape>(
  kind: K,
  fields: { shape: F },
) =>
  z
    .object({ ...fields.shape, ...ticketFields, kind: z.literal(kind) })
    .register(components, { id: `${kind[0]!.toUpperCase()}${kind.slice(1)}Ticket` });

export const ticketRecord = z
  .discriminatedUnion('kind', [
    ticketOf('repair', repairFields),
    ticketOf('complaint', complaintFields),
    ticketOf('inquiry', inquiryFields),
  ])
  .register(components, { id: 'Ticket' });

export const recordedContact = z
  .object({ contact: contactRecord, ticket: z.nullable(ticketRecord) })
  .register(components, { id: 'RecordedContact' });

export const actedTicket = z
  .object({
    ticket: ticketRecord,
    /** The actions the caller may take next. */
    allowedActions: z.array(z.string()),
  })
  .register(components, { id: 'ActedTicket' });

/** One step of a ticket's timeline (also the household's). */
export const ticketEventRecord = z
  .object({
    id: z.string(),
    ticketId: z.string(),
    kind: z.enum(ticketKindNames),
    action: z.string(),
    from: z.nullable(z.string()),
    to: z.string(),
    input: z.record(z.string(), z.unknown()),
    slaEvents: z.array(z.catchall(z.object({ type: z.string(), at: z.string() }), z.unknown())),
    domainEvents: z.array(z.catchall(z.object({ type: z.string(), at: z.string() }), z.unknown())),
    at: z.string(),
    by: z.string(),
  })
  .register(components, { id: 'TicketEvent' });

export const ticketDetail = z
  .object({
    ticket: ticketRecord,
    /** The actions the caller may take now. */
    allowedActions: z.array(z.string()),
    /** For those of them whose form depends on this ticket: the fields not asked, and those required. */
    actionAsks: z.record(z.string(), z.object({ omit: z.array(z.string()), require: z.array(z.string()) })),
    timeline: z.array(ticketEventRecord),
    /** The ledger entry that opened the ticket: everything the front desk captured (phone masked). */
    contact: z.optional(
      z.extend(contactRecord, {
        /** What the desk chose for the ticket when taking the call (severity, place, category, agreed time). */
        ticket: z.optional(z.record(z.string(), z.unknown())),
      }),
    ),
    /** The staff the timeline and the ticket mention, with their names (so no screen shows an id). */
    people: z.array(z.object({ id: z.string(), name: z.string() })),
    /** Short-lived links: reload the ticket rather than keep them. */
    photos: z.array(photoView),
  })
  .register(components, { id: 'TicketDetail' });

const fieldTypes = [
  'boolean',
  'choice',
  'datetime',
  'staff',
  'text',
  'longText',
  'cents',
  'integer',
  'number',
  'object',
  'list',
  'attachment',
  'attachments',
] as const satisfies readonly FieldType[];

/** One input of a ticket action, as a form shows it. */
export const formField: z.ZodMiniType<FormField> = z
  .object({
    name: z.string(),
    type: z.enum(fieldTypes),
    required: z.boolean(),
    options: z.optional(z.array(z.string())),
    maxLength: z.optional(z.int()),
    get fields() {
      return z.optional(z.array(formField));
    },
  })
  .register(components, { id: 'FormField' });

export const kindView = z
  .object({
    kind: z.enum(ticketKindNames),
    label,
    initial: z.string(),
    states: z.record(
      z.string(),
      z.object({
        label,
        terminal: z.optional(z.boolean()),
        pausesSla: z.optional(z.boolean()),
        jobDone: z.optional(z.boolean()),
      }),
    ),
    slas: z.record(z.string(), z.object({ label })),
    actions: z.record(z.string(), z.object({ label, fields: z.array(formField) })),
  })
  .register(components, { id: 'TicketKind' });
/** One entry per kind, each named: a client reads `kinds.repair`, and the document lists every kind. */
export const kindsRecord = z
  .object({ repair: kindView, complaint: kindView, inquiry: kindView } satisfies Record<
    (typeof ticketKindNames)[number],
    typeof kindView
  >)
  .register(components, { id: 'TicketKinds' });

const figures = {
  opened: z.int(),
  closed: z.int(),
  cancelled: z.int(),
  breached: z.int(),
  completedRepairs: z.int(),
  followUps: z.int(),
  followUpsSatisfied: z.int(),
  callBacks: z.int(),
  callBacksSatisfied: z.int(),
  /** Followed-up ÷ completed repairs; null when nothing was completed. */
  followUpRate: z.nullable(z.number()),
  /** Satisfied ÷ (follow-ups + call-backs); null when nobody was asked. */
  satisfaction: z.nullable(z.number()),
  complaintRepliesOnTime: z.int(),
  complaintRepliesLate: z.int(),
  /** Complaints replied to within their target ÷ those due that day (001 §5.4); null when none was due. */
  complaintReplyRate: z.nullable(z.number()),
  inquiryAnswersOnTime: z.int(),
  inquiryAnswersLate: z.int(),
  /** Inquiries answered within the agreed time ÷ those due that day (001 篇3 §4.3.2); null when none. */
  inquiryOnTimeRate: z.nullable(z.number()),
  contactsByCategory: z.record(z.string(), z.int()),
  openedByKind: z.record(z.string(), z.int()),
};
export const figuresRecord = z.object(figures).register(components, { id: 'Figures' });

export const propertyFiguresRecord = z
  .object({
    propertyId: z.string(),
    from: z.string(),
    to: z.string(),
    now: z.object({
      open: z.int(),
      overdue: z.int(),
      openByKind: z.record(z.string(), z.int()),
    }),
    days: z.array(z.extend(figuresRecord, { day: z.string() })),
    totals: figuresRecord,
  })
  .register(components, { id: 'PropertyFigures' });

export const companyFiguresRecord = z
  .object({
    items: z.array(
      z.extend(propertyFiguresRecord, {
        property: z.object({ id: z.string(), code: z.string(), name: z.string() }),
      }),
    ),
  })
  .register(components, { id: 'CompanyFigures' });

export const chargeableItemRecord = z
  .object({
    id: z.string(),
    propertyId: z.string(),
    ticketId: z.string(),
    householdId: z.nullable(z.string()),
    unitId: z.nullable(z.string()),
    source: z.enum(['repair.paidService']),
    amountCents: z.int(),
    quotedFeeCents: z.int(),
    exceedsQuote: z.boolean(),
    confirmedAt: z.string(),
    /** YYYY-MM: the bill it belongs on. */
    month: z.string(),
    state: z.enum(['unbilled', 'billed']),
  })
  .register(components, { id: 'ChargeableItem' });
