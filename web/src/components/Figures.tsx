import type { CompanyFigures, PropertyFigures } from '../../../functions/contract.ts';
import { request } from '../api.ts';
import { useLoad } from '../hooks.ts';
import { t } from '../i18n.ts';
import { ErrorBox, Loading, Stat } from './ui.tsx';

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

/** Head office: open, overdue and breached tickets, follow-up rate and satisfaction of every property. */
export function FiguresTable() {
  const { data, error, loading, reload } = useLoad(
    (signal) => request<CompanyFigures>('/api/tickets/figures', { signal }),
    [],
  );
  if (loading && !data) return <Loading />;
  if (error) return <ErrorBox error={error} onRetry={reload} />;
  const items = data?.items ?? [];
  return (
    <section class="card table-wrap figures" data-testid="figures-table">
      <h2 class="figures-title">{t('figures.title')}</h2>
      <p class="muted small figures-hint">{t('figures.hint')}</p>
      <table class="table">
        <thead>
          <tr>
            <th>{t('figures.property')}</th>
            <th class="num">{t('figures.openNow')}</th>
            <th class="num">{t('figures.overdueNow')}</th>
            <th class="num">{t('figures.breachedToday')}</th>
            <th class="num">{t('figures.breached7')}</th>
            <th class="num">{t('figures.followUpRate')}</th>
            <th class="num">{t('figures.satisfaction')}</th>
            <th class="num">{t('figures.complaintReplyRate')}</th>
            <th class="num">{t('figures.inquiryOnTimeRate')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((f) => (
            <tr key={f.propertyId} data-property={f.propertyId}>
              <th scope="row">
                <a href={`/p/${f.propertyId}`}>{f.property.name}</a>
                <div class="muted small">{f.property.code}</div>
              </th>
              <td class="num" data-figure="open">
                {f.now.open}
              </td>
              <td class={`num${f.now.overdue ? ' figure-alert' : ''}`} data-figure="overdue">
                {f.now.overdue}
              </td>
              <td class="num" data-figure="breachedToday">
                {f.days.at(-1)?.breached ?? 0}
              </td>
              <td class="num" data-figure="breached7">
                {f.totals.breached}
              </td>
              <td class="num" data-figure="followUpRate">
                {percent(f.totals.followUpRate)}
              </td>
              <td class="num" data-figure="satisfaction">
                {percent(f.totals.satisfaction)}
              </td>
              <td class="num" data-figure="complaintReplyRate">
                {percent(f.totals.complaintReplyRate)}
              </td>
              <td class="num" data-figure="inquiryOnTimeRate">
                {percent(f.totals.inquiryOnTimeRate)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!items.length && <p class="muted figures-hint">{t('figures.none')}</p>}
    </section>
  );
}

/** A property home: today's tickets, what is open and overdue now, and the week's rates. */
export function TodayFigures({ propertyId }: { propertyId: string }) {
  const { data, error, reload } = useLoad(
    (signal) => request<PropertyFigures>(`/api/tickets/properties/${propertyId}/figures`, { signal }),
    [propertyId],
  );
  if (error) return <ErrorBox error={error} onRetry={reload} />;
  const today = data?.days.at(-1);
  const week = data?.totals;
  const value = (v: number | string | undefined) => (data ? v : '…');
  return (
    <section data-testid="today-figures">
      <h2 class="figures-title">{t('figures.today')}</h2>
      <div class="stats stats-wide">
        <Stat label={t('figures.openedToday')} value={value(today?.opened ?? 0)} />
        <Stat label={t('figures.closedToday')} value={value(today?.closed ?? 0)} />
        <Stat label={t('figures.openNow')} value={value(data?.now.open)} />
        <Stat label={t('figures.overdueNow')} value={value(data?.now.overdue)} />
        <Stat label={t('figures.breachedToday')} value={value(today?.breached ?? 0)} />
        <Stat
          label={t('figures.followUpRate')}
          value={value(percent(week?.followUpRate ?? null))}
          hint={
            week ? t('figures.followUpHint', { n: week.followUps, total: week.completedRepairs }) : undefined
          }
        />
        <Stat
          label={t('figures.satisfaction')}
          value={value(percent(week?.satisfaction ?? null))}
          hint={
            week
              ? t('figures.satisfactionHint', {
                  n: week.followUpsSatisfied + week.callBacksSatisfied,
                  total: week.followUps + week.callBacks,
                })
              : undefined
          }
        />
        <Stat
          label={t('figures.complaintReplyRate')}
          value={value(percent(week?.complaintReplyRate ?? null))}
          hint={
            week
              ? t('figures.onTimeHint', {
                  n: week.complaintRepliesOnTime,
                  total: week.complaintRepliesOnTime + week.complaintRepliesLate,
                })
              : undefined
          }
        />
        <Stat
          label={t('figures.inquiryOnTimeRate')}
          value={value(percent(week?.inquiryOnTimeRate ?? null))}
          hint={
            week
              ? t('figures.onTimeHint', {
                  n: week.inquiryAnswersOnTime,
                  total: week.inquiryAnswersOnTime + week.inquiryAnswersLate,
                })
              : undefined
          }
        />
      </div>
    </section>
  );
}
