import '../reports/reports.css';
import { ErrorBox, Loading, PageHeader } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { formatDateTime, t } from '../i18n.ts';
import { reportsApi } from '../reports/api.ts';
import { ReportStatus, reportKindLabel } from './Reports.tsx';

/** Head office: per property, whether the newest report of each kind is ready, opened, or late. */
export default function ReportsOverview() {
  const overview = useLoad((signal) => reportsApi.overview(signal), []);
  const kinds = ['complaints-daily', 'repairs-daily', 'repairs-weekly'];
  return (
    <div>
      <PageHeader title={t('reports.overviewTitle')} subtitle={t('reports.overviewSubtitle')} />
      {overview.error ? <ErrorBox error={overview.error} onRetry={overview.reload} /> : null}
      {overview.loading && !overview.data ? <Loading /> : null}
      {overview.data && (
        <table class="table" data-testid="report-overview">
          <thead>
            <tr>
              <th>{t('reports.property')}</th>
              {kinds.map((k) => (
                <th key={k}>{reportKindLabel(k)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {overview.data.items.map(({ property, reports }) => (
              <tr key={property.id} data-property={property.id}>
                <td>
                  <a href={`/p/${property.id}/reports`}>{property.name}</a>
                </td>
                {kinds.map((k) => {
                  const r = reports.find((x) => x.kind === k);
                  return (
                    <td key={k} data-kind={k}>
                      {r && (
                        <>
                          <a href={`/p/${property.id}/reports/${r.kind}/${r.period}`}>{r.period}</a>
                          <div>
                            <ReportStatus summary={r} />
                          </div>
                          <div class="small muted">
                            {t('reports.due')} {formatDateTime(r.dueAt)}
                          </div>
                        </>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
