import { useState } from 'preact/hooks';
import {
  type Department,
  departments,
  type Role,
  roles,
  type Staff,
  staffLanguages,
} from '../../../functions/contract.ts';
import { dir, isNotFound, isStale } from '../api.ts';
import {
  Badge,
  bind,
  Empty,
  ErrorBox,
  Field,
  FormActions,
  Loading,
  LoadMore,
  Modal,
  NoAccess,
  PageHeader,
} from '../components/ui.tsx';
import { useLoad, usePaged } from '../hooks.ts';
import { departmentLabel, roleLabel, t } from '../i18n.ts';
import { can, isHeadOffice, me } from '../state.ts';

type Language = (typeof staffLanguages)[number];

function StaffForm({
  propertyId,
  staff,
  onSaved,
  onCancel,
  onReload,
}: {
  propertyId: string;
  staff?: Staff;
  onSaved: (s: Staff) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const [name, setName] = useState(staff?.name ?? '');
  const [email, setEmail] = useState(staff?.email ?? '');
  const [phone, setPhone] = useState('');
  const [department, setDepartment] = useState<Department>(staff?.department ?? 'customer_service');
  const [picked, setPicked] = useState<Role[]>(staff?.roles ?? ['front_desk']);
  const [propertyIds, setPropertyIds] = useState<string[]>(staff?.propertyIds ?? [propertyId]);
  const [active, setActive] = useState(staff?.active ?? true);
  const [language, setLanguage] = useState<Language>(staff?.language ?? 'zh-CN');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const offered = roles.filter((r) => r !== 'head_office' || isHeadOffice.value);
  const properties = me.value?.properties ?? [];
  const toggle = <T,>(list: T[], item: T, on: boolean) =>
    on ? [...list, item] : list.filter((x) => x !== item);

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      let out: Staff;
      if (staff) {
        const changed: Record<string, unknown> = { version: staff.version };
        if (name.trim() !== staff.name) changed.name = name.trim();
        if (phone.trim()) changed.phone = phone.trim();
        if (department !== staff.department) changed.department = department;
        if (JSON.stringify([...picked].sort()) !== JSON.stringify([...staff.roles].sort()))
          changed.roles = picked;
        if (
          staff.propertyIds &&
          JSON.stringify([...propertyIds].sort()) !== JSON.stringify([...staff.propertyIds].sort())
        )
          changed.propertyIds = propertyIds;
        if (active !== staff.active) changed.active = active;
        if (language !== (staff.language ?? 'zh-CN')) changed.language = language;
        out = await dir.patch<Staff>(`/staff/${staff.id}`, changed);
      } else {
        out = await dir.post<Staff>('/staff', {
          name: name.trim(),
          email: email.trim(),
          phone: phone.trim(),
          department,
          roles: picked,
          propertyIds,
          language,
        });
      }
      onSaved(out);
    } catch (err) {
      setError(err);
      setSaving(false);
    }
  };

  return (
    <form class="form form-grid" onSubmit={submit}>
      <Field label={t('staff.name')}>
        <input value={name} onInput={bind(setName)} required maxLength={50} />
      </Field>
      <Field label={t('staff.email')} hint={staff ? undefined : t('staff.emailHint')}>
        <input type="email" value={email} onInput={bind(setEmail)} required disabled={!!staff} />
      </Field>
      <Field
        label={t('staff.phone')}
        hint={staff ? t('household.phoneKeep', { phone: staff.phone }) : undefined}
      >
        <input type="tel" value={phone} onInput={bind(setPhone)} required={!staff} inputMode="tel" />
      </Field>
      <Field label={t('staff.department')}>
        <select value={department} onChange={(e) => setDepartment(e.currentTarget.value as Department)}>
          {departments.map((d) => (
            <option key={d} value={d}>
              {departmentLabel(d)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('staff.language')} hint={t('staff.languageHint')}>
        <select
          value={language}
          onChange={(e) => setLanguage(e.currentTarget.value as Language)}
          data-testid="staff-language"
        >
          {staffLanguages.map((l) => (
            <option key={l} value={l}>
              {l === 'en' ? 'English' : '中文'}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('staff.roles')} wide group>
        <div class="check-row">
          {offered.map((r) => (
            <label key={r} class="check">
              <input
                type="checkbox"
                checked={picked.includes(r)}
                onChange={(e) => setPicked(toggle(picked, r, e.currentTarget.checked))}
              />
              {roleLabel(r)}
            </label>
          ))}
        </div>
      </Field>
      {(!staff || staff.propertyIds) && properties.length > 1 && (
        <Field label={t('staff.properties')} wide group>
          <div class="check-row">
            {properties.map((p) => (
              <label key={p.id} class="check">
                <input
                  type="checkbox"
                  checked={propertyIds.includes(p.id)}
                  onChange={(e) => setPropertyIds(toggle(propertyIds, p.id, e.currentTarget.checked))}
                />
                {p.name}
              </label>
            ))}
          </div>
        </Field>
      )}
      {staff && (
        <Field label={t('staff.status')} group>
          <label class="check">
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
            {t('staff.active')}
          </label>
        </Field>
      )}
      <div class="field-wide">
        <ErrorBox error={error} onRetry={isStale(error) ? onReload : undefined} />
        <FormActions
          saving={saving}
          onCancel={onCancel}
          label={staff ? t('common.save') : t('common.create')}
        />
      </div>
    </form>
  );
}

/** Loads the full staff record (with memberships) before editing. */
function EditStaff({
  propertyId,
  staffId,
  onSaved,
  onCancel,
}: {
  propertyId: string;
  staffId: string;
  onSaved: (s: Staff) => void;
  onCancel: () => void;
}) {
  const full = useLoad((signal) => dir.get<Staff>(`/staff/${staffId}`, undefined, signal), [staffId]);
  if (full.loading) return <Loading />;
  if (!full.data) return <ErrorBox error={full.error} onRetry={full.reload} />;
  return (
    <StaffForm
      key={full.data.version}
      propertyId={propertyId}
      staff={full.data}
      onSaved={onSaved}
      onCancel={onCancel}
      onReload={full.reload}
    />
  );
}

export default function StaffPage({ propertyId }: { propertyId: string }) {
  const list = usePaged<Staff>(
    (cursor, signal) => dir.page(`/properties/${propertyId}/staff`, { cursor, limit: 50 }, signal),
    [propertyId],
  );
  const [editing, setEditing] = useState<Staff | 'new' | null>(null);
  const canWrite = can('staff.write');
  if (isNotFound(list.error)) return <NoAccess />;
  const close = () => setEditing(null);

  return (
    <div class="page">
      <PageHeader title={t('nav.staff')} subtitle={t('staff.subtitle')}>
        {canWrite && (
          <button type="button" class="btn btn-primary" onClick={() => setEditing('new')}>
            + {t('staff.add')}
          </button>
        )}
      </PageHeader>
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.loading ? (
        <Loading />
      ) : !list.items.length && !list.error ? (
        <Empty title={t('staff.empty')} />
      ) : (
        <div class="table-wrap card">
          <table class="table">
            <thead>
              <tr>
                <th>{t('staff.name')}</th>
                <th>{t('staff.department')}</th>
                <th>{t('staff.roles')}</th>
                <th>{t('staff.phone')}</th>
                <th class="hide-narrow">{t('staff.email')}</th>
                <th>{t('staff.status')}</th>
                {canWrite && <th class="actions-col">{t('common.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {list.items.map((s) => (
                <tr key={s.id} class={s.active ? '' : 'row-muted'}>
                  <td class="strong">{s.name}</td>
                  <td>{departmentLabel(s.department)}</td>
                  <td>{s.roles.map((r) => roleLabel(r)).join('、')}</td>
                  <td class="mono">{s.phone || '—'}</td>
                  <td class="hide-narrow small">{s.email}</td>
                  <td>
                    <Badge tone={s.active ? 'green' : 'gray'}>
                      {s.active ? t('staff.active') : t('staff.inactive')}
                    </Badge>
                  </td>
                  {canWrite && (
                    <td class="actions-col">
                      <button type="button" class="link-btn" onClick={() => setEditing(s)}>
                        {t('common.edit')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore list={list} />
        </div>
      )}
      {editing && (
        <Modal
          title={editing === 'new' ? t('staff.add') : t('staff.edit', { name: editing.name })}
          onClose={close}
          wide
        >
          {editing === 'new' ? (
            <StaffForm
              propertyId={propertyId}
              onCancel={close}
              onReload={list.reload}
              onSaved={() => {
                close();
                list.reload();
              }}
            />
          ) : (
            <EditStaff
              propertyId={propertyId}
              staffId={editing.id}
              onCancel={close}
              onSaved={(s) => {
                close();
                list.replace({ ...editing, ...s }, (x) => x.id === s.id);
              }}
            />
          )}
        </Modal>
      )}
    </div>
  );
}
