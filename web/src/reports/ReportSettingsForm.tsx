import './reports.css';
import { useState } from 'preact/hooks';
import { type ReportSettings, reportKindNames, roles } from '../../../functions/contract.ts';
import { request } from '../api.ts';
import { ErrorBox, Field, FormActions, Loading, Notice } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { dayName, type MsgKey, t } from '../i18n.ts';

const path = (propertyId: string) => `/api/tickets/properties/${propertyId}/report-settings`;
const weekdays = [1, 2, 3, 4, 5, 6, 7];
const hhmm = '([01][0-9]|2[0-3]):[0-5][0-9]';
type Kind = (typeof reportKindNames)[number];

function TimeInput({
  value,
  label,
  disabled,
  onInput,
}: {
  value: string;
  label: string;
  disabled: boolean;
  onInput: (v: string) => void;
}) {
  return (
    <input
      class="time-input"
      inputMode="numeric"
      maxLength={5}
      pattern={hhmm}
      placeholder="17:10"
      title="HH:MM"
      required
      value={value}
      disabled={disabled}
      aria-label={label}
      onInput={(e) => onInput(e.currentTarget.value)}
    />
  );
}

/**
 * When each standard report is due in the property's time zone, who receives it, and how long they have
 * to open it before the property manager is told (the settings the report job reads).
 */
export function ReportSettingsForm({ propertyId, editable }: { propertyId: string; editable: boolean }) {
  const loaded = useLoad((signal) => request<ReportSettings>(path(propertyId), { signal }), [propertyId]);
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
  initial: ReportSettings;
  editable: boolean;
}) {
  const [draft, setDraft] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const readOnly = !editable || saving;
  const change = (patch: Partial<ReportSettings>) => {
    setSaved(false);
    setDraft({ ...draft, ...patch });
  };
  const toggle = (kind: Kind, role: string, on: boolean) => {
    const now = draft.recipients[kind] ?? [];
    const next = on ? [...now, role] : now.filter((r) => r !== role);
    change({ recipients: { ...draft.recipients, [kind]: roles.filter((r) => next.includes(r)) } });
  };
  const empty = reportKindNames.filter((kind) => !(draft.recipients[kind] ?? []).length);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (empty.length) return;
    setSaving(true);
    setError(null);
    try {
      const next = await request<ReportSettings>(path(propertyId), { method: 'PUT', json: draft });
      setDraft(next);
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="card form report-settings" onSubmit={submit} data-testid="report-settings">
      <p class="muted">{t('reportSettings.intro')}</p>
      {!editable && <Notice>{t('settings.readOnly')}</Notice>}
      <div class="form-grid">
        <Field label={t('reports.kind.complaints-daily')} hint={t('reportSettings.complaintsDailyHint')}>
          <TimeInput
            value={draft.complaintsDailyDue}
            label={t('reports.kind.complaints-daily')}
            disabled={readOnly}
            onInput={(v) => change({ complaintsDailyDue: v })}
          />
        </Field>
        <Field label={t('reports.kind.repairs-daily')} hint={t('reportSettings.repairsDailyHint')}>
          <TimeInput
            value={draft.repairsDailyAt}
            label={t('reports.kind.repairs-daily')}
            disabled={readOnly}
            onInput={(v) => change({ repairsDailyAt: v })}
          />
        </Field>
        <Field label={t('reports.kind.repairs-weekly')} hint={t('reportSettings.repairsWeeklyHint')}>
          <span class="inline-controls">
            <select
              value={draft.repairsWeeklyDay}
              disabled={readOnly}
              aria-label={t('reportSettings.weekday')}
              onChange={(e) => change({ repairsWeeklyDay: Number(e.currentTarget.value) })}
            >
              {weekdays.map((d) => (
                <option key={d} value={d}>
                  {dayName(d)}
                </option>
              ))}
            </select>
            <TimeInput
              value={draft.repairsWeeklyAt}
              label={t('reports.kind.repairs-weekly')}
              disabled={readOnly}
              onInput={(v) => change({ repairsWeeklyAt: v })}
            />
          </span>
        </Field>
        <Field label={t('reportSettings.openWithin')} hint={t('reportSettings.openWithinHint')}>
          <input
            type="number"
            min={10}
            max={1440}
            step={10}
            required
            value={draft.openWithinMinutes}
            disabled={readOnly}
            data-testid="open-within"
            onInput={(e) => change({ openWithinMinutes: Number(e.currentTarget.value) })}
          />
        </Field>
      </div>
      <h3>{t('reports.recipients')}</h3>
      {reportKindNames.map((kind) => (
        <Field key={kind} label={t(`reports.kind.${kind}` as MsgKey)} group wide>
          <span class="day-toggles">
            {roles.map((role) => {
              const on = (draft.recipients[kind] ?? []).includes(role);
              return (
                <label
                  class={`day-toggle${on ? ' on' : ''}`}
                  key={role}
                  data-testid={`recipient-${kind}-${role}`}
                >
                  <input
                    type="checkbox"
                    checked={on}
                    disabled={readOnly}
                    onChange={(e) => toggle(kind, role, e.currentTarget.checked)}
                  />
                  {t(`role.${role}` as MsgKey)}
                </label>
              );
            })}
          </span>
        </Field>
      ))}
      {empty.length > 0 && <Notice kind="warn">{t('reportSettings.noRecipients')}</Notice>}
      <ErrorBox error={error} />
      {saved && <Notice kind="success">{t('reportSettings.saved')}</Notice>}
      {editable && <FormActions saving={saving} />}
    </form>
  );
}
