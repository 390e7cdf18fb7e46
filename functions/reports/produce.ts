/**
 * The reports job: every few minutes, for each property, the newest period of each report whose time
 * has come in the property's own time zone is produced once (a put conditional on the report not
 * existing: a re-run, a retry or a second host changes nothing), its recipients are told, and a report
 * none of its recipients opened within the set time is brought to the property manager (once).
 * The instant is the caller's (`scheduledAt`), so a test drives it with explicit instants.
 */
import type { Membership, Property } from '../directory/records.ts';
import type { JobPayload, JobResult } from '../jobs/index.ts';
import { notify } from '../notifications/notify.ts';
import { conflict } from '../shared/errors.ts';
import { logger } from '../shared/log.ts';
import type { Role } from '../shared/permissions.ts';
import { forEachProperty, propertyStore, type Store } from '../shared/store.ts';
import { keys, reportKeys } from '../shared/table.ts';
import { complaintsContent, membersOf, repairsContent, weeklyContent } from './build.ts';
import { reportItem } from './items.ts';
import {
  latestPeriod,
  type ReportKind,
  type ReportPeriod,
  type ReportSettings,
  reportKindNames,
  reportSettingsOf,
} from './kinds.ts';
import type { Report } from './records.ts';

export const reportTitles: Record<ReportKind, { zh: string; en: string }> = {
  'complaints-daily': { zh: '投诉日报', en: 'Complaints of the day' },
  'repairs-daily': { zh: '报修日对账（17:10）', en: 'Daily repairs reconciliation' },
  'repairs-weekly': { zh: '报修周汇总', en: 'Weekly summary' },
};

/** The notification subject's id: ids are lower-case letters and digits. */
export const reportSubjectId = (kind: string, period: string) =>
  `${kind}${period}`.toLowerCase().replace(/[^0-9a-z]/g, '');
export const reportLink = (propertyId: string, kind: string, period: string) =>
  `/p/${propertyId}/reports/${kind}/${period}`;

const activeWith = (members: Map<string, Membership>, roles: Role[]) =>
  [...members.values()].filter((m) => m.active && m.roles.some((r) => roles.includes(r)));

async function content(
  store: Store,
  property: Property,
  p: ReportPeriod,
  at: string,
  members: Map<string, Membership>,
) {
  if (p.kind === 'complaints-daily')
    return { complaints: await complaintsContent(store, property.id, p, at, members) };
  if (p.kind === 'repairs-daily')
    return { repairs: await repairsContent(store, property.id, p, property.timeZone, members) };
  return { weekly: await weeklyContent(store, property.id, p, at, property.timeZone, members) };
}

/** Produces the report of period `p` at `at`; undefined when another run produced it first. */
async function produce(
  store: Store,
  property: Property,
  p: ReportPeriod,
  settings: ReportSettings,
  members: Map<string, Membership>,
  at: string,
): Promise<Report | undefined> {
  const recipients = activeWith(members, settings.recipients[p.kind]).map((m) => ({
    id: m.id,
    name: m.name,
  }));
  const report: Omit<Report, 'version'> = {
    propertyId: property.id,
    kind: p.kind,
    period: p.period,
    from: p.from,
    to: p.to,
    timeZone: property.timeZone,
    readyFrom: p.readyFrom,
    dueAt: p.dueAt,
    readyAt: at,
    recipients,
    recipientOpens: 0,
    ...(await content(store, property, p, at, members)),
  };
  try {
    // The audit entry names the report, not its rows: the rows are the report itself.
    await store.apply(
      [
        {
          put: { ...reportItem(report), version: 1, createdAt: at, updatedAt: at },
          condition: 'attribute_not_exists(#pk)',
          onFail: conflict('report_exists', 'This report was already produced'),
        },
      ],
      {
        action: 'report.produce',
        entity: 'report',
        entityId: `${p.kind}:${p.period}`,
        after: { recipients: recipients.length },
      },
    );
  } catch (error) {
    if ((error as { code?: string }).code === 'report_exists') return undefined;
    throw error;
  }
  return { ...report, version: 1 };
}

/** Tells each recipient once (the notification's idempotency key), then marks the report told. */
async function tellRecipients(store: Store, report: Report): Promise<number> {
  const title = reportTitles[report.kind];
  for (const r of report.recipients) {
    await notify({
      propertyId: report.propertyId,
      recipientId: r.id,
      kind: 'report.ready',
      title: `${title.zh} ${report.period}`,
      body: `${title.zh}（${report.period}）已生成，请查看。`,
      en: {
        title: `${title.en} ${report.period}`,
        body: `${title.en} (${report.period}) is ready to read.`,
      },
      link: reportLink(report.propertyId, report.kind, report.period),
      subject: { type: 'report', id: reportSubjectId(report.kind, report.period) },
      idempotencyKey: `report:${report.kind}:${report.period}:${r.id}`,
    });
  }
  await store.update(
    reportKeys.report(report.propertyId, report.kind, report.period),
    'Report',
    report.version,
    { toldAt: new Date().toISOString() },
    {
      action: 'report.tell',
      entity: 'report',
      entityId: `${report.kind}:${report.period}`,
    },
  );
  return report.recipients.length;
}

/** The instant by which one of the recipients is to have opened the report. */
export const openBy = (
  report: Pick<Report, 'readyAt' | 'dueAt'>,
  settings: Pick<ReportSettings, 'openWithinMinutes'>,
) =>
  new Date(
    Math.max(Date.parse(report.readyAt), Date.parse(report.dueAt)) + settings.openWithinMinutes * 60_000,
  ).toISOString();

/** Nobody of the recipients opened it in time: the property managers are told, once. */
async function noticeUnopened(
  store: Store,
  report: Report & { toldAt?: string },
  members: Map<string, Membership>,
  at: string,
) {
  const managers = activeWith(members, ['property_manager']);
  const title = reportTitles[report.kind];
  for (const m of managers) {
    await notify({
      propertyId: report.propertyId,
      recipientId: m.id,
      kind: 'report.unopened',
      title: `${title.zh} ${report.period} 无人查看`,
      body: `${title.zh}（${report.period}）生成后，接收人在规定时间内都没有打开。`,
      en: {
        title: `${title.en} ${report.period} not opened`,
        body: `Nobody it was sent to opened ${title.en} (${report.period}) in the time set.`,
      },
      link: reportLink(report.propertyId, report.kind, report.period),
      subject: { type: 'report', id: reportSubjectId(report.kind, report.period) },
      idempotencyKey: `report-unopened:${report.kind}:${report.period}:${m.id}`,
    });
  }
  await store.apply(
    [
      {
        update: reportKeys.report(report.propertyId, report.kind, report.period),
        set: { missedNoticeAt: at },
        condition: 'attribute_not_exists(#missedNoticeAt)',
      },
    ],
    {
      action: 'report.unopened',
      entity: 'report',
      entityId: `${report.kind}:${report.period}`,
      after: { managers: managers.length },
    },
  );
}

/** One property at `now`: what was produced and told. Runs as the property's system. */
export async function reportsOfProperty(propertyId: string, now: Date): Promise<JobResult> {
  const store = propertyStore(propertyId);
  const property = await store.get<Property>(keys.property(propertyId));
  if (!property) return { read: 0, changed: 0 };
  const settings = reportSettingsOf(property);
  const at = now.toISOString();
  const periods = reportKindNames.map((kind) => latestPeriod(kind, now, property.timeZone, settings));
  const stored = await store.batchGet<Report & { toldAt?: string }>(
    periods.map((p) => reportKeys.report(propertyId, p.kind, p.period)),
  );
  let members: Map<string, Membership> | undefined;
  const staff = async () => {
    members ??= await membersOf(store, propertyId);
    return members;
  };
  let changed = 0;
  for (const p of periods) {
    let report = stored.find((r) => r.kind === p.kind && r.period === p.period);
    if (!report) {
      report = await produce(store, property, p, settings, await staff(), at);
      if (!report) continue;
      changed++;
    }
    if (!report.toldAt) changed += await tellRecipients(store, report);
    if (!report.recipientOpens && !report.missedNoticeAt && openBy(report, settings) <= at) {
      await noticeUnopened(store, report, await staff(), at);
      changed++;
    }
  }
  return { read: periods.length, changed };
}

/** The declared job (functions/jobs/index.ts): every property, at the instant the schedule fired for. */
export async function runStandardReports(payload: JobPayload): Promise<JobResult> {
  const now = payload.scheduledAt ? new Date(payload.scheduledAt) : new Date();
  const results = await forEachProperty(async (propertyId) => {
    try {
      return await reportsOfProperty(propertyId, now);
    } catch (error) {
      // One property's failure does not keep the others' reports back; the next run tries again.
      logger.error('Standard reports failed for a property', { propertyId, error: error as Error });
      return { read: 0, changed: 0 };
    }
  });
  return {
    read: results.reduce((n, r) => n + r.read, 0),
    changed: results.reduce((n, r) => n + r.changed, 0),
  };
}
