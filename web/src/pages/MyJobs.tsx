import { PhotoThumbs } from '../components/PhotoStrip.tsx';
import '../tickets/tickets.css';
import { isNotFound } from '../api.ts';
import { SlaBadge } from '../components/SlaBadge.tsx';
import { Empty, ErrorBox, Loading, LoadMore, NoAccess, PageHeader } from '../components/ui.tsx';
import { useLoad, usePaged } from '../hooks.ts';
import { formatDateTime, t } from '../i18n.ts';
import { loadKinds, type Ticket, ticketContent, tk } from '../tickets/api.ts';
import { headlineClock } from '../tickets/countdown.ts';
import { kindLabel, slaLabel, stateLabel, useNow } from '../tickets/labels.ts';

/** 我的工单: big cards a technician taps on a phone; each opens the ticket with its action buttons. */
export default function MyJobs({ propertyId }: { propertyId: string }) {
  const now = useNow();
  const kinds = useLoad(() => loadKinds(), []);
  const list = usePaged<Ticket>(
    (cursor, signal) => tk.page(`/properties/${propertyId}/my-jobs`, { cursor, limit: 30 }, signal),
    [propertyId],
  );
  if (isNotFound(list.error)) return <NoAccess />;
  return (
    <div class="page my-jobs" data-testid="my-jobs">
      <PageHeader title={t('myJobs.title')} subtitle={t('myJobs.subtitle')} />
      <ErrorBox error={list.error ?? kinds.error} onRetry={list.reload} />
      {(list.loading && !list.items.length) || !kinds.data ? (
        <Loading />
      ) : !list.items.length && !list.error ? (
        <Empty title={t('myJobs.empty')} />
      ) : (
        <>
          <ul class="job-list">
            {list.items.map((job) => {
              const clock = headlineClock(job.slas);
              return (
                <li key={job.id}>
                  <a class="job-card" href={`/p/${propertyId}/tickets/${job.id}`} data-ticket={job.id}>
                    <div class="job-top">
                      <span class="job-room">
                        {job.roomCode ?? job.location?.place ?? kindLabel(job.kind)}
                      </span>
                      {job.severity === 'urgent' && <span class="urgent-mark">{t('tickets.urgent')}</span>}
                      <span class="job-state">{stateLabel(job.kind, job.state)}</span>
                    </div>
                    {job.number && <div class="mono muted small">{job.number}</div>}
                    <div class="job-content">
                      {ticketContent(job)}
                      <PhotoThumbs thumbnails={job.thumbnails} />
                    </div>
                    <div class="job-bottom">
                      <span class="muted">
                        {job.appointmentAt
                          ? `${t('ticket.appointment')} ${formatDateTime(job.appointmentAt)}`
                          : t('myJobs.noAppointment')}
                      </span>
                      {clock && <SlaBadge sla={clock[1]} now={now} title={slaLabel(job.kind, clock[0])} />}
                    </div>
                  </a>
                </li>
              );
            })}
          </ul>
          <LoadMore list={list} />
        </>
      )}
    </div>
  );
}
