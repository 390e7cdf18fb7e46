import './billing-run.css';
import { useState } from 'preact/hooks';
import { parseRate, rateText } from '../../../functions/billing/money.ts';
import {
  type FeeBasis,
  type FeeItem,
  type FeeStandard,
  type FeeStandardVersion,
  feeBases,
  feeItems,
  type MeterReading,
} from '../../../functions/billing/records.ts';
import { versionFor } from '../../../functions/billing/standards/versions.ts';
import type { UnitType } from '../../../functions/contract.ts';
import { unitTypes } from '../../../functions/directory/enums.ts';
import { dir, isNotFound, isStale, request } from '../api.ts';
import {
  Badge,
  bind,
  Empty,
  ErrorBox,
  Field,
  FormActions,
  Loading,
  Modal,
  NoAccess,
  Notice,
  PageHeader,
  Spinner,
} from '../components/ui.tsx';
import { isoToZonedInput } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { formatDateTime, type MsgKey, t, unitTypeLabel } from '../i18n.ts';
import { can, propertyTimeZone } from '../state.ts';
import { itemLabel, rateWithUnit, reads } from './labels.ts';
import { MonthSelect, shiftMonth } from './report-kit.tsx';

function vacancyText(pct: number) {
  if (pct === 100) return t('standards.vacantFull');
  if (pct === 0) return t('standards.vacantExempt');
  return t('standards.vacantText', { pct });
}

/** The meter a version reads, in words: a household's own water meter, or the common meter by number. */
function meterText(v: FeeStandardVersion) {
  if (!v.meter) return '';
  return v.basis === 'meter' ? ownMeterLabel(v.meter) : v.meter;
}
const ownMeters = ['water', 'electricity', 'gas'] as const;
const ownMeterLabel = (m: string) =>
  (ownMeters as readonly string[]).includes(m) ? t(`meter.${m as (typeof ownMeters)[number]}`) : m;

const meterPattern = /^[A-Za-z0-9-]{1,40}$/;

type VersionBody = Omit<FeeStandardVersion, 'changedBy' | 'changedAt'>;

/** The fields of one version, for a new standard (with item and name) or a change of one. */
function StandardForm({
  standard,
  month,
  onSave,
  onCancel,
}: {
  standard?: FeeStandard;
  month: string;
  /** The version's fields, and for a new standard its item and name. */
  onSave: (version: VersionBody, named: { item: FeeItem; name: string }) => Promise<void>;
  onCancel: () => void;
}) {
  const latest = standard?.versions.at(-1);
  const [item, setItem] = useState<FeeItem>(standard?.item ?? 'management');
  const [name, setName] = useState(standard?.name ?? '');
  const [basis, setBasis] = useState<FeeBasis>(latest?.basis ?? 'area');
  const [rate, setRate] = useState(latest ? rateText(latest.rate).slice(1) : '');
  const [types, setTypes] = useState<string[]>(latest?.unitTypes ?? ['residential']);
  const [vacant, setVacant] = useState(String(latest?.vacantPercent ?? 100));
  const [meter, setMeter] = useState(latest?.meter ?? '');
  const [effectiveFrom, setEffectiveFrom] = useState(month);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState<MsgKey | null>(null);

  // A household's meter is one of the kinds; a common meter's number from a shared basis is not one.
  const householdMeter = (ownMeters as readonly string[]).includes(meter) ? meter : 'water';
  const submit = async (e: Event) => {
    e.preventDefault();
    const parsed = parseRate(rate);
    const pct = /^\d{1,3}$/.test(vacant.trim()) ? Number(vacant) : -1;
    const ownMeter = basis === 'meter' ? householdMeter : meter.trim();
    const problem: MsgKey | null = !parsed
      ? 'standards.rateInvalid'
      : pct < 0 || pct > 100
        ? 'standards.vacantInvalid'
        : reads(basis) && !meterPattern.test(ownMeter)
          ? 'standards.meterInvalid'
          : null;
    setInvalid(problem);
    if (problem || !parsed) return;
    setSaving(true);
    setError(null);
    try {
      await onSave(
        {
          effectiveFrom,
          rate: parsed,
          basis,
          unitTypes: types,
          ...(latest?.unitIds?.length ? { unitIds: latest.unitIds } : {}),
          vacantPercent: pct,
          ...(reads(basis) ? { meter: ownMeter } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
        { item, name: name.trim() },
      );
    } catch (err) {
      setError(err);
      setSaving(false);
    }
  };
  const toggle = (type: UnitType, on: boolean) =>
    setTypes((now) => (on ? [...now, type] : now.filter((x) => x !== type)));

  return (
    <form class="form form-grid" onSubmit={submit} data-testid="standard-form">
      {!standard && (
        <>
          <Field label={t('standards.item')}>
            <select value={item} onChange={(e) => setItem(e.currentTarget.value as FeeItem)}>
              {/* Paid services are billed from the tickets that confirmed them, not from a standard. */}
              {feeItems
                .filter((i) => i !== 'service')
                .map((i) => (
                  <option key={i} value={i}>
                    {itemLabel(i)}
                  </option>
                ))}
            </select>
          </Field>
          <Field label={t('standards.name')} hint={t('standards.nameHint')}>
            <input value={name} onInput={bind(setName)} required maxLength={40} data-testid="standard-name" />
          </Field>
        </>
      )}
      <Field label={t('standards.basis')}>
        <select
          value={basis}
          onChange={(e) => setBasis(e.currentTarget.value as FeeBasis)}
          data-testid="standard-basis"
        >
          {feeBases.map((b) => (
            <option key={b} value={b}>
              {t(`basis.${b}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('standards.rate')} hint={t('standards.rateHint')}>
        <input
          value={rate}
          onInput={bind(setRate)}
          inputMode="decimal"
          required
          data-testid="standard-rate"
        />
      </Field>
      {basis === 'meter' && (
        <Field label={t('standards.meterKind')}>
          <select value={householdMeter} onChange={(e) => setMeter(e.currentTarget.value)}>
            {ownMeters.map((m) => (
              <option key={m} value={m}>
                {ownMeterLabel(m)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {basis.startsWith('shared') && (
        <Field label={t('standards.commonMeter')} hint={t('standards.commonMeterHint')}>
          <input value={meter} onInput={bind(setMeter)} required maxLength={40} />
        </Field>
      )}
      <Field label={t('standards.effectiveFrom')}>
        <MonthSelect
          value={effectiveFrom}
          latest={shiftMonth(month, 24)}
          count={48}
          onChange={setEffectiveFrom}
          testId="standard-from"
        />
      </Field>
      <Field label={t('standards.vacant')} hint={t('standards.vacantHint')}>
        <input type="number" min={0} max={100} step={1} value={vacant} onInput={bind(setVacant)} required />
      </Field>
      <Field label={t('standards.unitTypes')} hint={t('standards.unitTypesHint')} group wide>
        <div class="check-row">
          {unitTypes.map((type) => (
            <label class="check" key={type}>
              <input
                type="checkbox"
                checked={types.includes(type)}
                onChange={(e) => toggle(type, e.currentTarget.checked)}
              />
              {unitTypeLabel(type)}
            </label>
          ))}
        </div>
      </Field>
      <Field label={t('standards.note')} hint={t('standards.noteHint')} wide>
        <input value={note} onInput={bind(setNote)} maxLength={200} />
      </Field>
      <div class="field-wide">
        {invalid && (
          <div class="error-text" role="alert">
            {t(invalid)}
          </div>
        )}
        <ErrorBox error={error} />
        <FormActions saving={saving} onCancel={onCancel} />
      </div>
    </form>
  );
}

/** 录入读数: a household's meter (found by room) or the common meter a standard shares. */
function ReadingForm({
  propertyId,
  version,
  month,
  onDone,
  onCancel,
}: {
  propertyId: string;
  version: FeeStandardVersion;
  month: string;
  onDone: (reading: MeterReading) => void;
  onCancel: () => void;
}) {
  const own = version.basis === 'meter';
  const [room, setRoom] = useState('');
  const [period, setPeriod] = useState(month);
  const [value, setValue] = useState('');
  const [previous, setPrevious] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState<string | null>(null);
  const whole = (s: string) => (/^\d{1,10}$/.test(s.trim()) ? Number(s) : null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const reading = whole(value);
    const before = previous.trim() ? whole(previous) : undefined;
    if (reading === null || before === null) return setInvalid(t('reading.invalid'));
    setInvalid(null);
    setSaving(true);
    setError(null);
    try {
      let unitId: string | undefined;
      if (own) {
        const found = await dir.page<{ id: string; roomCode: string }>(`/properties/${propertyId}/units`, {
          room: room.trim(),
          limit: 5,
        });
        unitId = found.items.find((u) => u.roomCode === room.trim())?.id;
        if (!unitId) {
          setSaving(false);
          return setInvalid(t('reading.roomUnknown', { room: room.trim() }));
        }
      }
      const saved = await request<MeterReading>(`/api/billing/properties/${propertyId}/meter-readings`, {
        method: 'POST',
        json: {
          meter: version.meter,
          month: period,
          reading,
          ...(unitId ? { unitId } : {}),
          ...(before !== undefined ? { previousReading: before } : {}),
        },
      });
      onDone(saved);
    } catch (err) {
      setError(err);
      setSaving(false);
    }
  };
  return (
    <form class="form" onSubmit={submit} data-testid="reading-form">
      {own && (
        <Field label={t('reading.room')} hint={t('reading.roomHint')}>
          <input value={room} onInput={bind(setRoom)} required maxLength={24} />
        </Field>
      )}
      <Field label={t('reading.month')}>
        <MonthSelect value={period} latest={month} count={13} onChange={setPeriod} />
      </Field>
      <Field label={t('reading.value')}>
        <input
          value={value}
          onInput={bind(setValue)}
          inputMode="numeric"
          required
          data-testid="reading-value"
        />
      </Field>
      <Field label={t('reading.previous')} hint={t('reading.previousHint')}>
        <input value={previous} onInput={bind(setPrevious)} inputMode="numeric" />
      </Field>
      {invalid && (
        <div class="error-text" role="alert">
          {invalid}
        </div>
      )}
      <ErrorBox error={error} />
      <FormActions saving={saving} onCancel={onCancel} label={t('reading.save')} />
    </form>
  );
}

function VersionStatus({ standard, index, month }: { standard: FeeStandard; index: number; month: string }) {
  const v = standard.versions[index]!;
  if (v.effectiveFrom > month) return <Badge tone="amber">{t('standards.upcoming')}</Badge>;
  if (versionFor(standard, month) === v)
    return <Badge tone={standard.active ? 'green' : 'gray'}>{t('standards.current')}</Badge>;
  return <Badge tone="gray">{t('standards.replaced')}</Badge>;
}

function StandardCard({
  standard,
  month,
  timeZone,
  writable,
  onChange,
  onDeactivate,
  onReading,
}: {
  standard: FeeStandard;
  month: string;
  timeZone: string;
  writable: boolean;
  onChange: () => void;
  onDeactivate: () => void;
  onReading: () => void;
}) {
  const latest = standard.versions.at(-1)!;
  const current = versionFor(standard, month) ?? latest;
  return (
    <section class="card standard-card" data-testid="standard" data-name={standard.name}>
      <div class="section-head">
        <div>
          <h2>
            {standard.name} {!standard.active && <Badge tone="gray">{t('standards.inactive')}</Badge>}
          </h2>
          <div class="muted">
            {itemLabel(standard.item)} · {t(`basis.${current.basis}`)}
            {current.meter ? ` · ${meterText(current)}` : ''} ·{' '}
            <strong data-testid="standard-rate-now">{rateWithUnit(current, standard.item)}</strong>
            {current.effectiveFrom > month && ` · ${t('standards.notYet', { month: current.effectiveFrom })}`}
          </div>
        </div>
        {writable && standard.active && (
          <div class="page-actions">
            {reads(latest.basis) && (
              <button type="button" class="btn" onClick={onReading}>
                {t('reading.enter')}
              </button>
            )}
            <button type="button" class="btn" onClick={onChange} data-testid="standard-change">
              {t('standards.change')}
            </button>
            <button type="button" class="btn btn-ghost" onClick={onDeactivate}>
              {t('standards.deactivate')}
            </button>
          </div>
        )}
      </div>
      <div class="table-wrap">
        <table class="table" data-testid="standard-versions">
          <thead>
            <tr>
              <th>{t('standards.effectiveFrom')}</th>
              <th>{t('standards.basis')}</th>
              <th>{t('standards.rate')}</th>
              <th>{t('standards.unitTypes')}</th>
              <th>{t('standards.vacant')}</th>
              <th>{t('standards.note')}</th>
              <th>{t('standards.history')}</th>
            </tr>
          </thead>
          <tbody>
            {standard.versions.map((v, i) => (
              <tr key={v.effectiveFrom}>
                <td class="nowrap">
                  {t('standards.from', { month: v.effectiveFrom })}{' '}
                  <VersionStatus standard={standard} index={i} month={month} />
                </td>
                <td>
                  {t(`basis.${v.basis}`)}
                  {v.meter ? `（${meterText(v)}）` : ''}
                </td>
                <td class="nowrap">{rateWithUnit(v, standard.item)}</td>
                <td>
                  {v.unitTypes?.length ? v.unitTypes.map(unitTypeLabel).join('、') : t('standards.allTypes')}
                </td>
                <td>{vacancyText(v.vacantPercent)}</td>
                <td>{v.note ?? ''}</td>
                <td class="small muted">
                  {t('standards.changedBy', { name: v.changedBy, at: formatDateTime(v.changedAt, timeZone) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

type Editing = { kind: 'new' } | { kind: 'change' | 'deactivate' | 'reading'; standard: FeeStandard } | null;

/** 收费标准: every fee standard of the property with its history; finance adds, changes and stops them. */
export default function FeeStandards({ propertyId }: { propertyId: string }) {
  const base = `/api/billing/properties/${propertyId}`;
  const list = useLoad(
    (signal) => request<{ items: FeeStandard[] }>(`${base}/fee-standards`, { signal }),
    [propertyId],
  );
  const timeZone = propertyTimeZone(propertyId);
  const month = isoToZonedInput(Date.now(), timeZone).slice(0, 7);
  const writable = can('billing.configure');
  const [editing, setEditing] = useState<Editing>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (isNotFound(list.error)) return <NoAccess />;

  const saved = (message: string) => {
    setEditing(null);
    setDone(message);
    list.reload();
  };
  const create = async (v: VersionBody, named: { item: FeeItem; name: string }) => {
    await request(`${base}/fee-standards`, { method: 'POST', json: { ...named, ...v } });
    saved(t('standards.created', { name: named.name }));
  };
  const change = (standard: FeeStandard) => async (v: VersionBody) => {
    await request(`${base}/fee-standards/${standard.id}/versions`, {
      method: 'POST',
      json: { version: standard.version, ...v },
    });
    saved(t('standards.changed', { name: standard.name, month: v.effectiveFrom }));
  };
  const deactivate = async (standard: FeeStandard) => {
    setBusy(true);
    setError(null);
    try {
      await request(`${base}/fee-standards/${standard.id}/deactivate`, {
        method: 'POST',
        json: { version: standard.version },
      });
      saved(t('standards.deactivated', { name: standard.name }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setEditing(null);
    setError(null);
  };
  const items = list.data?.items ?? [];
  // In use first, in the order of the items on the request; stopped ones last.
  const sorted = [...items].sort(
    (a, b) =>
      Number(b.active) - Number(a.active) ||
      feeItems.indexOf(a.item) - feeItems.indexOf(b.item) ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );

  return (
    <div class="page" data-testid="fee-standards">
      <PageHeader title={t('standards.title')} subtitle={t('standards.subtitle')}>
        {writable && (
          <button
            type="button"
            class="btn btn-primary"
            onClick={() => setEditing({ kind: 'new' })}
            data-testid="standard-add"
          >
            + {t('standards.add')}
          </button>
        )}
      </PageHeader>
      {!writable && <Notice>{t('standards.readOnly')}</Notice>}
      {done && <Notice kind="success">{done}</Notice>}
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? (
        <Loading />
      ) : !items.length && !list.error ? (
        <Empty title={t('standards.empty')} hint={t('standards.emptyHint')} />
      ) : (
        <div class="standard-list">
          {sorted.map((s) => (
            <StandardCard
              key={s.id}
              standard={s}
              month={month}
              timeZone={timeZone}
              writable={writable}
              onChange={() => setEditing({ kind: 'change', standard: s })}
              onDeactivate={() => setEditing({ kind: 'deactivate', standard: s })}
              onReading={() => setEditing({ kind: 'reading', standard: s })}
            />
          ))}
        </div>
      )}
      {editing?.kind === 'new' && (
        <Modal title={t('standards.addTitle')} onClose={close} wide>
          <StandardForm month={month} onSave={create} onCancel={close} />
        </Modal>
      )}
      {editing?.kind === 'change' && (
        <Modal title={t('standards.changeTitle', { name: editing.standard.name })} onClose={close} wide>
          <p class="muted">{t('standards.changeHint')}</p>
          <StandardForm
            standard={editing.standard}
            month={nextMonth(editing.standard.versions.at(-1)!.effectiveFrom, month)}
            onSave={change(editing.standard)}
            onCancel={close}
          />
        </Modal>
      )}
      {editing?.kind === 'deactivate' && (
        <Modal title={t('standards.deactivateTitle', { name: editing.standard.name })} onClose={close}>
          <p>{t('standards.deactivateText')}</p>
          <ErrorBox error={error} onRetry={isStale(error) ? list.reload : undefined} />
          <div class="form-actions">
            <button type="button" class="btn" onClick={close}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              class="btn btn-primary"
              disabled={busy}
              onClick={() => deactivate(editing.standard)}
              data-testid="standard-deactivate-confirm"
            >
              {busy && <Spinner />}
              {busy ? t('standards.deactivating') : t('standards.deactivate')}
            </button>
          </div>
        </Modal>
      )}
      {editing?.kind === 'reading' && (
        <Modal
          title={t('reading.title', { meter: meterText(editing.standard.versions.at(-1)!) })}
          onClose={close}
        >
          <ReadingForm
            propertyId={propertyId}
            version={editing.standard.versions.at(-1)!}
            month={month}
            onCancel={close}
            onDone={(r) => {
              setEditing(null);
              setDone(t('reading.saved', { month: r.period, text: r.consumptionText }));
            }}
          />
        </Modal>
      )}
    </div>
  );
}

/** The month a change is offered from: the month after the latest version, and never before this one. */
function nextMonth(latest: string, now: string) {
  const after = shiftMonth(latest, 1);
  return after > now ? after : now;
}
