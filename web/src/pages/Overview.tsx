import { useState } from 'preact/hooks';
import type { Me, Property, PropertyStats } from '../../../functions/contract.ts';
import { dir } from '../api.ts';
import { FiguresTable } from '../components/Figures.tsx';
import { Empty, ErrorBox, Loading, Modal, PageHeader } from '../components/ui.tsx';
import { occupancyPercent } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { t } from '../i18n.ts';
import { can, me } from '../state.ts';
import { PropertyForm } from './PropertyForm.tsx';

interface OverviewItem {
  property: Property;
  stats: PropertyStats;
}

/** Head office: every property side by side. */
export default function Overview() {
  const { data, error, loading, reload } = useLoad(
    (signal) => dir.get<{ items: OverviewItem[] }>('/overview', undefined, signal),
    [],
  );
  const [creating, setCreating] = useState(false);
  const items = data?.items ?? [];
  const totals = items.reduce(
    (sum, { stats }) => ({
      buildings: sum.buildings + stats.buildings,
      units: sum.units + stats.units,
      households: sum.households + stats.households,
      occupiedUnits: sum.occupiedUnits + stats.occupiedUnits,
    }),
    { buildings: 0, units: 0, households: 0, occupiedUnits: 0 },
  );
  const rate = occupancyPercent(totals.occupiedUnits, totals.units);

  return (
    <div class="page" data-testid="overview">
      <PageHeader
        title={t('overview.title')}
        subtitle={
          data
            ? t('overview.subtitle', {
                n: items.length,
                units: totals.units,
                rate: rate === null ? '—' : `${rate}%`,
              })
            : undefined
        }
      >
        {can('property.create') && (
          <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
            + {t('overview.newProperty')}
          </button>
        )}
      </PageHeader>
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorBox error={error} onRetry={reload} />
      ) : !items.length ? (
        <Empty title={t('overview.empty')} hint={t('overview.emptyHint')} />
      ) : (
        <div class="property-grid">
          {items.map(({ property, stats }) => {
            const pct = occupancyPercent(stats.occupiedUnits, stats.units);
            return (
              <a
                class="property-card card"
                href={`/p/${property.id}`}
                key={property.id}
                data-property={property.id}
              >
                <div class="property-card-head">
                  <div>
                    <div class="property-card-name">{property.name}</div>
                    <div class="muted small">
                      {property.city} · {property.code}
                    </div>
                  </div>
                  <span class="property-card-open">{t('overview.open')} →</span>
                </div>
                <div class="mini-stats">
                  <div>
                    <b>{stats.buildings}</b>
                    <span>{t('stats.buildings')}</span>
                  </div>
                  <div>
                    <b>{stats.units}</b>
                    <span>{t('stats.units')}</span>
                  </div>
                  <div>
                    <b>{stats.households}</b>
                    <span>{t('stats.households')}</span>
                  </div>
                  <div>
                    <b>{pct === null ? '—' : `${pct}%`}</b>
                    <span>{t('stats.occupancy')}</span>
                  </div>
                </div>
                <div class="meter" aria-hidden="true">
                  <span style={{ width: `${pct ?? 0}%` }} />
                </div>
                {property.hotline && (
                  <div class="muted small">
                    {t('property.hotline')}：{property.hotline}
                  </div>
                )}
              </a>
            );
          })}
        </div>
      )}
      {can('ticket.read') && <FiguresTable />}
      {creating && (
        <Modal title={t('overview.newProperty')} onClose={() => setCreating(false)} wide>
          <PropertyForm
            onCancel={() => setCreating(false)}
            onSaved={(property) => {
              setCreating(false);
              const user = me.value;
              if (user) me.value = { ...user, properties: [...user.properties, property] } satisfies Me;
              reload();
            }}
          />
        </Modal>
      )}
    </div>
  );
}
