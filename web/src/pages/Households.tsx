import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { Household } from '../../../functions/contract.ts';
import { dir, isNotFound } from '../api.ts';
import {
  Badge,
  Empty,
  ErrorBox,
  Loading,
  LoadMore,
  Modal,
  NoAccess,
  PageHeader,
  PhoneCell,
} from '../components/ui.tsx';
import { usePaged } from '../hooks.ts';
import { t } from '../i18n.ts';
import { can } from '../state.ts';
import { HouseholdForm } from './HouseholdForm.tsx';

export default function Households({ propertyId }: { propertyId: string }) {
  const { query } = useLocation();
  const unitId = query.unitId ?? '';
  const list = usePaged<Household>(
    (cursor, signal) =>
      dir.page(`/properties/${propertyId}/households`, { unitId, cursor, limit: 50 }, signal),
    [propertyId, unitId],
  );
  const [editing, setEditing] = useState<Household | 'new' | null>(null);
  const canWrite = can('household.write');
  const canReveal = can('household.revealPhone');
  if (isNotFound(list.error)) return <NoAccess />;
  const close = () => setEditing(null);

  return (
    <div class="page">
      <PageHeader title={t('nav.households')} subtitle={t('household.subtitle')}>
        {canWrite && (
          <button type="button" class="btn btn-primary" onClick={() => setEditing('new')}>
            + {t('household.add')}
          </button>
        )}
      </PageHeader>
      {unitId && (
        <div class="filter-note">
          {t('household.filtered', { room: list.items[0]?.roomCode ?? '…' })}{' '}
          <a href={`/p/${propertyId}/households`}>{t('common.clearFilter')}</a>
        </div>
      )}
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.loading ? (
        <Loading />
      ) : !list.items.length && !list.error ? (
        <Empty title={t('household.empty')} hint={t('household.emptyHint')} />
      ) : (
        <div class="table-wrap card">
          <table class="table">
            <thead>
              <tr>
                <th>{t('household.room')}</th>
                <th>{t('household.name')}</th>
                <th>{t('household.kind')}</th>
                <th>{t('household.phone')}</th>
                <th class="hide-narrow">{t('household.moveIn')}</th>
                <th>{t('household.status')}</th>
                {canWrite && <th class="actions-col">{t('common.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {list.items.map((h) => (
                <tr key={h.id}>
                  <td class="mono strong">
                    <a href={`/p/${propertyId}/units/${h.unitId}`}>{h.roomCode}</a>
                  </td>
                  <td>{h.name}</td>
                  <td>{t(`household.${h.kind}`)}</td>
                  <td>
                    <PhoneCell propertyId={propertyId} household={h} canReveal={canReveal} />
                  </td>
                  <td class="hide-narrow">{h.moveInDate ?? '—'}</td>
                  <td>
                    <Badge tone={h.status === 'active' ? 'blue' : 'gray'}>{t(`household.${h.status}`)}</Badge>
                  </td>
                  {canWrite && (
                    <td class="actions-col">
                      <button type="button" class="link-btn" onClick={() => setEditing(h)}>
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
        <Modal title={editing === 'new' ? t('household.add') : t('household.edit')} onClose={close}>
          <HouseholdForm
            propertyId={propertyId}
            household={editing === 'new' ? undefined : editing}
            onCancel={close}
            onSaved={(h) => {
              if (editing === 'new') list.reload();
              else list.replace(h, (x) => x.id === h.id);
              close();
            }}
            onReload={() => {
              close();
              list.reload();
            }}
          />
        </Modal>
      )}
    </div>
  );
}
