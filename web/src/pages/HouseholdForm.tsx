import { useState } from 'preact/hooks';
import type { Household, Page, Unit } from '../../../functions/contract.ts';
import { dir, isStale } from '../api.ts';
import { bind, ErrorBox, Field, FormActions } from '../components/ui.tsx';
import { normalizeRoomQuery } from '../format.ts';
import { useDebounced, useLoad } from '../hooks.ts';
import { t } from '../i18n.ts';

/** Finds a unit by typing its room code. */
function UnitPicker({
  propertyId,
  value,
  onChange,
}: {
  propertyId: string;
  value: Pick<Unit, 'id' | 'roomCode'> | null;
  onChange: (u: Pick<Unit, 'id' | 'roomCode'> | null) => void;
}) {
  const [text, setText] = useState('');
  const room = normalizeRoomQuery(useDebounced(text, 150));
  const found = useLoad(
    (signal) =>
      room
        ? dir.get<Page<Unit>>(`/properties/${propertyId}/units`, { room, limit: 8 }, signal)
        : Promise.resolve({ items: [], cursor: null }),
    [propertyId, room],
  );
  if (value) {
    return (
      <div class="picked">
        <strong class="mono">{value.roomCode}</strong>
        <button type="button" class="link-btn" onClick={() => onChange(null)}>
          {t('household.changeUnit')}
        </button>
      </div>
    );
  }
  return (
    <div class="picker">
      <input
        value={text}
        onInput={bind(setText)}
        placeholder={t('units.searchPlaceholder')}
        autoComplete="off"
        aria-label={t('household.pickUnit')}
      />
      {room && (
        <ul class="picker-list">
          {found.loading ? (
            <li class="muted">{t('common.loading')}</li>
          ) : found.data?.items.length ? (
            found.data.items.map((u) => (
              <li key={u.id}>
                <button type="button" class="picker-item" onClick={() => onChange(u)}>
                  <span class="mono">{u.roomCode}</span>
                </button>
              </li>
            ))
          ) : (
            <li class="muted">{t('units.noMatch', { q: room })}</li>
          )}
        </ul>
      )}
    </div>
  );
}

/** Register a household (in a given or picked unit), or edit one. */
export function HouseholdForm({
  propertyId,
  household,
  unit,
  onSaved,
  onCancel,
  onReload,
}: {
  propertyId: string;
  household?: Household;
  unit?: Pick<Unit, 'id' | 'roomCode'>;
  onSaved: (h: Household) => void;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const [picked, setPicked] = useState<Pick<Unit, 'id' | 'roomCode'> | null>(
    unit ?? (household ? { id: household.unitId, roomCode: household.roomCode } : null),
  );
  const [kind, setKind] = useState<Household['kind']>(household?.kind ?? 'owner');
  const [name, setName] = useState(household?.name ?? '');
  const [phone, setPhone] = useState('');
  const [moveInDate, setMoveInDate] = useState(household?.moveInDate ?? '');
  const [status, setStatus] = useState<Household['status']>(household?.status ?? 'active');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [needUnit, setNeedUnit] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!picked) {
      setNeedUnit(true);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      let out: Household;
      if (household) {
        const changed: Record<string, unknown> = { version: household.version };
        if (kind !== household.kind) changed.kind = kind;
        if (name.trim() !== household.name) changed.name = name.trim();
        if (phone.trim()) changed.phone = phone.trim();
        if ((moveInDate || null) !== household.moveInDate) changed.moveInDate = moveInDate || null;
        if (status !== household.status) changed.status = status;
        out = await dir.patch<Household>(`/properties/${propertyId}/households/${household.id}`, changed);
      } else {
        out = await dir.post<Household>(`/properties/${propertyId}/households`, {
          unitId: picked.id,
          kind,
          name: name.trim(),
          phone: phone.trim(),
          ...(moveInDate ? { moveInDate } : {}),
          status,
        });
      }
      onSaved(out);
    } catch (err) {
      setError(err);
      setSaving(false);
    }
  };

  return (
    <form class="form" onSubmit={submit}>
      <Field label={t('household.room')} group>
        {household || unit ? (
          <strong class="mono">{picked?.roomCode}</strong>
        ) : (
          <UnitPicker
            propertyId={propertyId}
            value={picked}
            onChange={(u) => {
              setPicked(u);
              setNeedUnit(false);
            }}
          />
        )}
        {needUnit && <span class="error-text">{t('household.pickUnitFirst')}</span>}
      </Field>
      <Field label={t('household.kind')} group>
        <div class="radio-row">
          {(['owner', 'tenant'] as const).map((k) => (
            <label key={k} class="radio">
              <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} />
              {t(`household.${k}`)}
            </label>
          ))}
        </div>
      </Field>
      <Field label={t('household.name')}>
        <input value={name} onInput={bind(setName)} required maxLength={50} />
      </Field>
      <Field
        label={t('household.phone')}
        hint={household ? t('household.phoneKeep', { phone: household.phone }) : t('household.phoneHint')}
      >
        <input
          type="tel"
          value={phone}
          onInput={bind(setPhone)}
          required={!household}
          inputMode="tel"
          pattern="[0-9+\- ]{5,20}"
          placeholder={household ? household.phone : '13800000000'}
        />
      </Field>
      <Field label={t('household.moveIn')}>
        <input type="date" value={moveInDate} onInput={bind(setMoveInDate)} />
      </Field>
      <Field label={t('household.status')}>
        <select value={status} onChange={(e) => setStatus(e.currentTarget.value as Household['status'])}>
          <option value="active">{t('household.active')}</option>
          <option value="moved_out">{t('household.moved_out')}</option>
        </select>
      </Field>
      <ErrorBox error={error} onRetry={isStale(error) ? onReload : undefined} />
      <FormActions
        saving={saving}
        onCancel={onCancel}
        label={household ? t('common.save') : t('household.add')}
      />
    </form>
  );
}
