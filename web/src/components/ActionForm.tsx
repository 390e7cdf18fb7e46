import { useState } from 'preact/hooks';
import type { Staff } from '../../../functions/contract.ts';
import { parseYuan, zonedInputToIso } from '../format.ts';
import { t, tOr } from '../i18n.ts';
import { propertyTimeZone } from '../state.ts';
import type { FormField } from '../tickets/api.ts';
import { PhotoPicker } from './PhotoPicker.tsx';
import { Field, Spinner } from './ui.tsx';

type Values = Record<string, unknown>;

const fieldLabel = (f: FormField) =>
  `${tOr(`field.${f.name}`, f.name)}${f.required ? '' : t('ticket.optional')}`;

/**
 * What the form holds, as the action's input: empty optional fields left out, times as ISO instants
 * (typed as the wall clock of the property's time zone, whatever the browser's is).
 */
function toInput(fields: FormField[], values: Values, timeZone: string): Values {
  const out: Values = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.type === 'attachments') {
      if (f.required || (v as string[] | undefined)?.length) out[f.name] = v ?? [];
      continue;
    }
    if (f.type === 'attachment') {
      const [id] = (v as string[] | undefined) ?? [];
      if (id) out[f.name] = id;
      continue;
    }
    if (f.type === 'object') {
      if (v) out[f.name] = toInput(f.fields ?? [], (values[`${f.name}.values`] as Values) ?? {}, timeZone);
      continue;
    }
    if (v === undefined || v === '' || v === null) continue;
    if (f.type === 'datetime') out[f.name] = zonedInputToIso(String(v), timeZone) ?? v;
    else if (f.type === 'cents') out[f.name] = parseYuan(String(v)) ?? v;
    else if (f.type === 'integer' || f.type === 'number') out[f.name] = Number(v);
    else out[f.name] = v;
  }
  return out;
}

/** Lists (a repair's materials) are not asked for here: the machine's default (none) applies. */
const shown = (f: FormField) => f.type !== 'list';

/** Where uploads go and whether one is still running (the submit waits for it). */
interface Uploads {
  propertyId: string;
  onBusy: (field: string, busy: boolean) => void;
}

function Control({
  field,
  value,
  set,
  staff,
  idPrefix,
  uploads,
}: {
  field: FormField;
  value: unknown;
  set: (v: unknown) => void;
  staff: Staff[];
  idPrefix: string;
  uploads: Uploads;
}) {
  const name = `${idPrefix}${field.name}`;
  switch (field.type) {
    case 'attachment':
    case 'attachments':
      return (
        <PhotoPicker
          propertyId={uploads.propertyId}
          value={(value as string[] | undefined) ?? []}
          onChange={set}
          onBusyChange={(busy) => uploads.onBusy(name, busy)}
          max={field.type === 'attachment' ? 1 : undefined}
          label={fieldLabel(field)}
        />
      );
    case 'boolean':
      return (
        <Field label={fieldLabel(field)} group>
          <div class="choice-row">
            {[true, false].map((b) => (
              <label key={String(b)} class={`choice${value === b ? ' choice-on' : ''}`}>
                <input
                  type="radio"
                  name={name}
                  required={field.required}
                  checked={value === b}
                  onChange={() => set(b)}
                  data-field={field.name}
                  value={String(b)}
                />
                {b ? t('ticket.yes') : t('ticket.no')}
              </label>
            ))}
          </div>
        </Field>
      );
    case 'choice':
      return (
        <Field label={fieldLabel(field)} group>
          <div class="choice-row">
            {(field.options ?? []).map((o) => (
              <label key={o} class={`choice${value === o ? ' choice-on' : ''}`}>
                <input
                  type="radio"
                  name={name}
                  required={field.required}
                  checked={value === o}
                  onChange={() => set(o)}
                  data-field={field.name}
                  value={o}
                />
                {tOr(`option.${o}`, o)}
              </label>
            ))}
          </div>
        </Field>
      );
    case 'staff': {
      const people =
        field.name === 'technicianId' ? staff.filter((s) => s.roles.includes('technician')) : staff;
      return (
        <Field label={fieldLabel(field)}>
          <select
            name={field.name}
            required={field.required}
            value={String(value ?? '')}
            onChange={(e) => set(e.currentTarget.value)}
          >
            <option value="">{t('ticket.pickStaff')}</option>
            {people.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
      );
    }
    case 'datetime':
      return (
        <Field label={fieldLabel(field)}>
          <input
            type="datetime-local"
            name={field.name}
            required={field.required}
            value={String(value ?? '')}
            onInput={(e) => set(e.currentTarget.value)}
          />
        </Field>
      );
    case 'longText':
      return (
        <Field label={fieldLabel(field)}>
          <textarea
            name={field.name}
            rows={3}
            required={field.required}
            maxLength={field.maxLength}
            value={String(value ?? '')}
            onInput={(e) => set(e.currentTarget.value)}
          />
        </Field>
      );
    case 'cents':
      return (
        <Field label={`${fieldLabel(field)}（${t('ticket.yuan')}）`}>
          <input
            name={field.name}
            inputMode="decimal"
            pattern="\d{1,7}(\.\d{1,2})?"
            required={field.required}
            value={String(value ?? '')}
            onInput={(e) => set(e.currentTarget.value)}
          />
        </Field>
      );
    case 'integer':
    case 'number':
      return (
        <Field label={fieldLabel(field)}>
          <input
            type="number"
            name={field.name}
            min={0}
            required={field.required}
            value={String(value ?? '')}
            onInput={(e) => set(e.currentTarget.value)}
          />
        </Field>
      );
    default:
      return (
        <Field label={fieldLabel(field)}>
          <input
            name={field.name}
            required={field.required}
            maxLength={field.maxLength}
            value={String(value ?? '')}
            onInput={(e) => set(e.currentTarget.value)}
          />
        </Field>
      );
  }
}

function Fields({
  fields,
  values,
  onChange,
  staff,
  idPrefix,
  uploads,
}: {
  fields: FormField[];
  values: Values;
  onChange: (v: Values) => void;
  staff: Staff[];
  idPrefix: string;
  uploads: Uploads;
}) {
  return (
    <>
      {fields.filter(shown).map((f) =>
        f.type === 'object' ? (
          <div key={f.name} class="action-subform">
            <label class="check">
              <input
                type="checkbox"
                data-field={f.name}
                checked={!!values[f.name]}
                onChange={(e) => onChange({ ...values, [f.name]: e.currentTarget.checked })}
              />
              {tOr(`field.${f.name}`, f.name)}
            </label>
            {!!values[f.name] && (
              <Fields
                fields={f.fields ?? []}
                values={(values[`${f.name}.values`] as Values) ?? {}}
                onChange={(v) => onChange({ ...values, [`${f.name}.values`]: v })}
                staff={staff}
                idPrefix={`${idPrefix}${f.name}.`}
                uploads={uploads}
              />
            )}
          </div>
        ) : (
          <Control
            key={f.name}
            field={f}
            value={values[f.name]}
            set={(v) => onChange({ ...values, [f.name]: v })}
            staff={staff}
            idPrefix={idPrefix}
            uploads={uploads}
          />
        ),
      )}
    </>
  );
}

/** The input form of one ticket action, built from the machine's input schema (GET /api/tickets/kinds). */
export function ActionForm({
  propertyId,
  action,
  label,
  fields,
  staff,
  busy,
  onSubmit,
  onCancel,
}: {
  propertyId: string;
  action: string;
  label: string;
  fields: FormField[];
  staff: Staff[];
  busy: boolean;
  onSubmit: (input: Values) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Values>({});
  const [uploading, setUploading] = useState<Set<string>>(new Set());
  const uploads: Uploads = {
    propertyId,
    onBusy: (field, on) =>
      setUploading((current) => {
        const next = new Set(current);
        if (on) next.add(field);
        else next.delete(field);
        return next;
      }),
  };
  return (
    <form
      class="action-form card"
      data-action={action}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(toInput(fields, values, propertyTimeZone(propertyId)));
      }}
    >
      <h3>{label}</h3>
      <Fields
        fields={fields}
        values={values}
        onChange={setValues}
        staff={staff}
        idPrefix={`${action}.`}
        uploads={uploads}
      />
      <div class="action-form-buttons">
        <button type="submit" class="btn btn-primary btn-large" disabled={busy || uploading.size > 0}>
          {busy && <Spinner />}
          {t('ticket.submit', { action: label })}
        </button>
        <button type="button" class="btn btn-large" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
