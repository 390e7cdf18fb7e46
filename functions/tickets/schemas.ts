import { z } from '@hono/zod-openapi';
import { date, exampleIds, id, pageQuery, phone } from '../directory/schemas.ts';
import { stamped } from '../shared/openapi.ts';
import { slaClockSchema } from '../sla/clock.ts';
import { calendarKinds, severities } from '../sla/policies.ts';
import { photoView } from './attachments/schemas.ts';
import { contactCategories, contactChannels, ticketKindNames } from './enums.ts';
import type { FieldType, FormField } from './kinds.ts';

export { contactCategories, contactChannels, id, ticketKindNames };

/** Ticket id used in the OpenAPI examples (the generated tests swap path ids for their own). */
export const exampleTicketId = '01exampleticket0000';

const text = (max: number) => z.string().trim().min(1).max(max);

export const contactCreate = z
  .strictObject({
    time: z.iso.datetime({ offset: true }),
    channel: z.enum(contactChannels),
    caller: z.strictObject({ name: text(60), phone: phone.optional() }),
    unitId: id.optional(),
    householdId: id.optional(),
    category: z.enum(contactCategories),
    summary: text(2000),
    /**
     * repair, complaint, inquiry: the ticket opened with the contact. Its fields are the machine's
     * create input; what the contact already says (caller, unit, time, channel, summary) is filled in.
     */
    ticket: z.record(z.string(), z.unknown()).optional(),
    /** message: a message for an absent colleague. */
    message: z
      .strictObject({
        forWhom: text(60),
        forStaffId: id.optional(),
        callbackNumber: phone,
        passedTo: text(60).optional(),
      })
      .optional(),
  })
  .refine((c) => c.category !== 'message' || c.message, {
    message: 'A message needs who it is for and the callback number',
    path: ['message'],
  })
  .refine((c) => c.category === 'message' || !c.message, {
    message: 'Only a message carries message fields',
    path: ['message'],
  })
  .refine((c) => (ticketKindNames as readonly string[]).includes(c.category) || !c.ticket, {
    message: 'Only a repair, complaint or inquiry opens a ticket',
    path: ['ticket'],
  })
  .openapi('ContactCreate', {
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
export const contactQuery = pageQuery.extend({ day: date.optional() });
export const ticketQuery = pageQuery.extend({
  kind: z.enum(ticketKindNames).optional(),
  state: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
});

export const actionBody = z
  .strictObject({
    version: z.number().int().min(1),
    input: z.record(z.string(), z.unknown()).default({}),
  })
  .openapi('TicketAction', { example: { version: 1, input: { inScope: true } } });

export const propertyParams = z.object({ propertyId: id });
export const ticketParams = propertyParams.extend({ ticketId: id });
export const householdParams = propertyParams.extend({ householdId: id });
export const actionParams = ticketParams.extend({
  action: z.string().regex(/^[0-9A-Za-z]{1,40}$/, 'Not an action name'),
});

/* What the routes answer (storage attributes stripped; phones masked as everywhere). */

const label = z.object({ zh: z.string(), en: z.string() });
const caller = z.object({ name: z.string(), phone: z.string().optional() });

export const contactRecord = z
  .object({
    ...stamped,
    propertyId: z.string(),
    /** The property-local day of the ledger the contact is in. */
    day: z.string(),
    time: z.string(),
    channel: z.enum(contactChannels),
    caller,
    unitId: z.string().optional(),
    householdId: z.string().optional(),
    /** Building and room of `unitId`, added for lists. */
    roomCode: z.string().optional(),
    category: z.enum(contactCategories),
    summary: z.string(),
    message: z
      .object({
        forWhom: z.string(),
        forStaffId: z.string().optional(),
        callbackNumber: z.string(),
        passedTo: z.string().optional(),
      })
      .optional(),
    takenBy: z.string(),
    takenByName: z.string(),
    ticketId: z.string().nullable(),
    ticketKind: z.enum(ticketKindNames).nullable(),
  })
  .openapi('Contact');

export const slaStatuses = ['running', 'paused', 'done', 'void'] as const;

/** One SLA target's clock as the ticket carries it. */
export const ticketSlaRecord = z
  .object({
    clock: slaClockSchema,
    calendar: z.enum(calendarKinds).nullable(),
    warnAt: z.number(),
    status: z.enum(slaStatuses),
    dueAt: z.string().nullable(),
    warningAt: z.string().nullable(),
    stoppedAt: z.string().optional(),
    /** For a clock stopped `done`: reached by its due time. */
    met: z.boolean().optional(),
  })
  .openapi('TicketSla');

/**
 * A repair, complaint or inquiry. The fields every kind has are listed; the rest are its machine's own
 * (a repair's `content` and `appointmentAt`, a complaint's `complainant`, …: GET /api/tickets/kinds).
 */
export const ticketRecord = z
  .object({
    ...stamped,
    propertyId: z.string(),
    kind: z.enum(ticketKindNames),
    severity: z.enum(severities),
    state: z.string(),
    assigneeId: z.string().nullable().optional(),
    householdId: z.string().nullable(),
    unitId: z.string().nullable(),
    /** Building and room of `unitId`, added for lists and the detail. */
    roomCode: z.string().optional(),
    contactId: z.string(),
    openedAt: z.string(),
    openedBy: z.string(),
    slas: z.record(z.string(), ticketSlaRecord),
    /** Earliest SLA moment not yet recorded (warning, breach, escalation step). */
    nextDueAt: z.string().nullable(),
    /** Lists only: up to three photo thumbnails (short-lived links). */
    thumbnails: z.array(z.object({ id: z.string(), thumbnailUrl: z.string() })).optional(),
  })
  .catchall(z.unknown())
  .openapi('Ticket');

export const recordedContact = z
  .object({ contact: contactRecord, ticket: ticketRecord.nullable() })
  .openapi('RecordedContact');

export const actedTicket = z
  .object({
    ticket: ticketRecord,
    /** The actions the caller may take next. */
    allowedActions: z.array(z.string()),
  })
  .openapi('ActedTicket');

/** One step of a ticket's timeline (also the household's). */
export const ticketEventRecord = z
  .object({
    id: z.string(),
    ticketId: z.string(),
    kind: z.enum(ticketKindNames),
    action: z.string(),
    from: z.string().nullable(),
    to: z.string(),
    input: z.record(z.string(), z.unknown()),
    slaEvents: z.array(z.object({ type: z.string(), at: z.string() }).catchall(z.unknown())),
    domainEvents: z.array(z.object({ type: z.string(), at: z.string() }).catchall(z.unknown())),
    at: z.string(),
    by: z.string(),
  })
  .openapi('TicketEvent');

export const ticketDetail = z
  .object({
    ticket: ticketRecord,
    /** The actions the caller may take now. */
    allowedActions: z.array(z.string()),
    timeline: z.array(ticketEventRecord),
    /** Short-lived links: reload the ticket rather than keep them. */
    photos: z.array(photoView),
  })
  .openapi('TicketDetail');

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
export const formField: z.ZodType<FormField> = z
  .object({
    name: z.string(),
    type: z.enum(fieldTypes),
    required: z.boolean(),
    options: z.array(z.string()).optional(),
    maxLength: z.number().int().optional(),
    get fields() {
      return z.array(formField).optional();
    },
  })
  .openapi('FormField');

export const kindView = z
  .object({
    kind: z.enum(ticketKindNames),
    label,
    initial: z.string(),
    states: z.record(
      z.string(),
      z.object({ label, terminal: z.boolean().optional(), pausesSla: z.boolean().optional() }),
    ),
    slas: z.record(z.string(), z.object({ label })),
    actions: z.record(z.string(), z.object({ label, fields: z.array(formField) })),
  })
  .openapi('TicketKind');
export const kindsRecord = z.record(z.enum(ticketKindNames), kindView).openapi('TicketKinds');

const figures = {
  opened: z.number().int(),
  closed: z.number().int(),
  cancelled: z.number().int(),
  breached: z.number().int(),
  completedRepairs: z.number().int(),
  followUps: z.number().int(),
  followUpsSatisfied: z.number().int(),
  callBacks: z.number().int(),
  callBacksSatisfied: z.number().int(),
  /** Followed-up ÷ completed repairs; null when nothing was completed. */
  followUpRate: z.number().nullable(),
  /** Satisfied ÷ (follow-ups + call-backs); null when nobody was asked. */
  satisfaction: z.number().nullable(),
  contactsByCategory: z.record(z.string(), z.number().int()),
  openedByKind: z.record(z.string(), z.number().int()),
};
export const figuresRecord = z.object(figures).openapi('Figures');

export const propertyFiguresRecord = z
  .object({
    propertyId: z.string(),
    from: z.string(),
    to: z.string(),
    now: z.object({
      open: z.number().int(),
      overdue: z.number().int(),
      openByKind: z.record(z.string(), z.number().int()),
    }),
    days: z.array(figuresRecord.extend({ day: z.string() })),
    totals: figuresRecord,
  })
  .openapi('PropertyFigures');

export const companyFiguresRecord = z
  .object({
    items: z.array(
      propertyFiguresRecord.extend({
        property: z.object({ id: z.string(), code: z.string(), name: z.string() }),
      }),
    ),
  })
  .openapi('CompanyFigures');

export const chargeableItemRecord = z
  .object({
    id: z.string(),
    propertyId: z.string(),
    ticketId: z.string(),
    householdId: z.string().nullable(),
    unitId: z.string().nullable(),
    source: z.enum(['repair.paidService']),
    amountCents: z.number().int(),
    quotedFeeCents: z.number().int(),
    exceedsQuote: z.boolean(),
    confirmedAt: z.string(),
    /** YYYY-MM: the bill it belongs on. */
    month: z.string(),
    state: z.enum(['unbilled', 'billed']),
  })
  .openapi('ChargeableItem');
