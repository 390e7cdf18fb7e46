/** The reports' request and response schemas (zod/mini), named for the OpenAPI document. */
import * as z from 'zod/mini';
import { components } from '../shared/openapi.ts';
import { roles } from '../shared/roles.ts';
import { id } from '../tickets/schemas.ts';
import { reportKindNames } from './kinds.ts';

const hhmm = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24 h)'));

export const reportParams = z.object({
  propertyId: id,
  kind: z.enum(reportKindNames),
  /** A day (2026-12-01) or an ISO week (2026-W49); a well-formed value that names no period is a 404. */
  period: z.string().check(z.regex(/^[0-9A-Za-z-]{4,20}$/, 'A day (YYYY-MM-DD) or an ISO week (YYYY-Www)')),
});
export const propertyParams = z.object({ propertyId: id });

export const openBody = z.strictObject({}).register(components, { id: 'ReportOpen', example: {} });
export const confirmBody = z
  .strictObject({ side: z.enum(['desk', 'engineering']) })
  .register(components, { id: 'ReportConfirm', example: { side: 'desk' } });
export const downloadQuery = z.strictObject({ lang: z.optional(z.enum(['zh-CN', 'en'])) });

export const reportSettingsBody = z
  .strictObject({
    complaintsDailyDue: z.optional(hhmm),
    repairsDailyAt: z.optional(hhmm),
    repairsWeeklyDay: z.optional(z.int().check(z.gte(1), z.lte(7))),
    repairsWeeklyAt: z.optional(hhmm),
    openWithinMinutes: z.optional(z.int().check(z.gte(10), z.lte(24 * 60))),
    recipients: z.optional(
      z.strictObject({
        'complaints-daily': z.optional(z.array(z.enum(roles)).check(z.minLength(1), z.maxLength(7))),
        'repairs-daily': z.optional(z.array(z.enum(roles)).check(z.minLength(1), z.maxLength(7))),
        'repairs-weekly': z.optional(z.array(z.enum(roles)).check(z.minLength(1), z.maxLength(7))),
      }),
    ),
  })
  .register(components, {
    id: 'ReportSettingsChange',
    example: {
      repairsDailyAt: '17:10',
      openWithinMinutes: 120,
      recipients: { 'repairs-daily': ['front_desk', 'technician'] },
    },
  });

export const reportSettingsRecord = z
  .object({
    complaintsDailyDue: z.string(),
    repairsDailyAt: z.string(),
    repairsWeeklyDay: z.int(),
    repairsWeeklyAt: z.string(),
    openWithinMinutes: z.int(),
    recipients: z.record(z.string(), z.array(z.string())),
  })
  .register(components, { id: 'ReportSettings' });

const status = z.enum(['waiting', 'missing', 'ready', 'opened', 'unopened']);
const confirmation = z.object({ by: z.string(), byName: z.string(), at: z.string() });

export const reportSummary = z
  .object({
    kind: z.enum(reportKindNames),
    period: z.string(),
    from: z.string(),
    to: z.string(),
    dueAt: z.string(),
    readyAt: z.nullable(z.string()),
    openBy: z.nullable(z.string()),
    /** waiting: not due yet; missing: due and not produced; ready; opened (by a recipient); unopened: none opened in time. */
    status,
    producedLate: z.boolean(),
    recipientOpens: z.int(),
    missedNoticeAt: z.optional(z.string()),
    deskConfirmation: z.optional(confirmation),
    engineeringConfirmation: z.optional(confirmation),
  })
  .register(components, { id: 'ReportSummary' });

export const reportList = z
  .object({ items: z.array(reportSummary) })
  .register(components, { id: 'ReportList' });

export const reportRecord = z
  .object({
    summary: reportSummary,
    timeZone: z.string(),
    recipients: z.array(z.object({ id: z.string(), name: z.string() })),
    opens: z.array(
      z.object({ staffId: z.string(), name: z.string(), at: z.string(), recipient: z.boolean() }),
    ),
    complaints: z.optional(z.array(z.record(z.string(), z.unknown()))),
    repairs: z.optional(z.record(z.string(), z.unknown())),
    weekly: z.optional(z.record(z.string(), z.unknown())),
  })
  .register(components, { id: 'Report' });

export const reportOverview = z
  .object({
    items: z.array(
      z.object({
        property: z.object({ id: z.string(), code: z.string(), name: z.string() }),
        reports: z.array(reportSummary),
      }),
    ),
  })
  .register(components, { id: 'ReportOverview' });
