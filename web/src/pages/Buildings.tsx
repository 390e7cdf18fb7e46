import { useState } from 'preact/hooks';
import type { Building } from '../../../functions/contract.ts';
import { dir, isNotFound, isStale } from '../api.ts';
import {
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
import { usePaged } from '../hooks.ts';
import { t } from '../i18n.ts';
import { can } from '../state.ts';

function BuildingForm({
  propertyId,
  building,
  onSaved,
  onCancel,
  onReload,
}: {
  propertyId: string;
  building?: Building;
  onSaved: (b: Building) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const [code, setCode] = useState(building?.code ?? '');
  const [name, setName] = useState(building?.name ?? '');
  const [floors, setFloors] = useState(String(building?.floors ?? ''));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const out = building
        ? await dir.patch<Building>(`/properties/${propertyId}/buildings/${building.id}`, {
            version: building.version,
            ...(name.trim() !== building.name ? { name: name.trim() } : {}),
            ...(Number(floors) !== building.floors ? { floors: Number(floors) } : {}),
          })
        : await dir.post<Building>(`/properties/${propertyId}/buildings`, {
            code: code.trim(),
            name: name.trim(),
            floors: Number(floors),
          });
      onSaved(out);
    } catch (err) {
      setError(err);
      setSaving(false);
    }
  };
  return (
    <form class="form" onSubmit={submit}>
      <Field label={t('building.code')} hint={building ? undefined : t('building.codeHint')}>
        <input value={code} onInput={bind(setCode)} required disabled={!!building} maxLength={16} />
      </Field>
      <Field label={t('building.name')}>
        <input value={name} onInput={bind(setName)} required placeholder={t('building.namePlaceholder')} />
      </Field>
      <Field label={t('building.floors')}>
        <input type="number" min={1} max={200} value={floors} onInput={bind(setFloors)} required />
      </Field>
      <ErrorBox error={error} onRetry={isStale(error) ? onReload : undefined} />
      <FormActions
        saving={saving}
        onCancel={onCancel}
        label={building ? t('common.save') : t('common.create')}
      />
    </form>
  );
}

export default function Buildings({ propertyId }: { propertyId: string }) {
  const list = usePaged<Building>(
    (cursor, signal) => dir.page(`/properties/${propertyId}/buildings`, { cursor }, signal),
    [propertyId],
  );
  const [editing, setEditing] = useState<Building | 'new' | null>(null);
  const writable = can('building.write');
  if (isNotFound(list.error)) return <NoAccess />;

  return (
    <div class="page">
      <PageHeader title={t('nav.buildings')} subtitle={t('building.subtitle')}>
        {writable && (
          <button type="button" class="btn btn-primary" onClick={() => setEditing('new')}>
            + {t('building.add')}
          </button>
        )}
      </PageHeader>
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.loading ? (
        <Loading />
      ) : !list.items.length && !list.error ? (
        <Empty title={t('building.empty')} hint={t('building.emptyHint')}>
          {can('directory.import') && (
            <a class="btn" href={`/p/${propertyId}/import`}>
              {t('nav.import')}
            </a>
          )}
        </Empty>
      ) : (
        <div class="table-wrap card">
          <table class="table">
            <thead>
              <tr>
                <th>{t('building.code')}</th>
                <th>{t('building.name')}</th>
                <th class="num">{t('building.floors')}</th>
                <th class="actions-col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((b) => (
                <tr key={b.id}>
                  <td class="mono strong">{b.code}</td>
                  <td>{b.name}</td>
                  <td class="num">{b.floors}</td>
                  <td class="actions-col">
                    <a class="link-btn" href={`/p/${propertyId}/units?buildingId=${b.id}`}>
                      {t('building.viewUnits')}
                    </a>
                    {writable && (
                      <button type="button" class="link-btn" onClick={() => setEditing(b)}>
                        {t('common.edit')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore list={list} />
        </div>
      )}
      {editing && (
        <Modal
          title={editing === 'new' ? t('building.add') : t('building.edit', { code: editing.code })}
          onClose={() => setEditing(null)}
        >
          <BuildingForm
            propertyId={propertyId}
            building={editing === 'new' ? undefined : editing}
            onCancel={() => setEditing(null)}
            onReload={() => {
              setEditing(null);
              list.reload();
            }}
            onSaved={(b) => {
              if (editing === 'new') list.reload();
              else list.replace(b, (x) => x.id === b.id);
              setEditing(null);
            }}
          />
        </Modal>
      )}
    </div>
  );
}
