/**
 * Reading and working with the reports: a property's list, one report (opening it records who and
 * when), confirming the daily reconciliation (desk and engineering), head office's overview, and the
 * property's report settings.
 */
import * as z from 'zod/mini';
import { propertyItem } from '../directory/items.ts';
import { visiblePropertyIds } from '../directory/properties.ts';
import type { Property } from '../directory/records.ts';
import { useActor } from '../shared/actor.ts';
import { conflict, notFound, unprocessable } from '../shared/errors.ts';
import { fn } from '../shared/fn.ts';
import type { Role } from '../shared/permissions.ts';
import { companyStore, propertyStore, type Store } from '../shared/store.ts';
import { keys, reportKeys, reportSkPrefix } from '../shared/table.ts';
import { membersOf, repairsContent } from './build.ts';
import { reportItem, reportOpenItem } from './items.ts';
import {
  latestPeriod,
  namedPeriod,
  periodOf,
  type ReportKind,
  type ReportPeriod,
  type ReportSettings,
  reportKindNames,
  reportSettingsOf,
} from './kinds.ts';
import { addDays } from './periods.ts';
import { openBy } from './produce.ts';
import type { Report } from './records.ts';
import {
  confirmBody,
  propertyParams,
  reportParams,
  reportSettingsBody,
  type reportSummary,
} from './schemas.ts';

type Stored = Report & { toldAt?: string };

/** Where a report stands at `now`, for its page and head office's overview. */
export function summaryOf(
  p: ReportPeriod,
  report: Stored | undefined,
  settings: ReportSettings,
  now: string,
) {
  if (!report)
    return {
      kind: p.kind,
      period: p.period,
      from: p.from,
      to: p.to,
      dueAt: p.dueAt,
      readyAt: null,
      openBy: null,
      status: now < p.dueAt ? ('waiting' as const) : ('missing' as const),
      producedLate: false,
      recipientOpens: 0,
    };
  const by = openBy(report, settings);
  return {
    kind: report.kind,
    period: report.period,
    from: report.from,
    to: report.to,
    dueAt: report.dueAt,
    readyAt: report.readyAt,
    openBy: by,
    status:
      report.recipientOpens > 0
        ? ('opened' as const)
        : now >= by
          ? ('unopened' as const)
          : ('ready' as const),
    producedLate: report.readyAt > report.dueAt,
    recipientOpens: report.recipientOpens,
    ...(report.missedNoticeAt ? { missedNoticeAt: report.missedNoticeAt } : {}),
    ...(report.deskConfirmation ? { deskConfirmation: report.deskConfirmation } : {}),
    ...(report.engineeringConfirmation ? { engineeringConfirmation: report.engineeringConfirmation } : {}),
  };
}

async function propertyOf(store: Store, propertyId: string) {
  return store.mustGet<Property>(keys.property(propertyId), 'Property');
}

function periodOrThrow(kind: ReportKind, period: string, property: Property, settings: ReportSettings) {
  const p = namedPeriod(kind, period, property.timeZone, settings);
  if (!p) throw notFound('Report');
  return p;
}

/** The last two weeks of each report of a property (the newest first), produced or not. */
export const listReports = fn(propertyParams, async ({ propertyId }) => {
  const store = propertyStore(propertyId);
  const property = await propertyOf(store, propertyId);
  const settings = reportSettingsOf(property);
  const now = new Date();
  const periods = reportKindNames.flatMap((kind) => {
    const latest = latestPeriod(kind, now, property.timeZone, settings);
    const step = kind === 'repairs-weekly' ? 7 : 1;
    const count = kind === 'repairs-weekly' ? 4 : 14;
    return Array.from({ length: count }, (_, i) =>
      periodOf(kind, addDays(latest.from, -i * step), property.timeZone, settings),
    );
  });
  const stored = await store.batchGet<Stored>(
    periods.map((p) => reportKeys.report(propertyId, p.kind, p.period)),
  );
  const at = now.toISOString();
  return {
    items: periods.map((p) =>
      summaryOf(
        p,
        stored.find((r) => r.kind === p.kind && r.period === p.period),
        settings,
        at,
      ),
    ),
  };
});

async function readReport(store: Store, propertyId: string, kind: ReportKind, period: string) {
  const property = await propertyOf(store, propertyId);
  const settings = reportSettingsOf(property);
  const p = periodOrThrow(kind, period, property, settings);
  const report = await store.get<Stored>(reportKeys.report(propertyId, kind, period));
  return { property, settings, p, report };
}

interface Loaded {
  summary: z.infer<typeof reportSummary>;
  timeZone: string;
  recipients: Report['recipients'];
  opens: { staffId: string; name: string; at: string; recipient: boolean }[];
  complaints?: Report['complaints'];
  repairs?: Report['repairs'];
  weekly?: Report['weekly'];
}

/**
 * One report with who opened it. The daily reconciliation is the desk's and engineering's working list
 * until both have confirmed it: until then it shows the day's repairs as they are now (a repair finished
 * after 17:10, a reason entered since), and each confirmation keeps the list as it was confirmed.
 */
export const getReport = fn(reportParams, async ({ propertyId, kind, period }) => {
  const store = propertyStore(propertyId);
  const { property, settings, p, report } = await readReport(store, propertyId, kind, period);
  const summary = summaryOf(p, report, settings, new Date().toISOString());
  // Not produced (yet): its page says so, with when it is due.
  if (!report) return { summary, timeZone: property.timeZone, recipients: [], opens: [] } as Loaded;
  const opens = await store.query<{ staffId: string; name: string; at: string; recipient: boolean }>({
    partition: keys.property(propertyId).pk,
    beginsWith: reportSkPrefix.opensOf(kind, period),
    limit: 200,
  });
  const repairs =
    report.repairs && !(report.deskConfirmation && report.engineeringConfirmation)
      ? await repairsContent(store, propertyId, p, property.timeZone, await membersOf(store, propertyId))
      : report.repairs;
  return {
    summary,
    timeZone: report.timeZone,
    recipients: report.recipients,
    opens: opens.items.map(({ staffId, name, at, recipient }) => ({ staffId, name, at, recipient })),
    ...(report.complaints ? { complaints: report.complaints } : {}),
    ...(repairs ? { repairs } : {}),
    ...(report.weekly ? { weekly: report.weekly } : {}),
  } as Loaded;
});

/**
 * The caller opened the report: recorded once per person (who, when), and counted on the report when
 * the caller is one of its recipients — what proves its delivery.
 */
export const openReport = fn(reportParams, async ({ propertyId, kind, period }) => {
  const actor = useActor();
  const store = propertyStore(propertyId);
  const { report } = await readReport(store, propertyId, kind, period);
  if (!report) throw notFound('Report');
  const openKey = reportKeys.reportOpen(propertyId, kind, period, actor.staffId);
  const before = await store.get<{ at: string }>(openKey);
  if (before) return { firstOpen: false, at: before.at };
  const recipient = report.recipients.some((r) => r.id === actor.staffId);
  const at = new Date().toISOString();
  try {
    await store.apply(
      [
        {
          put: reportOpenItem({
            propertyId,
            kind,
            period,
            staffId: actor.staffId,
            name: actor.name,
            at,
            recipient,
          }),
          condition: 'attribute_not_exists(#pk)',
          onFail: conflict('already_opened', 'Already recorded'),
        },
        ...(recipient
          ? [{ update: reportKeys.report(propertyId, kind, period), add: { recipientOpens: 1 } }]
          : []),
      ],
      { action: 'report.open', entity: 'report', entityId: `${kind}:${period}`, after: { recipient } },
    );
  } catch (error) {
    // Two tabs opening it at once: the first one's record stands.
    if ((error as { code?: string }).code !== 'already_opened') throw error;
    return {
      firstOpen: false,
      at: (await store.get<{ at: string }>(openKey, { consistent: true }))?.at ?? at,
    };
  }
  return { firstOpen: true, at };
});

const sides: Record<
  'desk' | 'engineering',
  { field: 'deskConfirmation' | 'engineeringConfirmation'; roles: Role[] }
> = {
  desk: {
    field: 'deskConfirmation',
    roles: ['front_desk', 'service_lead', 'property_manager', 'head_office'],
  },
  engineering: { field: 'engineeringConfirmation', roles: ['technician', 'property_manager', 'head_office'] },
};

/**
 * The desk or engineering confirms the day's reconciliation (004: 每天 17:10 时与工程部相关人员确认完成情况):
 * every repair not done must have its reason by then; the list as confirmed is kept on the report.
 */
export const confirmReport = fn(
  z.extend(reportParams, { body: confirmBody }),
  async ({ propertyId, kind, period, body }) => {
    const actor = useActor();
    // The tenant guard and the report first: another property's report is a 404 whatever the caller's role.
    const store = propertyStore(propertyId);
    const { property, p, report } = await readReport(store, propertyId, kind, period);
    if (kind !== 'repairs-daily')
      throw unprocessable('not_confirmable', 'Only the daily repairs reconciliation is confirmed', { kind });
    const side = sides[body.side];
    if (!actor.roles.some((r) => side.roles.includes(r)))
      throw unprocessable(
        'wrong_side',
        `Only ${body.side === 'desk' ? 'the front desk' : 'engineering'} confirms for it`,
        {
          side: body.side,
        },
      );
    if (!report?.repairs) throw notFound('Report');
    if (report[side.field])
      throw conflict('already_confirmed', 'This side already confirmed the report', report[side.field]);
    const repairs = await repairsContent(
      store,
      propertyId,
      p,
      property.timeZone,
      await membersOf(store, propertyId),
    );
    const missing = repairs.notDone.filter((r) => !r.reason);
    if (missing.length)
      throw unprocessable('reasons_missing', 'Give the reason for every repair not done before confirming', {
        tickets: missing.map((r) => ({
          ticketId: r.ticketId,
          number: r.number ?? null,
          roomCode: r.roomCode ?? null,
        })),
      });
    const confirmation = { by: actor.staffId, byName: actor.name, at: new Date().toISOString() };
    await store.update<Stored>(
      reportKeys.report(propertyId, kind, period),
      'Report',
      report.version,
      { [side.field]: confirmation, repairs },
      { action: `report.confirm.${body.side}`, entity: 'report', entityId: `${kind}:${period}` },
      { current: report, item: reportItem },
    );
    return { side: body.side, ...confirmation };
  },
);

/** Head office: per property, where the newest period of each report stands (ready, opened, late). */
export const reportOverview = fn(z.object({}), async () => {
  const ids = await visiblePropertyIds();
  const store = companyStore(ids);
  const properties = (await store.batchGet<Property>(ids.map((p) => keys.property(p)))).sort((a, b) =>
    a.code.localeCompare(b.code),
  );
  const now = new Date();
  const wanted = properties.flatMap((property) => {
    const settings = reportSettingsOf(property);
    return reportKindNames.map((kind) => ({
      property,
      settings,
      p: latestPeriod(kind, now, property.timeZone, settings),
    }));
  });
  const stored = await store.batchGet<Stored>(
    wanted.map((w) => reportKeys.report(w.property.id, w.p.kind, w.p.period)),
  );
  const at = now.toISOString();
  return {
    items: properties.map((property) => ({
      property: { id: property.id, code: property.code, name: property.name },
      reports: wanted
        .filter((w) => w.property.id === property.id)
        .map((w) =>
          summaryOf(
            w.p,
            stored.find(
              (r) => r.propertyId === property.id && r.kind === w.p.kind && r.period === w.p.period,
            ),
            w.settings,
            at,
          ),
        ),
    })),
  };
});

export const getReportSettings = fn(propertyParams, async ({ propertyId }) =>
  reportSettingsOf(await propertyOf(propertyStore(propertyId), propertyId)),
);

export const changeReportSettings = fn(
  z.extend(propertyParams, { body: reportSettingsBody }),
  async ({ propertyId, body }) => {
    const store = propertyStore(propertyId);
    const property = await propertyOf(store, propertyId);
    const own = (property as { reportSettings?: Record<string, unknown> }).reportSettings ?? {};
    const next = {
      ...own,
      ...body,
      recipients: { ...(own.recipients as object | undefined), ...body.recipients },
    };
    const updated = await store.update<Property>(
      keys.property(propertyId),
      'Property',
      property.version,
      { reportSettings: next },
      { action: 'property.reportSettings', entity: 'property', entityId: propertyId },
      { current: property, item: propertyItem },
    );
    return reportSettingsOf(updated);
  },
);
