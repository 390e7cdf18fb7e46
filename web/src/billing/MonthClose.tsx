import { useState } from 'preact/hooks';
import type { MonthView } from '../../../functions/billing/close/service.ts';
import { yuan } from '../../../functions/billing/money.ts';
import { rateDefinitions, rateNames, rateText } from '../../../functions/billing/reports/rates.ts';
import { ApiError, request } from '../api.ts';
import { ErrorBox, Loading, PageHeader, Spinner } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { formatDateTime, lang, t } from '../i18n.ts';
import { can, idToken } from '../state.ts';

type Line = { month: string; receivableCents: number; receivedCents: number };
type Report = { months: Line[] };

const previousMonth = () => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
};

/** Receivable beside received per month: plain SVG bars. */
function Bars({ months }: { months: Line[] }) {
  const max = Math.max(1, ...months.flatMap((m) => [m.receivableCents, m.receivedCents]));
  const w = 56;
  return (
    <svg
      viewBox={`0 0 ${months.length * w} 130`}
      width="100%"
      height="140"
      role="img"
      aria-label={t('close.chart')}
    >
      {months.map((m, i) => {
        const a = (m.receivableCents / max) * 100;
        const b = (m.receivedCents / max) * 100;
        return (
          <g key={m.month}>
            <rect x={i * w + 8} y={105 - a} width="18" height={a} fill="#93c5fd">
              <title>{`${m.month} ${t('close.receivable')} ${yuan(m.receivableCents)}`}</title>
            </rect>
            <rect x={i * w + 28} y={105 - b} width="18" height={b} fill="#16a34a">
              <title>{`${m.month} ${t('close.received')} ${yuan(m.receivedCents)}`}</title>
            </rect>
            <text x={i * w + 27} y="122" font-size="10" text-anchor="middle">
              {m.month.slice(2)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export default function MonthClose({ propertyId }: { propertyId: string }) {
  const [month, setMonth] = useState(previousMonth());
  const base = `/api/billing/properties/${propertyId}`;
  const view = useLoad(
    (signal) => request<MonthView>(`${base}/months/${month}`, { signal }),
    [propertyId, month],
  );
  const chart = useLoad(
    (signal) =>
      request<Report>(`${base}/fee-report`, { signal, query: { to: month, from: shift(month, -5) } }),
    [propertyId, month],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<string | null>(null);

  const close = async () => {
    setBusy(true);
    setError(null);
    try {
      await request(`${base}/months/${month}/close`, { method: 'POST', json: { note: '' } });
      view.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  /** The workbook of the same report, read as a stream so a large one shows how far it is. */
  const download = async () => {
    setProgress('0%');
    setError(null);
    try {
      const response = await fetch(
        `${base}/fee-report?format=xlsx&from=${shift(month, -5)}&to=${month}&lang=${lang.value === 'en' ? 'en' : 'zh-CN'}`,
        { headers: { Authorization: `Bearer ${idToken.value ?? ''}` } },
      );
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
      const url = URL.createObjectURL(new Blob(parts as BlobPart[]));
      const a = document.createElement('a');
      a.href = url;
      a.download = `fee-report-${month}.xlsx`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };

  const v = view.data;
  return (
    <div>
      <PageHeader title={t('close.title')} subtitle={t('close.subtitle')} />
      <p>
        <label>
          {t('close.month')}{' '}
          <input
            type="month"
            value={month}
            onInput={(e) => setMonth(e.currentTarget.value)}
            data-testid="close-month"
          />
        </label>{' '}
        <button
          type="button"
          class="btn"
          onClick={download}
          disabled={progress !== null}
          data-testid="close-excel"
        >
          {progress !== null ? t('close.downloading', { pct: progress }) : t('close.excel')}
        </button>
      </p>
      {error ? <ErrorBox error={error} /> : null}
      {view.loading && !v ? <Loading /> : null}
      {view.error ? <ErrorBox error={view.error} /> : null}
      {v && (
        <section data-testid="close-view">
          <p>
            <strong data-testid="close-state">
              {t(v.state === 'closed' ? 'close.state.closed' : 'close.state.open')}
            </strong>
            {v.close &&
              ` · ${t('close.closedBy', { name: v.close.closedByName, at: formatDateTime(v.close.closedAt) })}`}
          </p>
          <table class="table" data-testid="close-figures">
            <tbody>
              {(
                [
                  ['close.receivable', v.figures.receivableCents],
                  ['close.received', v.figures.receivedCents],
                  ['close.adjusted', v.figures.adjustedCents],
                  ['close.arrears', v.figures.arrearsCents],
                ] as const
              ).map(([label, cents]) => (
                <tr key={label}>
                  <th>{t(label)}</th>
                  <td data-testid={`figure-${label}`}>{yuan(cents)}</td>
                </tr>
              ))}
              <tr>
                <th>{t('close.billed')}</th>
                <td>{v.figures.householdsBilled}</td>
              </tr>
              <tr>
                <th>{t('close.paid')}</th>
                <td>{v.figures.householdsPaid}</td>
              </tr>
            </tbody>
          </table>
          <h3>{t('close.rates')}</h3>
          <table class="table" data-testid="close-rates">
            <tbody>
              {rateNames.map((name) => (
                <tr key={name}>
                  <th>{rateDefinitions[name].name[lang.value === 'en' ? 'en' : 'zh']}</th>
                  <td data-testid={`rate-${name}`}>{rateText(v.rates[name].value)}</td>
                  <td class="small muted">{rateDefinitions[name].text[lang.value === 'en' ? 'en' : 'zh']}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {v.state === 'open' && can('billing.close') && (
            <p>
              {v.over ? (
                <button
                  type="button"
                  class="btn btn-primary"
                  onClick={close}
                  disabled={busy}
                  data-testid="close-button"
                >
                  {busy && <Spinner />}
                  {busy ? t('close.closing') : t('close.close')}
                </button>
              ) : (
                <span class="muted">{t('close.notOver')}</span>
              )}
            </p>
          )}
        </section>
      )}
      {chart.data && (
        <section>
          <h3>{t('close.chart')}</h3>
          <Bars months={chart.data.months} />
        </section>
      )}
    </div>
  );
}

function shift(month: string, by: number) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + m - 1 + by;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}
