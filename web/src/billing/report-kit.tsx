/** What every billing report page has: a month to read, month arithmetic and the Excel download. */
import './billing-reports.css';
import { useState } from 'preact/hooks';
import type { agingReport } from '../../../functions/billing/reports/aging.ts';
import type { feeAccounts } from '../../../functions/billing/reports/fee-accounts.ts';
import type {
  billingOverview,
  householdsReport,
  monthsReport,
} from '../../../functions/billing/reports/reads.ts';
import type { householdStatement } from '../../../functions/billing/reports/statement.ts';
import { ApiError, withQuery } from '../api.ts';
import { ErrorBox } from '../components/ui.tsx';
import { lang, t } from '../i18n.ts';
import { idToken } from '../state.ts';

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
export type MonthsReport = Result<typeof monthsReport>;
export type HouseholdsReport = Result<typeof householdsReport>;
export type AgingReport = Result<typeof agingReport>;
export type Statement = Result<typeof householdStatement>;
export type Overview = Result<typeof billingOverview>;
export type FeeAccounts = Result<typeof feeAccounts>;

/** The month before the current one: the month a report is usually read for. */
export const previousMonth = () => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
};

/** "2026-05" moved by `by` months. */
export function shiftMonth(month: string, by: number) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + m - 1 + by;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The half year a month is in: "2026-05" → "2026-H1". */
export const halfOf = (month: string) => `${month.slice(0, 4)}-H${Number(month.slice(5, 7)) <= 6 ? 1 : 2}`;

/** The last `n` half years up to the one `month` is in, newest first. */
export function halvesUpTo(month: string, n: number): string[] {
  const halves: string[] = [];
  for (let m = month; halves.length < n; m = shiftMonth(m, -6)) halves.push(halfOf(m));
  return halves;
}

/** "2026-H1" as a sentence: 2026 年上半年 / First half of 2026. */
export const halfText = (half: string) =>
  t(half.endsWith('H1') ? 'billingReports.half1' : 'billingReports.half2', { year: half.slice(0, 4) });

/** "2026-09" in words: 2026年9月 / Sep 2026. */
export function monthText(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return lang.value === 'en'
    ? new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
        Date.UTC(y, m - 1, 1),
      )
    : `${y}年${m}月`;
}

/**
 * The month field of every billing page: a list of months in the page's language, newest first (the
 * browser's own month picker speaks the browser's language, not the page's) — `count` months up to
 * `latest`, by default the last five years'.
 */
export function MonthSelect({
  value,
  onChange,
  latest = shiftMonth(previousMonth(), 1),
  count = 60,
  testId,
}: {
  value: string;
  onChange: (month: string) => void;
  latest?: string;
  count?: number;
  testId?: string;
}) {
  const months = Array.from({ length: count }, (_, i) => shiftMonth(latest, -i));
  if (!months.includes(value)) months.push(value);
  return (
    <select value={value} onChange={(e) => onChange(e.currentTarget.value)} data-testid={testId}>
      {months.map((m) => (
        <option key={m} value={m}>
          {monthText(m)}
        </option>
      ))}
    </select>
  );
}

/** The month field of a report page, with its label. */
export function MonthInput(props: { value: string; onChange: (month: string) => void; testId?: string }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is MonthSelect's select
    <label class="month-input">
      {t('close.month')} <MonthSelect {...props} />
    </label>
  );
}

/** A day typed as 2026-09-30 (the browser's date picker would show the browser's format). */
export function DayInput({
  value,
  onChange,
  label,
  testId,
  required,
}: {
  value: string;
  onChange: (day: string) => void;
  label: string;
  testId?: string;
  required?: boolean;
}) {
  return (
    <input
      class="day-input"
      inputMode="numeric"
      maxLength={10}
      pattern={'\\d{4}-\\d{2}-\\d{2}'}
      placeholder="2026-09-30"
      title={t('billingReports.dayHint')}
      aria-label={label}
      required={required}
      value={value}
      onInput={(e) => onChange(e.currentTarget.value.trim())}
      data-testid={testId}
    />
  );
}

/**
 * A report's Excel download (`format=xlsx` of the same route, so the workbook holds the screen's
 * numbers), read as a stream so that a large one shows how far it is; one download at a time.
 */
export function ExcelButton({
  path,
  query = {},
  fileName,
  testId,
}: {
  path: string;
  query?: Record<string, string>;
  fileName: string;
  testId?: string;
}) {
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    setProgress('0%');
    setError(null);
    try {
      const url = withQuery(path, { ...query, format: 'xlsx', lang: lang.value === 'en' ? 'en' : 'zh-CN' });
      const response = await fetch(url, { headers: { Authorization: `Bearer ${idToken.value ?? ''}` } });
      if (!response.ok || !response.body)
        throw new ApiError(response.status, 'download_failed', response.statusText);
      const total = Number(response.headers.get('content-length') ?? 0);
      const reader = response.body.getReader();
      const parts: Uint8Array[] = [];
      let got = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        got += value.length;
        if (total) setProgress(`${Math.round((got / total) * 100)}%`);
      }
      const href = URL.createObjectURL(new Blob(parts as BlobPart[]));
      const a = document.createElement('a');
      a.href = href;
      a.download = `${fileName}.xlsx`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };
  return (
    <>
      <button
        type="button"
        class="btn btn-small"
        onClick={download}
        disabled={progress !== null}
        data-testid={testId}
      >
        {progress !== null ? t('close.downloading', { pct: progress }) : t('close.excel')}
      </button>
      {error ? <ErrorBox error={error} /> : null}
    </>
  );
}
