import { useState } from 'preact/hooks';
import type { CollectionSettings } from '../../../functions/billing/collection/settings.ts';
import { request } from '../api.ts';
import { ErrorBox, Field, FormActions, Loading, Notice } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { t } from '../i18n.ts';

const path = (propertyId: string) => `/api/billing/properties/${propertyId}/collection-settings`;

/**
 * The 收费 tab of the property's settings: the reminder day and late fees — off unless finance turns
 * them on, and then only with the contract clause that allows them (printed wherever a late fee shows).
 */
export function CollectionSettingsForm({ propertyId, editable }: { propertyId: string; editable: boolean }) {
  const loaded = useLoad((signal) => request<CollectionSettings>(path(propertyId), { signal }), [propertyId]);
  if (loaded.loading && !loaded.data) return <Loading />;
  if (!loaded.data) return <ErrorBox error={loaded.error} onRetry={loaded.reload} />;
  return <Editor key={propertyId} propertyId={propertyId} initial={loaded.data} editable={editable} />;
}

function Editor({
  propertyId,
  initial,
  editable,
}: {
  propertyId: string;
  initial: CollectionSettings;
  editable: boolean;
}) {
  const [reminderDay, setReminderDay] = useState(initial.reminderDay);
  const [late, setLate] = useState(initial.lateFee);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const readOnly = !editable || saving;
  const change = (patch: Partial<CollectionSettings['lateFee']>) => {
    setSaved(false);
    setLate({ ...late, ...patch });
  };
  const number = (e: { currentTarget: HTMLInputElement }) => Number(e.currentTarget.value);

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const next = await request<CollectionSettings>(path(propertyId), {
        method: 'PUT',
        json: { reminderDay, lateFee: late },
      });
      setReminderDay(next.reminderDay);
      setLate(next.lateFee);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="card form" onSubmit={submit} data-testid="collection-settings">
      <p class="muted">{t('collectionSettings.intro')}</p>
      {!editable && <Notice>{t('collectionSettings.readOnly')}</Notice>}
      <div class="form-grid">
        <Field label={t('collectionSettings.reminderDay')} hint={t('collectionSettings.reminderDayHint')}>
          <input
            type="number"
            min={1}
            max={28}
            required
            value={reminderDay}
            disabled={readOnly}
            onInput={(e) => {
              setSaved(false);
              setReminderDay(number(e));
            }}
            data-testid="reminder-day"
          />
        </Field>
      </div>
      <label class="check late-fee-toggle">
        <input
          type="checkbox"
          checked={late.enabled}
          disabled={readOnly}
          onChange={(e) => change({ enabled: e.currentTarget.checked })}
          data-testid="late-fee-enabled"
        />
        {t('collectionSettings.lateFeeOn')}
      </label>
      {late.enabled ? (
        <div class="form-grid" data-testid="late-fee-terms">
          <Field label={t('collectionSettings.rate')} hint={t('collectionSettings.rateHint')}>
            <input
              type="number"
              min={1}
              max={30}
              required
              value={late.dailyRatePerTenThousand}
              disabled={readOnly}
              onInput={(e) => change({ dailyRatePerTenThousand: number(e) })}
              data-testid="late-fee-rate"
            />
          </Field>
          <Field label={t('collectionSettings.graceDays')} hint={t('collectionSettings.graceDaysHint')}>
            <input
              type="number"
              min={0}
              max={365}
              required
              value={late.graceDays}
              disabled={readOnly}
              onInput={(e) => change({ graceDays: number(e) })}
              data-testid="late-fee-grace"
            />
          </Field>
          <Field label={t('collectionSettings.cap')} hint={t('collectionSettings.capHint')}>
            <input
              type="number"
              min={1}
              max={100}
              required
              value={late.capPercent}
              disabled={readOnly}
              onInput={(e) => change({ capPercent: number(e) })}
              data-testid="late-fee-cap"
            />
          </Field>
          <Field label={t('collectionSettings.clause')} hint={t('collectionSettings.clauseHint')} wide>
            <textarea
              rows={3}
              required
              maxLength={500}
              value={late.clause}
              disabled={readOnly}
              onInput={(e) => change({ clause: e.currentTarget.value })}
              data-testid="late-fee-clause"
            />
          </Field>
          <p class="muted small field-wide" data-testid="late-fee-example">
            {t('collectionSettings.example', {
              rate: late.dailyRatePerTenThousand,
              grace: late.graceDays,
              cap: late.capPercent,
            })}
          </p>
        </div>
      ) : (
        <p class="muted">{t('collectionSettings.lateFeeOff')}</p>
      )}
      <ErrorBox error={error} />
      {saved && <Notice kind="success">{t('collectionSettings.saved')}</Notice>}
      {editable && <FormActions saving={saving} />}
    </form>
  );
}
