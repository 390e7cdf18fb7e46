/** The collection routes' schemas (zod/mini), as the OpenAPI document shows them. */
import * as z from 'zod/mini';
import { exampleIds, id } from '../../directory/schemas.ts';
import { components } from '../../shared/openapi.ts';
import { visitOutcomes } from './records.ts';

export const month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A billing month YYYY-MM'));
const day = z.iso.date();

export const propertyParams = z.object({ propertyId: id });
export const householdParams = z.object({ propertyId: id, householdId: id });
export const taskParams = z.object({ propertyId: id, month, householdId: id });

export const worklistQuery = z.strictObject({
  buildingId: z.optional(id),
  cursor: z.optional(z.string().check(z.maxLength(2048))),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100))),
});

export const visitBody = z
  .strictObject({
    /** The task's version as read: a visit logged meanwhile by someone else answers 409. */
    version: z.int().check(z.gte(1)),
    outcome: z.enum(visitOutcomes),
    promisedDate: z.optional(day),
    nextVisitDate: z.optional(day),
    note: z._default(z.string().check(z.trim(), z.maxLength(500)), ''),
  })
  .check(
    z.refine((v) => v.outcome !== 'promised' || v.promisedDate !== undefined, {
      message: 'A promise needs the date the household promised to pay',
      path: ['promisedDate'],
    }),
  )
  .register(components, {
    id: 'CollectionVisitEntry',
    example: {
      version: 1,
      outcome: 'promised',
      promisedDate: '2026-11-28',
      nextVisitDate: '2026-11-29',
      note: '业主出差，月底回来缴',
    },
  });

export const waiverBody = z
  .strictObject({
    version: z.int().check(z.gte(1)),
    reason: z.string().check(z.trim(), z.minLength(2), z.maxLength(500)),
  })
  .register(components, {
    id: 'LateFeeWaiverRequest',
    example: { version: 1, reason: '业主长期住院，经项目经理同意免收滞纳金' },
  });

export const versionBody = z
  .strictObject({ version: z.int().check(z.gte(1)) })
  .register(components, { id: 'TaskVersion', example: { version: 2 } });

const waiver = z.object({
  reason: z.string(),
  requestedBy: z.string(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  approvedBy: z.optional(z.string()),
  approvedByName: z.optional(z.string()),
  approvedAt: z.optional(z.string()),
});

export const collectionTaskRecord = z
  .object({
    id: z.string(),
    propertyId: z.string(),
    period: z.string(),
    householdId: z.string(),
    householdName: z.string(),
    unitId: z.string(),
    buildingId: z.string(),
    roomCode: z.string(),
    requestId: z.string(),
    dueDate: z.string(),
    openedBalanceCents: z.int(),
    openedAt: z.string(),
    state: z.enum(['open', 'closed']),
    closedAt: z.optional(z.string()),
    visits: z.int(),
    lastOutcome: z.optional(z.enum(visitOutcomes)),
    lastVisitAt: z.optional(z.string()),
    promisedDate: z.optional(z.string()),
    nextVisitDate: z.optional(z.string()),
    lateFeeWaiver: z.optional(waiver),
    version: z.int(),
  })
  .register(components, { id: 'CollectionTask' });

export const worklistEntry = z
  .extend(collectionTaskRecord, {
    /** What the request still owes now. */
    balanceCents: z.int(),
    buildingName: z.string(),
    /** The household's phone, masked. */
    phone: z.string(),
  })
  .register(components, { id: 'WorklistEntry' });

export const worklistRecord = z
  .object({ items: z.array(worklistEntry), cursor: z.nullable(z.string()) })
  .register(components, { id: 'CollectionWorklist' });

export const visitRecord = z
  .object({
    id: z.string(),
    propertyId: z.string(),
    householdId: z.string(),
    period: z.string(),
    at: z.string(),
    collectorId: z.string(),
    collectorName: z.string(),
    outcome: z.enum(visitOutcomes),
    promisedDate: z.optional(z.string()),
    nextVisitDate: z.optional(z.string()),
    note: z.string(),
  })
  .register(components, { id: 'CollectionVisit' });

export const visitLogged = z
  .object({ task: collectionTaskRecord, visit: visitRecord })
  .register(components, { id: 'CollectionVisitLogged' });

export const noticeRecord = z
  .object({
    id: z.string(),
    propertyId: z.string(),
    householdId: z.string(),
    period: z.string(),
    requestId: z.string(),
    kind: z.enum(['request', 'reminder', 'collection']),
    channel: z.literal('sms'),
    provider: z.string(),
    to: z.string(),
    text: z.string(),
    status: z.enum(['pending', 'sent', 'failed', 'skipped']),
    error: z.optional(z.string()),
    sentBy: z.string(),
    createdAt: z.string(),
    deliveredAt: z.optional(z.string()),
  })
  .register(components, { id: 'HouseholdNotice' });

export { exampleIds };
