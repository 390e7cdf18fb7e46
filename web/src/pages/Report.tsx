import '../reports/reports.css';
import { useEffect, useState } from 'preact/hooks';
import type { ComplaintRow, LoadedReport, RepairRow } from '../../../functions/contract.ts';
import { Badge, ErrorBox, Loading, Notice, PageHeader, Spinner } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { errorText, formatDateTime, type MsgKey, t, tOr } from '../i18n.ts';
import { downloadReport, reportsApi } from '../reports/api.ts';
import { me } from '../state.ts';
import { loadKinds } from '../tickets/api.ts';
import { stateLabel } from '../tickets/labels.ts';
import { ReportStatus, reportKindLabel } from './Reports.tsx';

type Props = { propertyId: string; kind: string; period: string };

function RepairTable({
  rows,
  done,
  propertyId,
  tz,
}: {
  rows: RepairRow[];
  done: boolean;
  propertyId: string;
  tz: string;
}) {
  if (!rows.length) return <p class="muted">{t('reports.noRepairs')}</p>;
  return (
    <table class="table report-table" data-testid={done ? 'repairs-done' : 'repairs-not-done'}>
      <thead>
        <tr>
          <th>{t('reports.number')}</th>
          <th>{t('reports.room')}</th>
          <th>{t('reports.content')}</th>
          <th>{t('reports.state')}</th>
          <th>{t('reports.reportedAt')}</th>
          <th>{t('reports.technician')}</th>
          <th>{done ? t('reports.completedAt') : t('reports.reason')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.ticketId} data-ticket={r.ticketId}>
            <td>
              <a href={`/p/${propertyId}/tickets/${r.ticketId}`}>{r.number ?? '—'}</a>
            </td>
            <td>{r.roomCode ?? r.place ?? ''}</td>
            <td>{r.content}</td>
            <td>{stateLabel('repair', r.state)}</td>
            <td>{formatDateTime(r.reportedAt, tz)}</td>
            <td>{r.technicianName ?? ''}</td>
            {done ? (
              <td>{r.completedAt ? formatDateTime(r.completedAt, tz) : ''}</td>
            ) : r.reason ? (
              <td>
                {r.reason.reason}
                <div class="small muted">
                  {r.reason.byName} · {formatDateTime(r.reason.at, tz)}
                </div>
              </td>
            ) : (
              <td class="missing">
                {t('reports.reasonMissing')}{' '}
                <a class="no-print" href={`/p/${propertyId}/tickets/${r.ticketId}`}>
                  {t('reports.enterReason')}
                </a>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ComplaintTable({ rows, propertyId, tz }: { rows: ComplaintRow[]; propertyId: string; tz: string }) {
  if (!rows.length) return <p class="muted">{t('reports.noComplaints')}</p>;
  const tone = { met: 'green', late: 'amber', overdue: 'red', pending: 'gray' } as const;
  return (
    <table class="table report-table" data-testid="complaints">
      <thead>
        <tr>
          <th>{t('reports.number')}</th>
          <th>{t('reports.receivedAt')}</th>
          <th>{t('reports.category')}</th>
          <th>{t('reports.complainant')}</th>
          <th>{t('reports.content')}</th>
          <th>{t('reports.state')}</th>
          <th>{t('reports.department')}</th>
          <th>{t('reports.responsible')}</th>
          <th>{t('reports.replyDue')}</th>
          <th>{t('reports.reply')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.ticketId}>
            <td>
              <a href={`/p/${propertyId}/tickets/${c.ticketId}`}>{c.number ?? '—'}</a>
            </td>
            <td>{formatDateTime(c.receivedAt, tz)}</td>
            <td>{c.category ? tOr(`complaintCategory.${c.category}`, c.category) : ''}</td>
            <td>
              {c.complainantName ?? ''} {c.roomCode ?? ''}
            </td>
            <td>
              {c.severity === 'urgent' && <Badge tone="red">{t('ledger.severity.urgent')}</Badge>} {c.content}
            </td>
            <td>{stateLabel('complaint', c.state)}</td>
            <td>{c.department ?? ''}</td>
            <td>{c.responsibleName ?? ''}</td>
            <td>{c.replyDueAt ? formatDateTime(c.replyDueAt, tz) : ''}</td>
            <td>
              <Badge tone={tone[c.reply]}>{t(`reports.reply.${c.reply}` as MsgKey)}</Badge>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Confirmations({
  report,
  props,
  onDone,
}: {
  report: LoadedReport;
  props: Props;
  onDone: () => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const roles = me.value?.staff.roles ?? [];
  const sides = [
    {
      side: 'desk' as const,
      label: t('reports.confirmDesk'),
      done: report.summary.deskConfirmation,
      roles: ['front_desk', 'service_lead', 'property_manager', 'head_office'],
    },
    {
      side: 'engineering' as const,
      label: t('reports.confirmEngineering'),
      done: report.summary.engineeringConfirmation,
      roles: ['technician', 'property_manager', 'head_office'],
    },
  ];
  const confirm = async (side: 'desk' | 'engineering') => {
    setBusy(side);
    setError(null);
    try {
      await reportsApi.confirm(props.propertyId, props.kind, props.period, side);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div class="report-confirm">
      {sides.map((s) =>
        s.done ? (
          <Badge key={s.side} tone="green">
            {t('reports.confirmedBy', {
              side: t(`reports.side.${s.side}`),
              name: s.done.byName,
              at: formatDateTime(s.done.at, report.timeZone),
            })}
          </Badge>
        ) : roles.some((r) => s.roles.includes(r)) ? (
          <button
            key={s.side}
            type="button"
            class="btn no-print"
            disabled={busy !== null}
            data-testid={`confirm-${s.side}`}
            onClick={() => confirm(s.side)}
          >
            {busy === s.side && <Spinner />}
            {s.label}
          </button>
        ) : null,
      )}
      {error ? <span class="error-text">{errorText(error)}</span> : null}
    </div>
  );
}

/** One report: its rows, who opened it, the confirmations; print and Excel. Opening it is recorded. */
export default function Report(props: Props) {
  const { propertyId, kind, period } = props;
  const report = useLoad(
    async (signal) => {
      await loadKinds();
      return reportsApi.get(propertyId, kind, period, signal);
    },
    [propertyId, kind, period],
  );
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const produced = !!report.data?.summary.readyAt;
  useEffect(() => {
    if (produced) void reportsApi.opened(propertyId, kind, period).catch(() => undefined);
  }, [produced, propertyId, kind, period]);

  const download = async () => {
    setDownloading(true);
    setDownloadError(null);
    try {
      await downloadReport(propertyId, kind, period);
    } catch (e) {
      setDownloadError(e);
    } finally {
      setDownloading(false);
    }
  };

  if (report.error) return <ErrorBox error={report.error} onRetry={report.reload} />;
  if (!report.data) return <Loading />;
  const r = report.data;
  const tz = r.timeZone;
  const repairs = r.repairs ?? r.weekly;
  const missing = repairs?.notDone.filter((row) => !row.reason).length ?? 0;
  return (
    <div class="report-page" data-testid="report-page">
      <PageHeader title={`${reportKindLabel(kind)} · ${period}`}>
        <button type="button" class="btn no-print" onClick={() => window.print()} data-testid="report-print">
          {t('reports.print')}
        </button>
        {produced && (
          <button
            type="button"
            class="btn no-print"
            disabled={downloading}
            onClick={download}
            data-testid="report-excel"
          >
            {downloading && <Spinner />}
            {downloading ? t('reports.downloading') : t('reports.excel')}
          </button>
        )}
      </PageHeader>
      {downloadError ? <ErrorBox error={downloadError} /> : null}
      <div class="report-meta">
        <span>
          {t('reports.due')}：{formatDateTime(r.summary.dueAt, tz)}
        </span>
        {r.summary.readyAt && (
          <span>
            {t('reports.readyAt')}：{formatDateTime(r.summary.readyAt, tz)}
          </span>
        )}
        <ReportStatus summary={r.summary} />
      </div>
      {!produced && (
        <Notice kind="info">{t('reports.notProduced', { at: formatDateTime(r.summary.dueAt, tz) })}</Notice>
      )}
      {r.weekly && (
        <section class="report-section" data-testid="weekly-summary">
          <h2>{t('reports.weekSummary')}</h2>
          <p>
            {t('reports.complaintsReceived', {
              n: r.weekly.complaints.received,
              met: r.weekly.complaints.repliedOnTime,
              late: r.weekly.complaints.repliedLate,
              overdue: r.weekly.complaints.overdue,
            })}
          </p>
          <p>
            {t('reports.inquiries', {
              n: r.weekly.inquiries.received,
              met: r.weekly.inquiries.answeredOnTime,
              late: r.weekly.inquiries.answeredLate,
              open: r.weekly.inquiries.open,
            })}
          </p>
          <p>
            {t('reports.followUpRate', {
              rate: r.weekly.followUps.completed
                ? `${Math.round((100 * r.weekly.followUps.followedUp) / r.weekly.followUps.completed)}%`
                : '—',
              n: r.weekly.followUps.followedUp,
              total: r.weekly.followUps.completed,
            })}
          </p>
        </section>
      )}
      {repairs && (
        <>
          <section class="report-section">
            <h2>
              {t('reports.done')}（{repairs.done.length}）
            </h2>
            <RepairTable rows={repairs.done} done propertyId={propertyId} tz={tz} />
          </section>
          <section class="report-section">
            <h2>
              {t('reports.notDone')}（{repairs.notDone.length}）
            </h2>
            {missing > 0 && <Notice kind="warn">{t('reports.reasonsMissing', { n: missing })}</Notice>}
            <RepairTable rows={repairs.notDone} done={false} propertyId={propertyId} tz={tz} />
          </section>
        </>
      )}
      {r.complaints && (
        <section class="report-section">
          <ComplaintTable rows={r.complaints} propertyId={propertyId} tz={tz} />
        </section>
      )}
      {kind === 'repairs-daily' && produced && (
        <Confirmations report={r} props={props} onDone={report.reload} />
      )}
      {produced && (
        <section class="report-section no-print">
          <h3>{t('reports.recipients')}</h3>
          <p>{r.recipients.map((p) => p.name).join('、') || '—'}</p>
          <h3>{t('reports.opens')}</h3>
          {r.opens.length ? (
            <ul data-testid="report-opens">
              {r.opens.map((o) => (
                <li key={o.staffId}>
                  {t('reports.openedBy', { name: o.name, at: formatDateTime(o.at, tz) })}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('reports.noOpens')}</p>
          )}
        </section>
      )}
    </div>
  );
}
