import { z } from '@hono/zod-openapi';
import { date, exampleIds, id, pageQuery, phone } from '../directory/schemas.ts';

export { id };

export const contactChannels = ['visit', 'phone', 'hotline', 'letter', 'online'] as const;
export const contactCategories = [
  'repair',
  'complaint',
  'inquiry',
  'suggestion',
  'praise',
  'message',
  'other',
] as const;
export const ticketKindNames = ['repair', 'complaint', 'inquiry'] as const;

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
