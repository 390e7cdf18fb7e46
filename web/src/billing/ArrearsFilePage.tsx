import '../reports/reports.css';
import './collection.css';
import { useState } from 'preact/hooks';
import { yuan } from '../../../functions/billing/money.ts';
import { isNotFound } from '../api.ts';
import { ErrorBox, Loading, NoAccess } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { errorText, formatDateTime, t } from '../i18n.ts';
import { collectionApi, downloadArrearsFile } from './collection-api.ts';

/**
 * 欠费档案: what a household owes and everything that shows it was asked — notices and reminders with
 * their delivery, visits and promises, the clause relied on. The page is its own print view (A4) and
 * exports the same content as one Excel workbook.
 */
export default function ArrearsFilePage({
  propertyId,
  householdId,
}: {
  propertyId: string;
  householdId: string;
}) {
  const file = useLoad(
    (signal) => collectionApi.arrearsFile(propertyId, householdId, signal),
    [propertyId, householdId],
  );
  const [downloadError, setDownloadError] = useState<unknown>(null);
  if (isNotFound(file.error)) return <NoAccess />;
  if (file.error) return <ErrorBox error={file.error} onRetry={file.reload} />;
  if (!file.data) return <Loading />;
  const f = file.data;
  const tz = f.property.timeZone;
  const download = () =>
    downloadArrearsFile(propertyId, householdId, `欠费档案-${f.household.roomCode}-${f.asOf}.xlsx`).catch(
      setDownloadError,
    );
  return (
    <div>
      <div class="print-toolbar">
        <a class="btn btn-ghost" href={`/p/${propertyId}/billing/collection`}>
          {t('visit.back')}
        </a>
        <button type="button" class="btn" onClick={download} data-testid="arrears-excel">
          {t('arrears.excel')}
        </button>
        <button type="button" class="btn btn-primary" onClick={() => window.print()}>
          {t('arrears.print')}
        </button>
      </div>
      {downloadError ? <div class="error-text no-print">{errorText(downloadError)}</div> : null}
      <article class="print-sheet" lang="zh-CN" data-testid="arrears-file">
        <h1>{t('arrears.title', { room: f.household.roomCode, name: f.household.name })}</h1>
        <p>
          {f.letterhead.companyName} · {f.property.name} · {t('arrears.asOf', { day: f.asOf })}
        </p>
        <table class="arrears-table">
          <tbody>
            <tr>
              <th>{t('arrears.household')}</th>
              <td>
                {f.household.roomCode} {f.household.name}
              </td>
              <th>{t('arrears.phone')}</th>
              <td>{f.household.phone}</td>
            </tr>
            <tr>
              <th>{t('arrears.feeClause')}</th>
              <td colSpan={3} data-testid="fee-clause">
                {f.feeClause || t('arrears.noClause')}
              </td>
            </tr>
            {f.lateFeeTerms.enabled && (
              <tr>
                <th>{t('arrears.lateFeeClause')}</th>
                <td colSpan={3}>{f.lateFeeTerms.clause}</td>
              </tr>
            )}
          </tbody>
        </table>
        <h2>{t('arrears.owing')}</h2>
        <table class="arrears-table">
          <thead>
            <tr>
              <th>{t('arrears.period')}</th>
              <th>{t('arrears.dueDate')}</th>
              <th>{t('arrears.billed')}</th>
              <th>{t('arrears.paid')}</th>
              <th>{t('arrears.balance')}</th>
              <th>{t('arrears.lateFee')}</th>
              <th>{t('arrears.visits')}</th>
            </tr>
          </thead>
          <tbody>
            {f.arrears.map(({ request, task, lateFee }) => (
              <tr key={request.id}>
                <td>
                  <a href={`/p/${propertyId}/billing/requests/${request.period}/${householdId}/print`}>
                    {request.period}
                  </a>
                </td>
                <td>{request.dueDate}</td>
                <td class="num">{yuan(request.totalCents - request.creditAppliedCents)}</td>
                <td class="num">{yuan(request.paidCents)}</td>
                <td class="num">{yuan(request.balanceCents)}</td>
                <td class="num">
                  {!lateFee
                    ? t('arrears.lateFeeOff')
                    : `${yuan(lateFee.cents)}${lateFee.waived ? `（${t('arrears.waived')}）` : ''}`}
                </td>
                <td>{task ? task.visits : '—'}</td>
              </tr>
            ))}
            <tr class="request-total">
              <td colSpan={4}>{t('arrears.total')}</td>
              <td class="num" data-testid="arrears-total">
                {yuan(f.totalOwedCents)}
              </td>
              <td colSpan={2} />
            </tr>
          </tbody>
        </table>
        <h2>{t('arrears.notices')}</h2>
        {f.notices.length ? (
          <table class="arrears-table" data-testid="arrears-notices">
            <thead>
              <tr>
                <th>{t('arrears.sentAt')}</th>
                <th>{t('arrears.kind')}</th>
                <th>{t('arrears.to')}</th>
                <th>{t('arrears.status')}</th>
                <th>{t('arrears.text')}</th>
              </tr>
            </thead>
            <tbody>
              {f.notices.map((n) => (
                <tr key={n.id}>
                  <td>{formatDateTime(n.createdAt, tz)}</td>
                  <td>{t(`notice.kind.${n.kind}`)}</td>
                  <td>{n.to}</td>
                  <td>
                    {t(`notice.status.${n.status}`)}
                    {n.deliveredAt ? ` ${formatDateTime(n.deliveredAt, tz)}` : ''}
                  </td>
                  <td>{n.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('arrears.none')}</p>
        )}
        <h2>{t('arrears.visits')}</h2>
        {f.visits.length ? (
          <table class="arrears-table" data-testid="arrears-visits">
            <thead>
              <tr>
                <th>{t('arrears.visitAt')}</th>
                <th>{t('arrears.collector')}</th>
                <th>{t('arrears.outcome')}</th>
                <th>{t('visit.promisedDate')}</th>
                <th>{t('visit.nextVisit')}</th>
                <th>{t('visit.note')}</th>
              </tr>
            </thead>
            <tbody>
              {f.visits.map((v) => (
                <tr key={v.id}>
                  <td>{formatDateTime(v.at, tz)}</td>
                  <td>{v.collectorName}</td>
                  <td>{t(`collection.outcome.${v.outcome}`)}</td>
                  <td>{v.promisedDate ?? ''}</td>
                  <td>{v.nextVisitDate ?? ''}</td>
                  <td>{v.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('arrears.none')}</p>
        )}
      </article>
    </div>
  );
}
