import './collection.css';
import { useState } from 'preact/hooks';
import { yuan } from '../../../functions/billing/money.ts';
import { isNotFound } from '../api.ts';
import { ErrorBox, Field, FormActions, Loading, NoAccess, Notice, PageHeader } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { errorText, t } from '../i18n.ts';
import { collectionApi, type VisitOutcome, visitOutcomes } from './collection-api.ts';

/** 记录上门: one visit's outcome, the promised date and the next visit, entered on a phone at the door. */
export default function VisitEntry({
  propertyId,
  month,
  householdId,
}: {
  propertyId: string;
  month: string;
  householdId: string;
}) {
  const task = useLoad(
    (signal) => collectionApi.task(propertyId, month, householdId, signal),
    [propertyId, month, householdId],
  );
  const [outcome, setOutcome] = useState<VisitOutcome>('not_home');
  const [promisedDate, setPromisedDate] = useState('');
  const [nextVisitDate, setNextVisitDate] = useState('');
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<'saved' | 'closed' | null>(null);
  if (isNotFound(task.error)) return <NoAccess />;
  if (task.error) return <ErrorBox error={task.error} onRetry={task.reload} />;
  if (!task.data) return <Loading />;
  const current = task.data;
  const submit = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const { task: next } = await collectionApi.logVisit(propertyId, month, householdId, {
        version: current.version,
        outcome,
        ...(outcome === 'promised' && promisedDate ? { promisedDate } : {}),
        ...(nextVisitDate ? { nextVisitDate } : {}),
        note,
      });
      task.setData(next);
      setDone(next.state === 'closed' ? 'closed' : 'saved');
      setNote('');
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <div class="page visit-form" data-testid="visit-entry">
      <PageHeader
        title={t('visit.title', { room: current.roomCode })}
        subtitle={`${current.householdName} · ${t('collection.due', { day: current.dueDate })} · ${t('collection.owed')} ${yuan(current.openedBalanceCents)}`}
      />
      {done && <Notice kind="success">{t(done === 'closed' ? 'visit.closed' : 'visit.saved')}</Notice>}
      {error ? (
        <div class="error-text" role="alert">
          {errorText(error)}
        </div>
      ) : null}
      <form onSubmit={submit}>
        <Field label={t('visit.outcome')} group>
          <div class="outcome-choices">
            {visitOutcomes.map((o) => (
              <label key={o}>
                <input
                  type="radio"
                  name="outcome"
                  value={o}
                  checked={outcome === o}
                  onChange={() => setOutcome(o)}
                />
                {t(`collection.outcome.${o}`)}
              </label>
            ))}
          </div>
        </Field>
        {outcome === 'promised' && (
          <Field label={t('visit.promisedDate')}>
            <input
              type="date"
              required
              value={promisedDate}
              onInput={(e) => setPromisedDate(e.currentTarget.value)}
              data-testid="promised-date"
            />
          </Field>
        )}
        <Field label={t('visit.nextVisit')}>
          <input type="date" value={nextVisitDate} onInput={(e) => setNextVisitDate(e.currentTarget.value)} />
        </Field>
        <Field label={t('visit.note')}>
          <textarea rows={3} maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </Field>
        <FormActions saving={saving} label={t('visit.save')} />
      </form>
      <p>
        <a href={`/p/${propertyId}/billing/collection`}>{t('visit.back')}</a>
        {' · '}
        <a href={`/p/${propertyId}/billing/arrears/${householdId}`}>{t('collection.file')}</a>
      </p>
    </div>
  );
}
