import './billing-run.css';
import { useEffect, useState } from 'preact/hooks';
import { yuan } from '../../../functions/billing/money.ts';
import type { PaymentRequest } from '../../../functions/billing/records.ts';
import type { BillRun as BillRunRecord, BillRunTotals } from '../../../functions/billing/run/records.ts';
import type { BillRunView } from '../../../functions/billing/run/schemas.ts';
import type { Page } from '../../../functions/contract.ts';
import { isNotFound, request } from '../api.ts';
import {
  ErrorBox,
  Field,
  Loading,
  LoadMore,
  Modal,
  NoAccess,
  PageHeader,
  Spinner,
  Stat,
} from '../components/ui.tsx';
import { isoToZonedInput } from '../format.ts';
import { useLoad, usePaged } from '../hooks.ts';
import { formatDateTime, t } from '../i18n.ts';
import { can, propertyTimeZone } from '../state.ts';
import { itemLabel } from './labels.ts';
import { MonthSelect } from './report-kit.tsx';

/** How often the page asks how far a run is while it runs. */
const pollMs = 1000;

function Progress({ run }: { run: BillRunRecord }) {
  const pct = run.total ? Math.round((run.done / run.total) * 100) : 100;
  return (
    <div>
      <div
        class="run-progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={run.total}
        aria-valuenow={run.done}
        aria-label={t('run.progress', { done: run.done, total: run.total })}
        data-testid="run-progress"
      >
        <span style={{ width: `${pct}%` }} />
      </div>
      <div class="muted" data-testid="run-progress-text">
        {t('run.progress', { done: run.done, total: run.total })}
      </div>
    </div>
  );
}

/** What the run of the month has done, is doing, or would do on its schedule. */
function RunState({
  view,
  posting,
  failed,
  timeZone,
}: {
  view: BillRunView;
  /** "Run now" was pressed here and has not answered yet. */
  posting: boolean;
  failed: unknown;
  timeZone: string;
}) {
  const run = view.run;
  const state = failed ? 'failed' : posting && !run ? 'running' : (run?.state ?? 'none');
  return (
    <section class="card" data-testid="run-card">
      <h2 data-testid="run-state" data-state={state}>
        {t(`run.state.${state}`)}
      </h2>
      {posting && !run && (
        <div>
          {/* The run record is not there yet: the bar waits at the start. */}
          <div
            class="run-progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuenow={0}
            data-testid="run-progress"
          >
            <span style={{ width: '0%' }} />
          </div>
          <div class="muted" data-testid="run-progress-text">
            {t('run.preparing')}
          </div>
        </div>
      )}
      {!run && !posting && (
        <p class="muted">
          {t('run.schedule', { at: formatDateTime(view.billingAt, timeZone), due: view.dueDate })}
        </p>
      )}
      {run && (
        <>
          <Progress run={run} />
          <p class="muted">
            {t('run.startedBy', { name: run.startedBy, at: formatDateTime(run.startedAt, timeZone) })}
            {run.finishedAt && ` · ${t('run.finishedAt', { at: formatDateTime(run.finishedAt, timeZone) })}`}
          </p>
          <p data-testid="run-issued">{t('run.issued', { n: run.issued, total: yuan(run.billedCents) })}</p>
          {run.problems.length > 0 && <Problems problems={run.problems} />}
        </>
      )}
      {failed ? (
        <>
          <ErrorBox error={failed} />
          <p class="muted">{t('run.failedHint')}</p>
        </>
      ) : null}
    </section>
  );
}

function Problems({ problems }: { problems: string[] }) {
  return (
    <div class="alert alert-warn" role="status">
      <div class="alert-body">
        <strong>{t('run.problems')}</strong>
        <ul class="detail-list">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function DryRun({ totals }: { totals: BillRunTotals }) {
  return (
    <section class="card" data-testid="dry-run">
      <h2>{t('run.dryTitle')}</h2>
      <div class="run-figures">
        <Stat
          label={t('run.households')}
          value={<span data-testid="dry-households">{totals.households}</span>}
        />
        <Stat label={t('run.requests')} value={<span data-testid="dry-requests">{totals.requests}</span>} />
        <Stat label={t('run.total')} value={<span data-testid="dry-total">{yuan(totals.totalCents)}</span>} />
        <Stat label={t('run.credit')} value={yuan(totals.creditCents)} />
      </div>
      <p class="muted">
        {t('run.priorArrears')}：{yuan(totals.priorArrearsCents)}
      </p>
      <h3>{t('run.byItem')}</h3>
      <table class="table" data-testid="dry-by-item">
        <thead>
          <tr>
            <th>{t('run.item')}</th>
            <th>{t('standards.name')}</th>
            <th class="num">{t('run.lines')}</th>
            <th class="num">{t('run.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {totals.byItem.map((row) => (
            <tr key={`${row.item}:${row.name}`} data-name={row.name}>
              <td>{itemLabel(row.item)}</td>
              <td>{row.name}</td>
              <td class="num">{row.lines}</td>
              <td class="num">{yuan(row.cents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {totals.problems.length > 0 && <Problems problems={totals.problems} />}
    </section>
  );
}

function Requests({ propertyId, month }: { propertyId: string; month: string }) {
  const list = usePaged<PaymentRequest>(
    (cursor, signal) =>
      request<Page<PaymentRequest>>(`/api/billing/properties/${propertyId}/bill-runs/${month}/requests`, {
        query: { cursor, limit: 100 },
        signal,
      }),
    [propertyId, month],
  );
  return (
    <section data-testid="run-requests">
      <h2>{t('run.list', { month })}</h2>
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.loading ? (
        <Loading />
      ) : !list.items.length ? (
        <p class="muted">{t('run.noRequests')}</p>
      ) : (
        <div class="table-wrap card">
          <table class="table">
            <thead>
              <tr>
                <th>{t('run.room')}</th>
                <th>{t('run.household')}</th>
                <th class="num">{t('run.due')}</th>
                <th class="num">{t('run.paid')}</th>
                <th class="num">{t('run.balance')}</th>
                <th>{t('run.status')}</th>
                <th class="actions-col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((r) => (
                <tr
                  key={r.id}
                  data-testid="request-row"
                  data-household={r.householdId}
                  data-room={r.roomCode}
                >
                  <td class="nowrap">{r.roomCode}</td>
                  <td>{r.householdName}</td>
                  <td class="num" data-testid="request-total">
                    {yuan(r.totalCents)}
                  </td>
                  {/* Received: the total less what is left, payments and prepayment credit alike. */}
                  <td class="num">{yuan(r.totalCents - r.balanceCents)}</td>
                  <td class="num" data-testid="request-balance">
                    {yuan(r.balanceCents)}
                  </td>
                  <td>{t(`request.state.${r.state}`)}</td>
                  <td>
                    <a href={`/p/${propertyId}/billing/requests/${month}/${r.householdId}/print`}>
                      {t('run.print')}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore list={list} />
        </div>
      )}
    </section>
  );
}

/** 账单生成: the month's bill run — where it stands, a dry run, run now — and the month's requests. */
export default function BillRun({ propertyId }: { propertyId: string }) {
  const timeZone = propertyTimeZone(propertyId);
  const thisMonth = isoToZonedInput(Date.now(), timeZone).slice(0, 7);
  const [month, setMonth] = useState(thisMonth);
  const base = `/api/billing/properties/${propertyId}/bill-runs/${month}`;
  const view = useLoad((signal) => request<BillRunView>(base, { signal }), [base]);
  const [dry, setDry] = useState<BillRunTotals | null>(null);
  const [dryBusy, setDryBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [posting, setPosting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const running = posting || view.data?.run?.state === 'running';

  useEffect(() => {
    setDry(null);
    setError(null);
    setFailed(null);
  }, [month]);

  // While a run runs (this page's or anyone's), its progress is read again every second.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      request<BillRunView>(base).then(
        (next) => next.period === month && view.setData(next),
        // A missed reading is taken again on the next tick.
        () => {},
      );
    }, pollMs);
    return () => clearInterval(timer);
  }, [running, base]);

  if (isNotFound(view.error)) return <NoAccess />;

  const dryRun = async () => {
    setDryBusy(true);
    setError(null);
    try {
      setDry(await request<BillRunTotals>(`${base}/dry-run`, { method: 'POST' }));
    } catch (e) {
      setError(e);
    } finally {
      setDryBusy(false);
    }
  };
  const runNow = async () => {
    setConfirming(false);
    if (posting) return;
    setPosting(true);
    setFailed(null);
    try {
      const run = await request<BillRunRecord>(`${base}/run`, { method: 'POST' });
      if (view.data) view.setData({ ...view.data, run });
    } catch (e) {
      setFailed(e);
    } finally {
      setPosting(false);
    }
  };

  const run = view.data?.run;
  const mayRun = can('billing.run') && run?.state !== 'finished';
  return (
    <div class="page" data-testid="bill-run">
      <PageHeader title={t('run.title')} subtitle={t('run.subtitle')} />
      <div class="run-month">
        <Field label={t('run.month')}>
          <MonthSelect value={month} latest={thisMonth} count={36} onChange={setMonth} testId="run-month" />
        </Field>
        {mayRun && (
          <>
            <button
              type="button"
              class="btn"
              onClick={dryRun}
              disabled={dryBusy || running}
              data-testid="dry-run-button"
            >
              {dryBusy && <Spinner />}
              {dryBusy ? t('run.dryRunning') : t('run.dryRun')}
            </button>
            <button
              type="button"
              class="btn btn-primary"
              onClick={() => (run ? runNow() : setConfirming(true))}
              disabled={posting}
              data-testid="run-now"
            >
              {posting && <Spinner />}
              {/* A run left unfinished (its time ran out, or it broke off) is continued, never restarted. */}
              {posting ? t('run.starting') : run ? t('run.continue') : t('run.now')}
            </button>
          </>
        )}
      </div>
      <ErrorBox error={error} />
      {view.error ? <ErrorBox error={view.error} onRetry={view.reload} /> : null}
      {!view.data ? (
        view.loading ? (
          <Loading />
        ) : null
      ) : (
        <RunState view={view.data} posting={posting} failed={failed} timeZone={timeZone} />
      )}
      {dry && <DryRun totals={dry} />}
      {confirming && (
        <Modal title={t('run.confirmTitle', { month })} onClose={() => setConfirming(false)}>
          <p>{t('run.confirmText', { month })}</p>
          {dry && <p>{t('run.issued', { n: dry.requests, total: yuan(dry.totalCents) })}</p>}
          <div class="form-actions">
            <button type="button" class="btn" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
            <button type="button" class="btn btn-primary" onClick={runNow} data-testid="run-confirm">
              {t('run.confirm')}
            </button>
          </div>
        </Modal>
      )}
      {/* Shown once the run stands still: the list is read afresh when it has finished. */}
      {!running && <Requests propertyId={propertyId} month={month} />}
    </div>
  );
}
