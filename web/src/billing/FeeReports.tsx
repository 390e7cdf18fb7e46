import { useState } from 'preact/hooks';
import { yuan } from '../../../functions/billing/money.ts';
import { agingBuckets } from '../../../functions/billing/reports/labels.ts';
import { rateText } from '../../../functions/billing/reports/rates.ts';
import { request } from '../api.ts';
import { Empty, ErrorBox, Loading, PageHeader, Tabs } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { lang, type MsgKey, t } from '../i18n.ts';
import { Bars, figureSeries, HBars, monthGroup, RateTable } from './charts.tsx';
import {
  type AgingReport,
  DayInput,
  ExcelButton,
  type HouseholdsReport,
  MonthInput,
  type MonthsReport,
  previousMonth,
  shiftMonth,
} from './report-kit.tsx';

type Tab = 'months' | 'households' | 'aging';
const tabs: { key: Tab; label: MsgKey }[] = [
  { key: 'months', label: 'feeReports.tab.months' },
  { key: 'households', label: 'feeReports.tab.households' },
  { key: 'aging', label: 'feeReports.tab.aging' },
];

/** Receivable, received, adjusted and arrears: the four money columns of every fee table. */
const moneyHeads = ['close.receivable', 'close.received', 'close.adjusted', 'close.arrears'] as const;
type Money = { receivableCents: number; receivedCents: number; adjustedCents: number; arrearsCents: number };
const moneyCells = (m: Money) =>
  [m.receivableCents, m.receivedCents, m.adjustedCents, m.arrearsCents].map((c, i) => (
    <td class="num" key={moneyHeads[i]}>
      {yuan(c)}
    </td>
  ));

/** 收费报表: the months, the month by building and household, and the arrears by age. */
export default function FeeReports({ propertyId }: { propertyId: string }) {
  const [month, setMonth] = useState(previousMonth());
  const [tab, setTab] = useState<Tab>('months');
  const base = `/api/billing/properties/${propertyId}`;
  return (
    <div class="page billing-report">
      <PageHeader title={t('feeReports.title')} subtitle={t('feeReports.subtitle')} />
      <div class="report-controls">
        {tab !== 'aging' && <MonthInput value={month} onChange={setMonth} testId="report-month" />}
      </div>
      <Tabs tabs={tabs} active={tab} onChange={setTab} />
      {tab === 'months' ? (
        <MonthsTab base={base} month={month} />
      ) : tab === 'households' ? (
        <HouseholdsTab base={base} propertyId={propertyId} month={month} />
      ) : (
        <AgingTab base={base} propertyId={propertyId} />
      )}
    </div>
  );
}

function MonthsTab({ base, month }: { base: string; month: string }) {
  const from = shiftMonth(month, -11);
  const report = useLoad(
    (signal) => request<MonthsReport>(`${base}/fee-report`, { signal, query: { from, to: month } }),
    [base, month],
  );
  if (report.error) return <ErrorBox error={report.error} onRetry={report.reload} />;
  const r = report.data;
  if (!r) return <Loading />;
  const current = r.months.at(-1)!;
  return (
    <section data-testid="report-months" data-to={r.to} class={report.loading ? 'is-stale' : undefined}>
      <div class="section-head">
        <h2>{t('feeReports.monthsTitle', { from: r.from, to: r.to })}</h2>
        <ExcelButton
          path={`${base}/fee-report`}
          query={{ from, to: month }}
          fileName={`fee-report-${from}-${month}`}
          testId="months-excel"
        />
      </div>
      <Bars
        label={t('feeReports.monthsChart')}
        series={figureSeries('receivable', 'received', 'arrears')}
        groups={r.months.map((m) =>
          monthGroup(m.month, [m.receivableCents, m.receivedCents, m.arrearsCents]),
        )}
        testId="months-chart"
      />
      <div class="table-wrap card">
        <table class="table" data-testid="months-table">
          <thead>
            <tr>
              <th>{t('close.month')}</th>
              {moneyHeads.map((h) => (
                <th class="num" key={h}>
                  {t(h)}
                </th>
              ))}
              <th class="num">{t('close.billed')}</th>
              <th class="num">{t('close.paid')}</th>
              <th class="num">{t('feeReports.rateAmount')}</th>
              <th class="num">{t('feeReports.rateHouseholds')}</th>
              <th>{t('feeReports.closeState')}</th>
            </tr>
          </thead>
          <tbody>
            {[...r.months, { ...r.totals, closed: null }].map((m) => (
              <tr
                key={m.month}
                data-testid="months-row"
                data-month={m.closed === null ? 'total' : m.month}
                class={m.closed === null ? 'row-total' : undefined}
              >
                <th>{m.closed === null ? t('feeReports.total') : m.month}</th>
                {moneyCells(m)}
                <td class="num">{m.householdsBilled}</td>
                <td class="num">{m.householdsPaid}</td>
                <td class="num">{rateText(m.rates.amount.value)}</td>
                <td class="num">{rateText(m.rates.households.value)}</td>
                <td>{m.closed === null ? '' : t(m.closed ? 'close.state.closed' : 'close.state.open')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('feeReports.ratesOf', { month: current.month })}</h3>
      <RateTable rates={current.rates} testId="report-rates" />
    </section>
  );
}

function HouseholdsTab({ base, propertyId, month }: { base: string; propertyId: string; month: string }) {
  const report = useLoad(
    (signal) => request<HouseholdsReport>(`${base}/months/${month}/households`, { signal }),
    [base, month],
  );
  const [building, setBuilding] = useState('');
  const [owingOnly, setOwingOnly] = useState(false);
  if (report.error) return <ErrorBox error={report.error} onRetry={report.reload} />;
  const r = report.data;
  if (!r) return <Loading />;
  const rows = r.households.filter(
    (h) => (!building || h.buildingId === building) && (!owingOnly || h.arrearsCents > 0),
  );
  return (
    <section data-testid="report-households">
      <div class="section-head">
        <h2>{t('feeReports.buildingsTitle', { month: r.month })}</h2>
        <ExcelButton
          path={`${base}/months/${month}/households`}
          fileName={`households-${month}`}
          testId="households-excel"
        />
      </div>
      {r.households.length === 0 ? (
        <Empty title={t('feeReports.noBills', { month: r.month })} />
      ) : (
        <>
          <div class="table-wrap card">
            <table class="table" data-testid="buildings-table">
              <thead>
                <tr>
                  <th>{t('feeReports.building')}</th>
                  {moneyHeads.map((h) => (
                    <th class="num" key={h}>
                      {t(h)}
                    </th>
                  ))}
                  <th class="num">{t('close.billed')}</th>
                  <th class="num">{t('close.paid')}</th>
                </tr>
              </thead>
              <tbody>
                {r.buildings.map((b) => (
                  <tr key={b.buildingId} data-testid="building-row">
                    <th>{b.buildingName}</th>
                    {moneyCells(b)}
                    <td class="num">{b.householdsBilled}</td>
                    <td class="num">{b.householdsPaid}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t('feeReports.householdsTitle')}</h3>
          <div class="report-controls">
            <select
              value={building}
              aria-label={t('feeReports.building')}
              onChange={(e) => setBuilding(e.currentTarget.value)}
            >
              <option value="">{t('feeReports.allBuildings')}</option>
              {r.buildings.map((b) => (
                <option key={b.buildingId} value={b.buildingId}>
                  {b.buildingName}
                </option>
              ))}
            </select>
            <label class="check">
              <input
                type="checkbox"
                checked={owingOnly}
                onChange={(e) => setOwingOnly(e.currentTarget.checked)}
              />
              {t('feeReports.owingOnly')}
            </label>
            <span class="muted">{t('feeReports.count', { n: rows.length })}</span>
          </div>
          <div class="table-wrap card table-scroll">
            <table class="table" data-testid="households-table">
              <thead>
                <tr>
                  <th>{t('feeReports.room')}</th>
                  <th>{t('feeReports.household')}</th>
                  {moneyHeads.map((h) => (
                    <th class="num" key={h}>
                      {t(h)}
                    </th>
                  ))}
                  <th>{t('feeReports.paidState')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rows.map((h) => (
                  <tr key={h.householdId} data-testid="household-row" data-room={h.roomCode}>
                    <th>{h.roomCode}</th>
                    <td>{h.householdName}</td>
                    {moneyCells(h)}
                    <td>{t(h.paidInFull ? 'feeReports.paidInFull' : 'feeReports.owing')}</td>
                    <td class="actions-col">
                      <a
                        href={`/p/${propertyId}/billing/households/${h.householdId}/statement`}
                        data-testid="statement-link"
                      >
                        {t('statement.open')}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

const bucketLabel = (key: string) =>
  agingBuckets.find((b) => b.key === key)?.label[lang.value === 'en' ? 'en' : 'zh'] ?? key;

function AgingTab({ base, propertyId }: { base: string; propertyId: string }) {
  const [asOf, setAsOf] = useState('');
  const [typed, setTyped] = useState('');
  const report = useLoad(
    (signal) => request<AgingReport>(`${base}/arrears-aging`, { signal, query: { asOf } }),
    [base, asOf],
  );
  const r = report.data;
  return (
    <section data-testid="report-aging">
      <div class="section-head">
        <span class="month-input">
          {t('feeReports.asOf')}{' '}
          <DayInput
            label={t('feeReports.asOf')}
            value={typed || r?.asOf || ''}
            onChange={(v) => {
              setTyped(v);
              if (/^\d{4}-\d{2}-\d{2}$/.test(v)) setAsOf(v);
            }}
            testId="aging-as-of"
          />
        </span>
        {r && (
          <ExcelButton
            path={`${base}/arrears-aging`}
            query={{ asOf: r.asOf }}
            fileName={`arrears-aging-${r.asOf}`}
            testId="aging-excel"
          />
        )}
      </div>
      {report.error ? <ErrorBox error={report.error} onRetry={report.reload} /> : null}
      {!r ? (
        !report.error && <Loading />
      ) : (
        <>
          <p class="muted">{t('feeReports.agingHint', { asOf: r.asOf })}</p>
          <HBars
            label={t('feeReports.tab.aging')}
            color="#dc2626"
            rows={r.buckets.map((b) => ({
              key: b.bucket,
              label: bucketLabel(b.bucket),
              value: b.owingCents,
              text: yuan(b.owingCents),
            }))}
            testId="aging-chart"
          />
          <div class="table-wrap card">
            <table class="table" data-testid="aging-table">
              <thead>
                <tr>
                  <th>{t('feeReports.bucket')}</th>
                  <th class="num">{t('feeReports.requests')}</th>
                  <th class="num">{t('feeReports.owingAmount')}</th>
                </tr>
              </thead>
              <tbody>
                {r.buckets.map((b) => (
                  <tr key={b.bucket} data-testid="aging-row" data-bucket={b.bucket}>
                    <th>{bucketLabel(b.bucket)}</th>
                    <td class="num">{b.requests}</td>
                    <td class="num">{yuan(b.owingCents)}</td>
                  </tr>
                ))}
                <tr class="row-total">
                  <th>{t('feeReports.total')}</th>
                  <td class="num">{r.rows.length}</td>
                  <td class="num" data-testid="aging-total">
                    {yuan(r.totalOwingCents)}
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
          {r.rows.length > 0 && (
            <>
              <h3>{t('feeReports.agingRows')}</h3>
              <div class="table-wrap card table-scroll">
                <table class="table" data-testid="aging-rows">
                  <thead>
                    <tr>
                      <th>{t('feeReports.room')}</th>
                      <th>{t('feeReports.household')}</th>
                      <th>{t('feeReports.period')}</th>
                      <th>{t('feeReports.dueDate')}</th>
                      <th class="num">{t('feeReports.daysPastDue')}</th>
                      <th>{t('feeReports.bucket')}</th>
                      <th class="num">{t('feeReports.owingAmount')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.rows.map((x) => (
                      <tr key={`${x.period}-${x.householdId}`}>
                        <th>
                          <a href={`/p/${propertyId}/billing/households/${x.householdId}/statement`}>
                            {x.roomCode}
                          </a>
                        </th>
                        <td>{x.householdName}</td>
                        <td>{x.period}</td>
                        <td>{x.dueDate}</td>
                        <td class="num">{x.daysPastDue > 0 ? x.daysPastDue : '—'}</td>
                        <td>{bucketLabel(x.bucket)}</td>
                        <td class="num">{yuan(x.owingCents)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
