import '../reports/reports.css';
import { yuan } from '../../../functions/billing/money.ts';
import type { Payment } from '../../../functions/billing/payments/records.ts';
import type { Page } from '../../../functions/contract.ts';
import { isNotFound, request } from '../api.ts';
import { ErrorBox, Loading, NoAccess } from '../components/ui.tsx';
import { isoToZonedInput } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { formatDateTime, type MsgKey, t } from '../i18n.ts';
import { propertyTimeZone } from '../state.ts';
import { ExcelButton, type Statement } from './report-kit.tsx';

/**
 * 住户对账单: every request with its lines and what it received, every receipt, every adjustment and
 * what is still owed — on screen and, as it stands, on an A4 sheet (print CSS hides the rest).
 */
export default function HouseholdStatement({
  propertyId,
  householdId,
}: {
  propertyId: string;
  householdId: string;
}) {
  const base = `/api/billing/properties/${propertyId}`;
  const statement = useLoad(
    (signal) => request<Statement>(`${base}/households/${householdId}/statement`, { signal }),
    [propertyId, householdId],
  );
  const receipts = useLoad(
    (signal) => request<Page<Payment>>(`${base}/receipts`, { signal, query: { householdId } }),
    [propertyId, householdId],
  );
  if (isNotFound(statement.error)) return <NoAccess />;
  if (statement.error) return <ErrorBox error={statement.error} onRetry={statement.reload} />;
  const s = statement.data;
  if (!s) return <Loading />;
  const zone = propertyTimeZone(propertyId);
  const payments = [...(receipts.data?.items ?? [])].reverse();
  return (
    <div>
      <div class="print-toolbar">
        <button type="button" class="btn btn-ghost" onClick={() => history.back()}>
          {t('billingReports.back')}
        </button>
        <ExcelButton
          path={`${base}/households/${householdId}/statement`}
          fileName={`statement-${s.roomCode}`}
          testId="statement-excel"
        />
        <button type="button" class="btn btn-primary" onClick={() => window.print()} data-testid="print-now">
          {t('print.printNow')}
        </button>
      </div>
      <article class="print-sheet statement-sheet" data-testid="statement">
        <h1>{t('statement.title')}</h1>
        <p class="report-meta">
          <span>
            {t('feeReports.room')}：{s.roomCode}
          </span>
          <span>
            {t('feeReports.household')}：{s.householdName}
          </span>
          <span>{t('statement.printedAt', { at: formatDateTime(new Date().toISOString(), zone) })}</span>
        </p>
        <h2>{t('statement.requests')}</h2>
        {s.requests.length === 0 ? (
          <p class="muted">{t('statement.noRequests')}</p>
        ) : (
          <table class="print-grid statement-grid" data-testid="statement-requests">
            <thead>
              <tr>
                <th>{t('feeReports.period')}</th>
                <th>{t('statement.item')}</th>
                <th class="num">{t('statement.billed')}</th>
                <th class="num">{t('close.received')}</th>
                <th class="num">{t('statement.balance')}</th>
              </tr>
            </thead>
            {s.requests.map((r) => (
              <tbody key={r.requestId} data-testid="statement-request" data-period={r.period}>
                <tr class="statement-request">
                  <td>{r.period}</td>
                  <td>
                    {t('statement.request', {
                      issued: isoToZonedInput(r.issuedAt, zone).slice(0, 10),
                      due: r.dueDate,
                    })}
                  </td>
                  <td class="num">{yuan(r.billedCents)}</td>
                  <td class="num">{yuan(r.receivedCents)}</td>
                  <td class="num">{yuan(r.balanceCents)}</td>
                </tr>
                {r.lines.map((l) => (
                  <tr key={`${l.name}-${l.basisText}`} class="statement-line">
                    <td />
                    <td>
                      {l.name}
                      {l.basisText && <span class="muted small"> · {l.basisText}</span>}
                    </td>
                    <td class="num">{yuan(l.amountCents)}</td>
                    <td class="num">{yuan(l.paidCents)}</td>
                    <td class="num">{yuan(l.amountCents - l.paidCents)}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        )}
        <h2>{t('statement.payments')}</h2>
        {receipts.error ? (
          <ErrorBox error={receipts.error} onRetry={receipts.reload} />
        ) : payments.length === 0 ? (
          <p class="muted">{receipts.loading ? t('common.loading') : t('statement.noPayments')}</p>
        ) : (
          <table class="print-grid statement-grid" data-testid="statement-payments">
            <thead>
              <tr>
                <th>{t('statement.takenAt')}</th>
                <th>{t('statement.receipt')}</th>
                <th>{t('statement.channel')}</th>
                <th class="num">{t('statement.amount')}</th>
                <th>{t('statement.paymentState')}</th>
              </tr>
            </thead>
            <tbody>
              {payments.map((p) => (
                <tr key={p.id}>
                  <td>{formatDateTime(p.takenAt, zone)}</td>
                  <td>{p.receiptNumber}</td>
                  <td>{t(`statement.channel.${p.channel}` as MsgKey)}</td>
                  <td class="num">{yuan(p.amountCents)}</td>
                  <td>{t(`statement.state.${p.state}` as MsgKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {receipts.data?.cursor && <p class="muted small">{t('statement.morePayments')}</p>}
        <h2>{t('statement.adjustments')}</h2>
        {s.adjustments.length === 0 ? (
          <p class="muted">{t('statement.noAdjustments')}</p>
        ) : (
          <table class="print-grid statement-grid" data-testid="statement-adjustments">
            <thead>
              <tr>
                <th>{t('close.month')}</th>
                <th>{t('statement.corrects')}</th>
                <th>{t('statement.reason')}</th>
                <th class="num">{t('statement.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {s.adjustments.map((a) => (
                <tr key={a.id}>
                  <td>{a.month}</td>
                  <td>{a.correctsPeriod}</td>
                  <td>{a.reason}</td>
                  <td class="num">{yuan(a.amountCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <table class="print-grid statement-totals" data-testid="statement-totals">
          <tbody>
            <tr>
              <th>{t('statement.billedTotal')}</th>
              <td class="num">{yuan(s.totals.billedCents)}</td>
              <th>{t('statement.receivedTotal')}</th>
              <td class="num">{yuan(s.totals.receivedCents)}</td>
            </tr>
            <tr>
              <th>{t('statement.adjustedTotal')}</th>
              <td class="num">{yuan(s.totals.adjustedCents)}</td>
              <th>{t('statement.owingTotal')}</th>
              <td class="num" data-testid="statement-owing">
                <strong>{yuan(s.totals.owingCents)}</strong>
              </td>
            </tr>
          </tbody>
        </table>
      </article>
    </div>
  );
}
