import { useState } from 'preact/hooks';
import type { Building, Household, Page, Unit } from '../../../functions/contract.ts';
import { dir, isNotFound } from '../api.ts';
import {
  Badge,
  Empty,
  ErrorBox,
  Loading,
  Modal,
  NoAccess,
  PageHeader,
  PhoneCell,
} from '../components/ui.tsx';
import { formatArea } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { occupancyLabel, t, unitTypeLabel } from '../i18n.ts';
import { can } from '../state.ts';
import { UnitHistory } from '../tickets/UnitHistory.tsx';
import { HouseholdForm } from './HouseholdForm.tsx';
import { UnitForm } from './UnitForm.tsx';

export default function UnitDetail({ propertyId, unitId }: { propertyId: string; unitId: string }) {
  const unit = useLoad(
    (signal) => dir.get<Unit>(`/properties/${propertyId}/units/${unitId}`, undefined, signal),
    [propertyId, unitId],
  );
  // The list endpoint masks phones; the households embedded in GET /units/{id} are not used for display.
  const residents = useLoad(
    (signal) =>
      dir.get<Page<Household>>(`/properties/${propertyId}/households`, { unitId, limit: 100 }, signal),
    [propertyId, unitId],
  );
  const [editing, setEditing] = useState<'unit' | 'new' | Household | null>(null);
  const [buildings, setBuildings] = useState<Building[]>([]);
  const canReveal = can('household.revealPhone');
  const canWrite = can('household.write');

  if (isNotFound(unit.error)) return <NoAccess />;
  const u = unit.data;
  const households = residents.data?.items ?? [];
  const close = () => setEditing(null);
  const saved = () => {
    close();
    unit.reload();
    residents.reload();
  };

  return (
    <div class="page" data-testid="unit-detail">
      <div class="breadcrumb">
        <a href={`/p/${propertyId}/units`}>← {t('nav.units')}</a>
      </div>
      <PageHeader
        title={u ? t('unit.title', { code: u.roomCode }) : t('common.loading')}
        subtitle={u ? `${unitTypeLabel(u.type)} · ${t('unit.floorN', { n: u.floor })}` : undefined}
      >
        {u && can('unit.write') && (
          <button
            type="button"
            class="btn"
            onClick={() => {
              setEditing('unit');
              dir.get<Page<Building>>(`/properties/${propertyId}/buildings`, { limit: 100 }).then(
                (p) => setBuildings(p.items),
                () => setBuildings([]),
              );
            }}
          >
            {t('unit.edit')}
          </button>
        )}
      </PageHeader>
      {unit.loading && !u ? <Loading /> : <ErrorBox error={unit.error} onRetry={unit.reload} />}
      {u && (
        <>
          <div class="card">
            <dl class="info-list info-grid">
              <dt>{t('unit.roomCode')}</dt>
              <dd class="mono strong big">{u.roomCode}</dd>
              <dt>{t('unit.building')}</dt>
              <dd>{u.buildingCode}</dd>
              <dt>{t('unit.floor')}</dt>
              <dd>{u.floor}</dd>
              <dt>{t('unit.areaPlain')}</dt>
              <dd>{formatArea(u.areaSqmX100)} m²</dd>
              <dt>{t('unit.type')}</dt>
              <dd>{unitTypeLabel(u.type)}</dd>
              <dt>{t('unit.occupancy')}</dt>
              <dd>
                <Badge tone={u.occupancy === 'occupied' ? 'green' : 'gray'}>
                  {occupancyLabel(u.occupancy)}
                </Badge>
              </dd>
            </dl>
          </div>
          <div class="section-head">
            <h2>{t('unit.households')}</h2>
            {canWrite && (
              <button type="button" class="btn btn-primary" onClick={() => setEditing('new')}>
                + {t('household.add')}
              </button>
            )}
          </div>
          <ErrorBox error={residents.error} onRetry={residents.reload} />
          {residents.loading && !residents.data ? (
            <Loading />
          ) : !households.length ? (
            !residents.error && <Empty title={t('unit.noHouseholds')} />
          ) : (
            <div class="table-wrap card">
              <table class="table">
                <thead>
                  <tr>
                    <th>{t('household.name')}</th>
                    <th>{t('household.kind')}</th>
                    <th>{t('household.phone')}</th>
                    <th>{t('household.moveIn')}</th>
                    <th>{t('household.status')}</th>
                    {canWrite && <th class="actions-col">{t('common.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {households.map((h) => (
                    <tr key={h.id}>
                      <td class="strong">{h.name}</td>
                      <td>{t(`household.${h.kind}`)}</td>
                      <td>
                        <PhoneCell propertyId={propertyId} household={h} canReveal={canReveal} />
                      </td>
                      <td>{h.moveInDate ?? '—'}</td>
                      <td>
                        <Badge tone={h.status === 'active' ? 'blue' : 'gray'}>
                          {t(`household.${h.status}`)}
                        </Badge>
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
            </div>
          )}
          <UnitHistory propertyId={propertyId} unitId={unitId} households={households} />
        </>
      )}
      {u && editing === 'unit' && (
        <Modal title={t('unit.edit')} onClose={close}>
          {buildings.length ? (
            <UnitForm
              propertyId={propertyId}
              unit={u}
              buildings={buildings}
              onCancel={close}
              onSaved={(next) => {
                close();
                unit.setData(next);
              }}
              onReload={saved}
            />
          ) : (
            <Loading />
          )}
        </Modal>
      )}
      {u && editing && editing !== 'unit' && (
        <Modal title={editing === 'new' ? t('household.add') : t('household.edit')} onClose={close}>
          <HouseholdForm
            propertyId={propertyId}
            unit={u}
            household={editing === 'new' ? undefined : editing}
            onCancel={close}
            onSaved={saved}
            onReload={saved}
          />
        </Modal>
      )}
    </div>
  );
}
