import '../reports/reports.css';
import type { ReportSummary } from '../../../functions/contract.ts';
import { Badge, ErrorBox, Loading, PageHeader } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { formatDateTime, type MsgKey, t } from '../i18n.ts';
import { reportsApi } from '../reports/api.ts';

const tones = {
  waiting: 'gray',
  missing: 'red',
  ready: 'blue',
  opened: 'green',
  unopened: 'amber',
} as const;

export function ReportStatus({ summary }: { summary: ReportSummary }) {
  return (
    <span>
      <Badge tone={tones[summary.status]}>{t(`reports.status.${summary.status}` as MsgKey)}</Badge>
      {summary.producedLate && (
        <>
          {' '}
          <Badge tone="amber">{t('reports.producedLate')}</Badge>
        </>
      )}
    </span>
  );
}

export const reportKindLabel = (kind: string) => t(`reports.kind.${kind}` as MsgKey);

/** A property's reports of the last weeks, each with where its delivery stands. */
export default function Reports({ propertyId }: { propertyId: string }) {
  const list = useLoad((signal) => reportsApi.list(propertyId, signal), [propertyId]);
  return (
    <div>
      <PageHeader title={t('reports.title')} subtitle={t('reports.subtitle')} />
      {list.error ? <ErrorBox error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && (
        <table class="table" data-testid="report-list">
          <thead>
            <tr>
              <th>{t('reports.title')}</th>
              <th>{t('reports.period')}</th>
              <th>{t('reports.due')}</th>
              <th>{t('reports.readyAt')}</th>
              <th>{t('reports.status')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((r) => (
              <tr key={`${r.kind}/${r.period}`} data-kind={r.kind} data-period={r.period}>
                <td>
                  <a href={`/p/${propertyId}/reports/${r.kind}/${r.period}`}>{reportKindLabel(r.kind)}</a>
                </td>
                <td>{r.from === r.to ? r.from : `${r.from} – ${r.to}`}</td>
                <td>{formatDateTime(r.dueAt)}</td>
                <td>{r.readyAt ? formatDateTime(r.readyAt) : '—'}</td>
                <td>
                  <ReportStatus summary={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
