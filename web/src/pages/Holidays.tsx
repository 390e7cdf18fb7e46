import { useState } from 'preact/hooks';
import type { HolidayCalendarView } from '../../../functions/contract.ts';
import { Badge, ErrorBox, Loading, NoAccess, Notice, PageHeader } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { formatDateTime, t } from '../i18n.ts';
import { ticketsApi } from '../settings-api.ts';
import { can } from '../state.ts';

type YearRow = HolidayCalendarView['years'][number];
const tone = { package: 'green', entered: 'blue', none: 'red' } as const;

/** Dates as typed: one a line, or separated by commas, spaces or 、. */
const datesOf = (text: string) =>
  text
    .normalize('NFKC')
    .split(/[\s,、，;；]+/)
    .map((d) => d.trim())
    .filter(Boolean);

function YearForm({ row, onSaved }: { row: YearRow; onSaved: (view: HolidayCalendarView) => void }) {
  const own = row.entered;
  const [holidays, setHolidays] = useState((own?.holidays ?? []).join('\n'));
  const [makeUp, setMakeUp] = useState((own?.makeUpWorkdays ?? []).join('\n'));
  const [notice, setNotice] = useState(own?.notice ?? '');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  return (
    <form
      class="card form-grid"
      data-testid={`holiday-form-${row.year}`}
      onSubmit={async (e) => {
        e.preventDefault();
        setSaving(true);
        setError(null);
        try {
          onSaved(
            await ticketsApi.send<HolidayCalendarView>('PUT', '/holiday-calendar', {
              year: row.year,
              holidays: datesOf(holidays),
              makeUpWorkdays: datesOf(makeUp),
              notice,
              ...(own ? { version: own.version } : {}),
            }),
          );
        } catch (err) {
          setError(err);
        } finally {
          setSaving(false);
        }
      }}
    >
      <h2>{row.year}</h2>
      <label class="field">
        <span class="field-label">{t('holidays.holidays')}</span>
        <textarea
          name="holidays"
          rows={6}
          required
          value={holidays}
          onInput={(e) => setHolidays(e.currentTarget.value)}
        />
        <span class="field-hint">{t('holidays.holidaysHint')}</span>
      </label>
      <label class="field">
        <span class="field-label">{t('holidays.makeUp')}</span>
        <textarea
          name="makeUpWorkdays"
          rows={3}
          value={makeUp}
          onInput={(e) => setMakeUp(e.currentTarget.value)}
        />
        <span class="field-hint">{t('holidays.makeUpHint')}</span>
      </label>
      <label class="field">
        <span class="field-label">{t('holidays.notice')}</span>
        <input
          name="notice"
          required
          maxLength={200}
          value={notice}
          onInput={(e) => setNotice(e.currentTarget.value)}
        />
        <span class="field-hint">{t('holidays.noticeHint')}</span>
      </label>
      <ErrorBox error={error} />
      <div>
        <button type="submit" class="btn btn-primary" disabled={saving}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

/** Head office: which years the office calendar knows, and entering a missing one from the official notice. */
export default function Holidays() {
  const { data, error, loading, reload } = useLoad(
    (signal) => ticketsApi.get<HolidayCalendarView>('/holiday-calendar', undefined, signal),
    [],
  );
  const [view, setView] = useState<HolidayCalendarView | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const shown = view ?? data;
  const editable = can('calendar.configure');
  if (loading && !shown) return <Loading />;
  if (error) return <ErrorBox error={error} onRetry={reload} />;
  if (!shown) return <NoAccess />;
  const missing = shown.years.filter((y) => y.source === 'none' && y.year >= new Date().getFullYear());
  return (
    <>
      <PageHeader title={t('nav.holidays')} subtitle={t('holidays.subtitle')} />
      {missing.map((y) => (
        <Notice key={y.year} kind="warn">
          {t('holidays.missing', { year: y.year })}
        </Notice>
      ))}
      {saved !== null && <Notice kind="success">{t('holidays.saved', { year: saved })}</Notice>}
      <div class="table-wrap card">
        <table class="table" data-testid="holiday-years">
          <thead>
            <tr>
              <th>{t('holidays.year')}</th>
              <th>{t('holidays.source')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.years.map((y) => (
              <tr key={y.year} data-year={y.year}>
                <th scope="row">{y.year}</th>
                <td>
                  <Badge tone={tone[y.source]}>{t(`holidays.source.${y.source}`)}</Badge>
                  {y.entered && (
                    <div class="small muted">
                      {t('holidays.count', {
                        n: y.entered.holidays.length,
                        m: y.entered.makeUpWorkdays.length,
                      })}{' '}
                      · {y.entered.notice} ·{' '}
                      {t('holidays.enteredBy', {
                        name: y.entered.enteredByName,
                        at: formatDateTime(y.entered.enteredAt),
                      })}
                    </div>
                  )}
                </td>
                <td>
                  {editable && y.source !== 'package' && (
                    <button type="button" class="link-btn" onClick={() => setEditing(y.year)}>
                      {y.entered ? t('holidays.edit') : t('holidays.enter')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editing !== null && (
        <YearForm
          key={editing}
          row={shown.years.find((y) => y.year === editing)!}
          onSaved={(next) => {
            setView(next);
            setSaved(editing);
            setEditing(null);
          }}
        />
      )}
    </>
  );
}
