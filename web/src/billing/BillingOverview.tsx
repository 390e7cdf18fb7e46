import { useState } from 'preact/hooks';
import { yuan } from '../../../functions/billing/money.ts';
import { rateText } from '../../../functions/billing/reports/rates.ts';
import { request } from '../api.ts';
import { ErrorBox, Loading, PageHeader } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { type MsgKey, t } from '../i18n.ts';
import { HBars, RateTable } from './charts.tsx';
import { ExcelButton, MonthInput, type Overview, previousMonth } from './report-kit.tsx';

type Line = Overview['properties'][number];
type Column = {
  key: string;
  label: MsgKey;
  value: (l: Line) => number | string;
  text: (l: Line | Overview['totals']) => string;
};
const rate = (v: number | null) => v ?? -1;

/** The columns, each sortable; the chart compares the properties on the one picked below it. */
const columns: Column[] = [
  {
    key: 'receivable',
    label: 'close.receivable',
    value: (l) => l.receivableCents,
    text: (l) => yuan(l.receivableCents),
  },
  {
    key: 'received',
    label: 'close.received',
    value: (l) => l.receivedCents,
    text: (l) => yuan(l.receivedCents),
  },
  { key: 'arrears', label: 'close.arrears', value: (l) => l.arrearsCents, text: (l) => yuan(l.arrearsCents) },
  {
    key: 'billed',
    label: 'close.billed',
    value: (l) => l.householdsBilled,
    text: (l) => String(l.householdsBilled),
  },
  {
    key: 'amount',
    label: 'feeReports.rateAmount',
    value: (l) => rate(l.rates.amount.value),
    text: (l) => rateText(l.rates.amount.value),
  },
  {
    key: 'households',
    label: 'feeReports.rateHouseholds',
    value: (l) => rate(l.rates.households.value),
    text: (l) => rateText(l.rates.households.value),
  },
  {
    key: 'recovery',
    label: 'billingOverview.rateRecovery',
    value: (l) => rate(l.rates.recovery.value),
    text: (l) => rateText(l.rates.recovery.value),
  },
];
const charted = ['amount', 'receivable', 'arrears'] as const;

/** 收费总览 (head office): every property's month side by side, sortable, compared in a chart. */
export default function BillingOverview() {
  const [month, setMonth] = useState(previousMonth());
  const [sort, setSort] = useState<{ key: string; down: boolean }>({ key: 'amount', down: false });
  const [chartOn, setChartOn] = useState<(typeof charted)[number]>('amount');
  const overview = useLoad(
    (signal) => request<Overview>('/api/billing/overview', { signal, query: { month } }),
    [month],
  );
  const o = overview.data;
  const byColumn = (key: string) => columns.find((c) => c.key === key)!;
  const sorted = o
    ? [...o.properties].sort((a, b) => {
        if (sort.key === 'name') return a.property.code.localeCompare(b.property.code) * (sort.down ? -1 : 1);
        const c = byColumn(sort.key);
        const d = (c.value(a) as number) - (c.value(b) as number);
        return (sort.down ? -d : d) || a.property.code.localeCompare(b.property.code);
      })
    : [];
  const sortBy = (key: string) => setSort((s) => ({ key, down: s.key === key ? !s.down : key !== 'name' }));
  const header = (key: string, label: MsgKey, num = true) => (
    <th
      class={num ? 'num' : undefined}
      aria-sort={sort.key === key ? (sort.down ? 'descending' : 'ascending') : 'none'}
    >
      <button type="button" class="sort-btn" onClick={() => sortBy(key)} data-testid={`sort-${key}`}>
        {t(label)}
        {sort.key === key ? (sort.down ? ' ↓' : ' ↑') : ''}
      </button>
    </th>
  );
  return (
    <div class="page billing-report">
      <PageHeader title={t('billingOverview.title')} subtitle={t('billingOverview.subtitle')} />
      <div class="report-controls">
        <MonthInput value={month} onChange={setMonth} testId="overview-month" />
        <ExcelButton
          path="/api/billing/overview"
          query={{ month }}
          fileName={`billing-overview-${month}`}
          testId="overview-excel"
        />
      </div>
      {overview.error ? <ErrorBox error={overview.error} onRetry={overview.reload} /> : null}
      {!o ? (
        !overview.error && <Loading />
      ) : (
        <>
          <div
            class={`table-wrap card table-scroll overview-table${overview.loading ? ' is-stale' : ''}`}
            aria-busy={overview.loading}
          >
            <table class="table" data-testid="overview-table" data-month={o.month}>
              <thead>
                <tr>
                  {header('name', 'billingOverview.property', false)}
                  {columns.map((c) => header(c.key, c.label))}
                  <th>{t('feeReports.closeState')}</th>
                </tr>
              </thead>
              <tbody>
                {sorted.map((l) => (
                  <tr key={l.property.id} data-testid="overview-row" data-code={l.property.code}>
                    <th>
                      <a href={`/p/${l.property.id}/billing/reports`}>{l.property.name}</a>
                    </th>
                    {columns.map((c) => (
                      <td class="num" key={c.key}>
                        {c.text(l)}
                      </td>
                    ))}
                    <td>{t(l.closed ? 'close.state.closed' : 'close.state.open')}</td>
                  </tr>
                ))}
                <tr class="row-total" data-testid="overview-total">
                  <th>{t('billingOverview.total', { n: o.properties.length })}</th>
                  {columns.map((c) => (
                    <td class="num" key={c.key}>
                      {c.text(o.totals)}
                    </td>
                  ))}
                  <td />
                </tr>
              </tbody>
            </table>
          </div>
          <div class="section-head">
            <h2>{t('billingOverview.chart')}</h2>
            <select
              value={chartOn}
              aria-label={t('billingOverview.chart')}
              onChange={(e) => setChartOn(e.currentTarget.value as (typeof charted)[number])}
            >
              {charted.map((k) => (
                <option key={k} value={k}>
                  {t(byColumn(k).label)}
                </option>
              ))}
            </select>
          </div>
          <HBars
            label={t('billingOverview.chart')}
            max={chartOn === 'amount' ? 1 : undefined}
            color={chartOn === 'arrears' ? '#dc2626' : '#2563eb'}
            rows={sorted.map((l) => ({
              key: l.property.id,
              label: l.property.name,
              value: Math.max(0, byColumn(chartOn).value(l) as number),
              text: byColumn(chartOn).text(l),
            }))}
            testId="overview-chart"
          />
          <h3>{t('billingOverview.ratesTitle')}</h3>
          <RateTable rates={o.totals.rates} />
        </>
      )}
    </div>
  );
}
