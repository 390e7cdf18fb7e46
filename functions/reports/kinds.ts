/**
 * The reports the service standards name (seed 004, "报修记录及总结" and the complaint report), declared
 * once: when each is due in the property's time zone, which period it covers, and who receives it. The
 * times and recipients are settings of the property (`property.reportSettings`) with these defaults.
 */
import type { Property } from '../directory/records.ts';
import type { Role } from '../shared/permissions.ts';
import { type ReportKind, reportKindNames } from './enums.ts';
import { addDays, isoWeekOf, localDay, mondayOf, zonedInstant } from './periods.ts';

export { type ReportKind, reportKindNames };

export interface ReportSettings {
  /** HH:MM the complaint report of a day is due on the next day (004: 第二日上午 9:00). */
  complaintsDailyDue: string;
  /** HH:MM of the daily repairs reconciliation with engineering (004: 每天 17:10). */
  repairsDailyAt: string;
  /** ISO weekday (1 = Monday) and HH:MM of the weekly summary (004: 每周五下午 15:00). */
  repairsWeeklyDay: number;
  repairsWeeklyAt: string;
  /** Minutes after a report is due within which one of its recipients is to open it. */
  openWithinMinutes: number;
  recipients: Record<ReportKind, Role[]>;
}

export const defaultReportSettings: ReportSettings = {
  complaintsDailyDue: '09:00',
  repairsDailyAt: '17:10',
  repairsWeeklyDay: 5,
  repairsWeeklyAt: '15:00',
  openWithinMinutes: 120,
  recipients: {
    // 交上级审核: the superior reviews the complaint report.
    'complaints-daily': ['property_manager', 'service_lead'],
    // The desk and engineering confirm the day's repairs together.
    'repairs-daily': ['front_desk', 'technician'],
    // 上报上级: the weekly summary goes to the superior.
    'repairs-weekly': ['property_manager'],
  },
};

export type ReportSettingsOverrides = Partial<Omit<ReportSettings, 'recipients'>> & {
  recipients?: Partial<Record<ReportKind, Role[]>>;
};

export function reportSettingsOf(property: Property): ReportSettings {
  const own = (property as { reportSettings?: ReportSettingsOverrides }).reportSettings ?? {};
  return {
    ...defaultReportSettings,
    ...own,
    recipients: { ...defaultReportSettings.recipients, ...own.recipients },
  };
}

/** One period of a report: the property-local days it covers and the instants that matter. */
export interface ReportPeriod {
  kind: ReportKind;
  period: string;
  /** First and last property-local day covered. */
  from: string;
  to: string;
  /** From when it is produced: the period is over (the complaint day) or its reconciliation time came. */
  readyFrom: string;
  /** When the standard wants it in its recipients' hands. */
  dueAt: string;
}

/** The period of `kind` that contains the property-local `day` (a day, or the ISO week of the day). */
export function periodOf(kind: ReportKind, day: string, timeZone: string, s: ReportSettings): ReportPeriod {
  const at = (d: string, time: string) => zonedInstant(d, time, timeZone).toISOString();
  if (kind === 'complaints-daily')
    return {
      kind,
      period: day,
      from: day,
      to: day,
      readyFrom: at(addDays(day, 1), '00:00'),
      dueAt: at(addDays(day, 1), s.complaintsDailyDue),
    };
  if (kind === 'repairs-daily')
    return {
      kind,
      period: day,
      from: day,
      to: day,
      readyFrom: at(day, s.repairsDailyAt),
      dueAt: at(day, s.repairsDailyAt),
    };
  const week = isoWeekOf(day);
  const monday = mondayOf(week);
  const reportDay = addDays(monday, s.repairsWeeklyDay - 1);
  const due = at(reportDay, s.repairsWeeklyAt);
  return { kind, period: week, from: monday, to: reportDay, readyFrom: due, dueAt: due };
}

/** The newest period of `kind` whose time has come at `now` (this one, or the one before). */
export function latestPeriod(kind: ReportKind, now: Date, timeZone: string, s: ReportSettings): ReportPeriod {
  const today = localDay(now, timeZone);
  const step = kind === 'repairs-weekly' ? 7 : 1;
  for (const day of [today, addDays(today, -step), addDays(today, -2 * step)]) {
    const p = periodOf(kind, day, timeZone, s);
    if (p.readyFrom <= now.toISOString()) return p;
  }
  throw new Error(`No ${kind} period is due at ${now.toISOString()}`);
}

/** The period named `period` of `kind`, or undefined if it is not one (a day for daily kinds, an ISO week). */
export function namedPeriod(kind: ReportKind, period: string, timeZone: string, s: ReportSettings) {
  const day = kind === 'repairs-weekly' ? (/^\d{4}-W\d{2}$/.test(period) ? mondayOf(period) : '') : period;
  const real = /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`));
  // 2026-02-30 parses (as 2 March): a period names a day that exists.
  if (!real || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) return undefined;
  const p = periodOf(kind, day, timeZone, s);
  return p.period === period ? p : undefined;
}
