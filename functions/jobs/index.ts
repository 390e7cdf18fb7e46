// zod/mini, as every schema on a Lambda's cold path is to be (docs/decisions/014-cold-start.md).
import { type infer as Infer, iso, optional, strictObject, string } from 'zod/mini';

/**
 * Scheduled jobs, declared once: EventBridge Scheduler in AWS and croner in the local host both read
 * this list. Each schedule delivers `{ job, scheduledAt }` (the payload schema below) to the jobs Lambda.
 */
export const jobPayload = strictObject({
  job: string(),
  /** The time the schedule fired for (idempotency key of a run); defaults to now when absent. */
  scheduledAt: optional(iso.datetime()),
});
export type JobPayload = Infer<typeof jobPayload>;

export interface JobDeclaration {
  name: string;
  description: string;
  /** Six-field cron as EventBridge Scheduler wants it: minutes hours day-of-month month day-of-week year. */
  cron: string;
  timeZone: string;
  run: () => Promise<(payload: JobPayload) => Promise<JobResult>>;
}

export interface JobResult {
  /** Records the run read and changed; logged and returned to the caller. */
  read: number;
  changed: number;
}

export const jobs: JobDeclaration[] = [
  {
    name: 'directory-recount',
    description:
      'Recounts each property’s units, households and occupancy and repairs any drift in its figures',
    cron: '30 3 * * ? *',
    timeZone: 'Asia/Shanghai',
    run: async () => (await import('../directory/recount.ts')).recountAllProperties,
  },
  {
    name: 'sla-check',
    description:
      'Reads the due index and records each due SLA warning, breach and escalation step once (notifying through notify)',
    cron: '* * * * ? *',
    timeZone: 'Asia/Shanghai',
    run: async () => (await import('../tickets/sla-sweep.ts')).runSlaCheck,
  },
  {
    name: 'hand-off-notices',
    description:
      'Sends the hand-off notices (dispatch, reassignment, completion) an action could not send right after its commit, once each, and removes them',
    cron: '* * * * ? *',
    timeZone: 'Asia/Shanghai',
    run: async () => (await import('../tickets/handoffs.ts')).runHandOffNotices,
  },
  {
    name: 'holiday-data',
    description:
      'Tells head office, once per year, when a year without official holiday data (package or entered) begins within 60 days',
    cron: '0 9 * * ? *',
    timeZone: 'Asia/Shanghai',
    run: async () => (await import('../sla/holiday-alert.ts')).runHolidayDataCheck,
  },
  {
    name: 'import-recovery',
    description:
      'Rolls back each spreadsheet import whose run stopped before it finished (a crash or a timeout), even if nobody comes back to it',
    cron: '*/5 * * * ? *',
    timeZone: 'Asia/Shanghai',
    run: async () => (await import('../directory/import/recover.ts')).recoverInterruptedImports,
  },
  {
    name: 'standard-reports',
    description:
      'Produces each property’s complaint report of the day, 17:10 repairs reconciliation and Friday weekly summary once its local time has come, tells the recipients, and tells the property manager when nobody opened one in time',
    // Every five minutes in UTC: each property's own time zone decides which of its reports are due.
    cron: '*/5 * * * ? *',
    timeZone: 'UTC',
    run: async () => (await import('../reports/produce.ts')).runStandardReports,
  },
  {
    name: 'bill-run',
    description:
      'Bills each property once its local time reaches its billing day and time (default the 15th, 09:00): one payment request per household, continuing a run left unfinished',
    // Every 15 minutes in UTC: each property's own time zone decides when its month is billed.
    cron: '*/15 * * * ? *',
    timeZone: 'UTC',
    run: async () => (await import('../billing/run/service.ts')).runBillRuns,
  },
  {
    name: 'billing-delivery',
    description:
      'Sends each new payment request’s notice to its household once, and on the property’s reminder day (the 18th by default) a reminder to the households still owing',
    // Every five minutes in UTC: each property's own time zone decides its reminder morning.
    cron: '*/5 * * * ? *',
    timeZone: 'UTC',
    run: async () => (await import('../billing/delivery/notices.ts')).runBillingDelivery,
  },
  {
    name: 'billing-collection',
    description:
      'Once a property’s local day begins, opens a collection task (上门收款) for each unpaid request whose due day has ended, and closes the tasks of requests paid since',
    cron: '*/5 * * * ? *',
    timeZone: 'UTC',
    run: async () => (await import('../billing/collection/open-tasks.ts')).runCollection,
  },
];

/** croner takes five fields with `*` for "any": drop the year, and `?` becomes `*`. */
export function toCronerPattern(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 6) throw new Error(`Expected six cron fields: ${cron}`);
  return fields
    .slice(0, 5)
    .map((f) => (f === '?' ? '*' : f))
    .join(' ');
}
