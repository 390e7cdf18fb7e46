import { useState } from 'preact/hooks';
import type { MonthView } from '../../../functions/billing/close/service.ts';
import { yuan } from '../../../functions/billing/money.ts';
import { request } from '../api.ts';
import { ErrorBox, Loading, PageHeader, Spinner } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { formatDateTime, t } from '../i18n.ts';
import { can, propertyTimeZone } from '../state.ts';
import { Bars, figureSeries, monthGroup, RateTable } from './charts.tsx';
import { ExcelButton, MonthInput, type MonthsReport, previousMonth, shiftMonth } from './report-kit.tsx';

export default function MonthClose({ propertyId }: { propertyId: string }) {
  const [month, setMonth] = useState(previousMonth());
  const base = `/api/billing/properties/${propertyId}`;
  const view = useLoad(
    (signal) => request<MonthView>(`${base}/months/${month}`, { signal }),
    [propertyId, month],
  );
  const chart = useLoad(
    (signal) =>
      request<MonthsReport>(`${base}/fee-report`, {
        signal,
        query: { to: month, from: shiftMonth(month, -5) },
      }),
    [propertyId, month],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

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

  const v = view.data;
  return (
    <div>
      <PageHeader title={t('close.title')} subtitle={t('close.subtitle')} />
      <p class="report-controls">
        <MonthInput value={month} onChange={setMonth} testId="close-month" />
        <ExcelButton
          path={`${base}/fee-report`}
          query={{ from: shiftMonth(month, -5), to: month }}
          fileName={`fee-report-${month}`}
          testId="close-excel"
        />
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
              ` · ${t('close.closedBy', { name: v.close.closedByName, at: formatDateTime(v.close.closedAt, propertyTimeZone(propertyId)) })}`}
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
          <RateTable rates={v.rates} testId="close-rates" />
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
          <Bars
            label={t('close.chart')}
            series={figureSeries('receivable', 'received')}
            groups={chart.data.months.map((m) => monthGroup(m.month, [m.receivableCents, m.receivedCents]))}
          />
        </section>
      )}
    </div>
  );
}
