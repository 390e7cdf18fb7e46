import { PhotoThumbs } from '../components/PhotoStrip.tsx';
import '../tickets/tickets.css';
import { useState } from 'preact/hooks';
import { isNotFound } from '../api.ts';
import { SlaBadge } from '../components/SlaBadge.tsx';
import { Empty, ErrorBox, Loading, LoadMore, NoAccess, PageHeader, Tabs } from '../components/ui.tsx';
import { useLoad, usePaged } from '../hooks.ts';
import { formatDateTime, t } from '../i18n.ts';
import { propertyTimeZone } from '../state.ts';
import { loadKinds, type Ticket, ticketCaller, ticketContent, tk } from '../tickets/api.ts';
import { CallHousehold } from '../tickets/CallHousehold.tsx';
import { appointmentMissed, headlineClock, minutesToVisit } from '../tickets/countdown.ts';
import { durationText, kindLabel, slaLabel, stateLabel, useNow } from '../tickets/labels.ts';

type JobList = 'open' | 'done';

/**
 * 我的工单: big cards a technician taps on a phone, each opening the ticket with its action buttons;
 * the jobs to do (with the appointment, the SLA countdown and a missed appointment flagged) and, in
 * their own tab, the jobs done.
 */
export default function MyJobs({ propertyId }: { propertyId: string }) {
  const now = useNow();
  const [tab, setTab] = useState<JobList>('open');
  const kinds = useLoad(() => loadKinds(), []);
  const list = usePaged<Ticket>(
    (cursor, signal) =>
      tk.page(`/properties/${propertyId}/my-jobs`, { cursor, limit: 30, list: tab }, signal),
    [propertyId, tab],
  );
  if (isNotFound(list.error)) return <NoAccess />;
  return (
    <div class="page my-jobs" data-testid="my-jobs">
      <PageHeader title={t('myJobs.title')} subtitle={t('myJobs.subtitle')} />
      <Tabs
        tabs={[
          { key: 'open', label: 'myJobs.open' },
          { key: 'done', label: 'myJobs.done' },
        ]}
        active={tab}
        onChange={setTab}
      />
      <ErrorBox error={list.error ?? kinds.error} onRetry={list.reload} />
      {(list.loading && !list.items.length) || !kinds.data ? (
        <Loading />
      ) : !list.items.length && !list.error ? (
        <Empty title={t(tab === 'open' ? 'myJobs.empty' : 'myJobs.emptyDone')} />
      ) : (
        <>
          <ul class="job-list">
            {list.items.map((job) => {
              const clock = headlineClock(job.slas);
              const missed = appointmentMissed(job, now);
              const visitIn = minutesToVisit(job, now);
              return (
                <li key={job.id}>
                  <a
                    class={`job-card${missed ? ' job-missed' : ''}`}
                    href={`/p/${propertyId}/tickets/${job.id}`}
                    data-ticket={job.id}
                  >
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
                      {missed && (
                        <span class="missed-mark" data-testid="appointment-missed">
                          {t('myJobs.missed')}
                        </span>
                      )}
                      <span class={missed ? 'missed-time' : 'muted'}>
                        {job.appointmentAt
                          ? `${t('ticket.appointment')} ${formatDateTime(job.appointmentAt, propertyTimeZone(propertyId))}`
                          : t('myJobs.noAppointment')}
                      </span>
                      {visitIn !== null && (
                        <span class="visit-in" data-testid="visit-in">
                          {t('myJobs.visitIn', { d: durationText(visitIn) })}
                        </span>
                      )}
                      {tab === 'open' && clock && (
                        <span class="job-clock">
                          <span class="muted small">{slaLabel(job.kind, clock[0])}</span>
                          <SlaBadge sla={clock[1]} now={now} />
                        </span>
                      )}
                    </div>
                  </a>
                  {tab === 'open' && (ticketCaller(job)?.phone || job.householdId) && (
                    <div class="job-call">
                      <CallHousehold propertyId={propertyId} ticket={job} masked={ticketCaller(job)?.phone} />
                    </div>
                  )}
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
