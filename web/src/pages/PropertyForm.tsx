import { useState } from 'preact/hooks';
import type { Property, ServicePeriod } from '../../../functions/contract.ts';
import { dir, isStale } from '../api.ts';
import { bind, ErrorBox, Field, FormActions, Notice } from '../components/ui.tsx';
import { dayName, t } from '../i18n.ts';

const weekdays = [1, 2, 3, 4, 5, 6, 7];

function HoursEditor({
  value,
  onChange,
  disabled,
}: {
  value: ServicePeriod[];
  onChange: (v: ServicePeriod[]) => void;
  disabled?: boolean;
}) {
  const set = (i: number, patch: Partial<ServicePeriod>) =>
    onChange(value.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  return (
    <div class="hours">
      {value.map((row, i) => (
        <div class="hours-row" key={i}>
          <fieldset class="day-toggles" aria-label={t('property.days')}>
            {weekdays.map((d) => (
              <label class={`day-toggle${row.days.includes(d) ? ' on' : ''}`} key={d}>
                <input
                  type="checkbox"
                  checked={row.days.includes(d)}
                  disabled={disabled}
                  onChange={(e) =>
                    set(i, {
                      days: e.currentTarget.checked
                        ? [...row.days, d].sort((a, b) => a - b)
                        : row.days.filter((x) => x !== d),
                    })
                  }
                />
                {dayName(d, true)}
              </label>
            ))}
          </fieldset>
          <input
            class="time-input"
            inputMode="numeric"
            maxLength={5}
            pattern="([01][0-9]|2[0-3]):[0-5][0-9]"
            placeholder="09:00"
            title="HH:MM"
            value={row.from}
            disabled={disabled}
            aria-label={t('property.from')}
            onInput={(e) => set(i, { from: e.currentTarget.value })}
          />
          <span>–</span>
          <input
            class="time-input"
            inputMode="numeric"
            maxLength={5}
            pattern="([01][0-9]|2[0-3]):[0-5][0-9]"
            placeholder="09:00"
            title="HH:MM"
            value={row.to}
            disabled={disabled}
            aria-label={t('property.to')}
            onInput={(e) => set(i, { to: e.currentTarget.value })}
          />
          {!disabled && (
            <button type="button" class="link-btn" onClick={() => onChange(value.filter((_, j) => j !== i))}>
              {t('common.remove')}
            </button>
          )}
        </div>
      ))}
      {!disabled && (
        <button
          type="button"
          class="btn btn-small"
          onClick={() => onChange([...value, { days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' }])}
        >
          + {t('property.addHours')}
        </button>
      )}
    </div>
  );
}

interface Draft {
  code: string;
  name: string;
  city: string;
  address: string;
  timeZone: string;
  hotline: string;
  serviceHours: ServicePeriod[];
  billingDay: string;
  dueDay: string;
}

const toDraft = (p?: Property): Draft => ({
  code: p?.code ?? '',
  name: p?.name ?? '',
  city: p?.city ?? '',
  address: p?.address ?? '',
  timeZone: p?.timeZone ?? 'Asia/Shanghai',
  hotline: p?.hotline ?? '',
  serviceHours: p?.serviceHours ?? [{ days: [...weekdays], from: '09:00', to: '21:00' }],
  billingDay: String(p?.billingDay ?? 15),
  dueDay: String(p?.dueDay ?? 20),
});

/** Create (no `property`) or edit a property. Edits send only the changed fields with the version. */
export function PropertyForm({
  property,
  readOnly,
  onSaved,
  onCancel,
  onReload,
  onDirty,
  savedNotice,
}: {
  property?: Property;
  readOnly?: boolean;
  onSaved: (p: Property) => void;
  onCancel?: () => void;
  /** Offered when the save met a newer version (409 stale_version). */
  onReload?: () => void;
  /** Called on the first change after a save. */
  onDirty?: () => void;
  /** Shown next to the Save button. */
  savedNotice?: boolean;
}) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(property));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const field =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) => {
      onDirty?.();
      setDraft((d) => ({ ...d, [key]: value }));
    };

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    const body = {
      name: draft.name.trim(),
      city: draft.city.trim(),
      address: draft.address.trim(),
      timeZone: draft.timeZone.trim(),
      hotline: draft.hotline.trim(),
      serviceHours: draft.serviceHours,
      billingDay: Number(draft.billingDay),
      dueDay: Number(draft.dueDay),
    };
    try {
      let out: Property;
      if (property) {
        const changed: Record<string, unknown> = { version: property.version };
        for (const [key, value] of Object.entries(body)) {
          if (JSON.stringify(value) !== JSON.stringify(property[key as keyof Property] ?? ''))
            changed[key] = value;
        }
        out = await dir.patch<Property>(`/properties/${property.id}`, changed);
      } else {
        out = await dir.post<Property>('/properties', { code: draft.code.trim(), ...body });
      }
      onSaved(out);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const days = Array.from({ length: 28 }, (_, i) => String(i + 1));
  return (
    <form class="form form-grid" onSubmit={submit}>
      <Field label={t('property.code')} hint={property ? undefined : t('property.codeHint')}>
        <input
          value={draft.code}
          onInput={(e) => field('code')(e.currentTarget.value.toUpperCase())}
          pattern="[A-Z][A-Z0-9]{1,11}"
          required
          disabled={!!property}
          maxLength={12}
        />
      </Field>
      <Field label={t('property.name')}>
        <input value={draft.name} onInput={bind(field('name'))} required disabled={readOnly} />
      </Field>
      <Field label={t('property.city')}>
        <input value={draft.city} onInput={bind(field('city'))} required disabled={readOnly} />
      </Field>
      <Field label={t('property.hotline')}>
        <input
          value={draft.hotline}
          onInput={bind(field('hotline'))}
          required
          disabled={readOnly}
          type="tel"
        />
      </Field>
      <Field label={t('property.address')} wide>
        <input value={draft.address} onInput={bind(field('address'))} required disabled={readOnly} />
      </Field>
      <Field label={t('property.serviceHours')} hint={t('property.serviceHoursHint')} wide group>
        <HoursEditor value={draft.serviceHours} onChange={field('serviceHours')} disabled={readOnly} />
      </Field>
      <Field label={t('property.billingDay')} hint={t('property.billingDayHint')}>
        <select value={draft.billingDay} onChange={bind(field('billingDay'))} disabled={readOnly}>
          {days.map((d) => (
            <option key={d} value={d}>
              {t('property.dayOfMonth', { n: d })}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('property.dueDay')} hint={t('property.dueDayHint')}>
        <select value={draft.dueDay} onChange={bind(field('dueDay'))} disabled={readOnly}>
          {days.map((d) => (
            <option key={d} value={d}>
              {t('property.dayOfMonth', { n: d })}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('property.timeZone')}>
        <input value={draft.timeZone} onInput={bind(field('timeZone'))} disabled={readOnly} />
      </Field>
      <div class="field-wide">
        <ErrorBox error={error} onRetry={isStale(error) ? onReload : undefined} />
        {savedNotice && !error && <Notice kind="success">{t('common.saved')}</Notice>}
      </div>
      {!readOnly && (
        <div class="field-wide">
          <FormActions
            saving={saving}
            onCancel={onCancel}
            label={property ? t('common.save') : t('common.create')}
          />
        </div>
      )}
    </form>
  );
}
