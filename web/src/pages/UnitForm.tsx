import { useState } from 'preact/hooks';
import { type Building, type Unit, type UnitType, unitTypes } from '../../../functions/contract.ts';
import { dir, isStale } from '../api.ts';
import { bind, ErrorBox, Field, FormActions } from '../components/ui.tsx';
import { formatArea, parseArea } from '../format.ts';
import { t, unitTypeLabel } from '../i18n.ts';

/** Create a unit (in one of `buildings`) or edit one (floor, area, type). */
export function UnitForm({
  propertyId,
  unit,
  buildings,
  defaultBuildingId,
  onSaved,
  onCancel,
  onReload,
}: {
  propertyId: string;
  unit?: Unit;
  buildings: Building[];
  defaultBuildingId?: string;
  onSaved: (u: Unit) => void;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const [buildingId, setBuildingId] = useState(
    unit?.buildingId ?? defaultBuildingId ?? buildings[0]?.id ?? '',
  );
  const [room, setRoom] = useState(unit?.room ?? '');
  const [floor, setFloor] = useState(unit ? String(unit.floor) : '');
  const [area, setArea] = useState(unit ? formatArea(unit.areaSqmX100) : '');
  const [type, setType] = useState<UnitType>(unit?.type ?? 'residential');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [areaError, setAreaError] = useState(false);
  const building = buildings.find((b) => b.id === buildingId);

  const submit = async (e: Event) => {
    e.preventDefault();
    const areaSqmX100 = parseArea(area);
    setAreaError(areaSqmX100 === null);
    if (areaSqmX100 === null) return;
    setSaving(true);
    setError(null);
    try {
      const out = unit
        ? await dir.patch<Unit>(`/properties/${propertyId}/units/${unit.id}`, {
            version: unit.version,
            ...(Number(floor) !== unit.floor ? { floor: Number(floor) } : {}),
            ...(areaSqmX100 !== unit.areaSqmX100 ? { areaSqmX100 } : {}),
            ...(type !== unit.type ? { type } : {}),
          })
        : await dir.post<Unit>(`/properties/${propertyId}/units`, {
            buildingId,
            room: room.trim(),
            floor: Number(floor),
            areaSqmX100,
            type,
          });
      onSaved(out);
    } catch (err) {
      setError(err);
      setSaving(false);
    }
  };

  return (
    <form class="form" onSubmit={submit}>
      <Field label={t('unit.building')}>
        <select value={buildingId} onChange={bind(setBuildingId)} disabled={!!unit} required>
          {buildings.map((b) => (
            <option key={b.id} value={b.id}>
              {b.code} · {b.name}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={t('unit.room')}
        hint={building ? t('unit.roomHint', { code: `${building.code}-${room || '1502'}` }) : undefined}
      >
        <input
          value={room}
          onInput={bind(setRoom)}
          required
          disabled={!!unit}
          maxLength={16}
          placeholder="1502"
        />
      </Field>
      <Field label={t('unit.floor')}>
        <input
          type="number"
          value={floor}
          onInput={bind(setFloor)}
          required
          min={-10}
          max={building?.floors ?? 200}
        />
      </Field>
      <Field label={t('unit.areaSqm')} hint={areaError ? undefined : t('unit.areaHint')}>
        <input value={area} onInput={bind(setArea)} required inputMode="decimal" placeholder="89.50" />
        {areaError && <span class="error-text">{t('unit.areaInvalid')}</span>}
      </Field>
      <Field label={t('unit.type')}>
        <select value={type} onChange={(e) => setType(e.currentTarget.value as UnitType)}>
          {unitTypes.map((ut) => (
            <option key={ut} value={ut}>
              {unitTypeLabel(ut)}
            </option>
          ))}
        </select>
      </Field>
      <ErrorBox error={error} onRetry={isStale(error) ? onReload : undefined} />
      <FormActions saving={saving} onCancel={onCancel} label={unit ? t('common.save') : t('common.create')} />
    </form>
  );
}
