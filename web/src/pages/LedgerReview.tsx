import '../settings.css';
import { useState } from 'preact/hooks';
import type { LedgerReviewStatus } from '../../../functions/contract.ts';
import { isNotFound } from '../api.ts';
import { Badge, ErrorBox, Loading, NoAccess, Notice, PageHeader, Spinner } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { dayName, formatDateTime, t } from '../i18n.ts';
import { ticketsApi } from '../settings-api.ts';
import { can, me } from '../state.ts';

type Status = LedgerReviewStatus;
type Review = NonNullable<Status['days'][number]['review']>;

const weekday = (day: string) => dayName(((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1);

function ReviewCell({
  review,
  over,
  canMark,
  busy,
  onMark,
  contacts,
  timeZone,
}: {
  review: Review | null;
  over: boolean;
  canMark: boolean;
  busy: boolean;
  onMark: () => void;
  contacts: number;
  timeZone?: string;
}) {
  if (review) {
    return (
      <div>
        <Badge tone="green">{t('review.reviewed')}</Badge>{' '}
        <span class="small">
          {t('review.by', { name: review.reviewedByName, at: formatDateTime(review.reviewedAt, timeZone) })}
        </span>
        {review.contacts !== contacts && (
          <div class="small muted">{t('review.lateContacts', { n: review.contacts })}</div>
        )}
      </div>
    );
  }
  if (!over) return <Badge tone="blue">{t('review.inProgress')}</Badge>;
  return (
    <div>
      <Badge tone="amber">{t('review.notReviewed')}</Badge>{' '}
      {canMark && (
        <button
          type="button"
          class="btn btn-small"
          disabled={busy}
          onClick={onMark}
          data-testid="review-mark"
        >
          {busy && <Spinner />}
          {busy ? t('review.marking') : t('review.mark')}
        </button>
      )}
    </div>
  );
}

export default function LedgerReview({ propertyId }: { propertyId: string }) {
  const status = useLoad(
    (signal) => ticketsApi.get<Status>(`/properties/${propertyId}/ledger-reviews`, undefined, signal),
    [propertyId],
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const canDay = can('ledger.reviewDay');
  const canWeek = can('ledger.reviewWeek');
  const timeZone = me.value?.properties.find((p) => p.id === propertyId)?.timeZone;
  if (isNotFound(status.error)) return <NoAccess />;
  const data = status.data;

  const mark = async (scope: 'days' | 'weeks', period: string) => {
    setBusy(period);
    setError(null);
    try {
      const body = scope === 'days' ? { day: period } : { week: period };
      await ticketsApi.send('POST', `/properties/${propertyId}/ledger-reviews/${scope}`, body);
      status.reload();
    } catch (err) {
      setError(err);
      status.reload();
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="page" data-testid="review-page">
      <PageHeader title={t('nav.ledgerReview')} subtitle={t('review.subtitle')} />
      {!canDay && !canWeek && <Notice>{t('review.readOnly')}</Notice>}
      <ErrorBox error={error} />
      {status.loading && !data ? (
        <Loading />
      ) : !data ? (
        <ErrorBox error={status.error} onRetry={status.reload} />
      ) : (
        <div class="review-grid">
          <section>
            <h2>{t('review.days')}</h2>
            <div class="table-wrap card">
              <table class="table review-table" data-testid="review-days">
                <thead>
                  <tr>
                    <th>{t('review.day')}</th>
                    <th class="num">{t('review.contacts')}</th>
                    <th>{t('review.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.days.map((d) => (
                    <tr key={d.day} data-day={d.day}>
                      <td class="nowrap">
                        {d.day}{' '}
                        <span class="muted small">
                          {d.day === data.today ? t('review.today') : weekday(d.day)}
                        </span>
                      </td>
                      <td class="num">{d.contacts}</td>
                      <td>
                        <ReviewCell
                          review={d.review}
                          over={d.over}
                          contacts={d.contacts}
                          canMark={canDay}
                          busy={busy === d.day}
                          timeZone={timeZone}
                          onMark={() => void mark('days', d.day)}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section>
            <h2>{t('review.weeks')}</h2>
            <div class="table-wrap card">
              <table class="table review-table" data-testid="review-weeks">
                <thead>
                  <tr>
                    <th>{t('review.week')}</th>
                    <th class="num">{t('review.contacts')}</th>
                    <th>{t('review.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.weeks.map((w) => (
                    <tr key={w.week} data-week={w.week}>
                      <td class="nowrap">
                        {t('review.weekOf', { n: Number(w.week.slice(6)) })}
                        <div class="small muted">
                          {t('review.range', { from: w.from.slice(5), to: w.to.slice(5) })}
                        </div>
                      </td>
                      <td class="num">{w.contacts}</td>
                      <td>
                        <ReviewCell
                          review={w.review}
                          over={w.over}
                          contacts={w.contacts}
                          canMark={canWeek}
                          busy={busy === w.week}
                          timeZone={timeZone}
                          onMark={() => void mark('weeks', w.week)}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </div>
      )}
    </div>
  );
}
