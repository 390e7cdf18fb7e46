import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { Property, PropertyStats } from '../../../functions/contract.ts';
import { dir, isNotFound } from '../api.ts';
import { TodayFigures } from '../components/Figures.tsx';
import { ErrorBox, Loading, NoAccess, PageHeader, Stat } from '../components/ui.tsx';
import { occupancyPercent } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { hoursText, t } from '../i18n.ts';
import { can } from '../state.ts';

export default function PropertyHome({ propertyId }: { propertyId: string }) {
  const { route } = useLocation();
  const [room, setRoom] = useState('');
  const property = useLoad(
    (signal) => dir.get<Property>(`/properties/${propertyId}`, undefined, signal),
    [propertyId],
  );
  const stats = useLoad(
    (signal) => dir.get<PropertyStats>(`/properties/${propertyId}/stats`, undefined, signal),
    [propertyId],
  );

  if (isNotFound(property.error)) return <NoAccess />;
  const p = property.data;
  const s = stats.data;
  const pct = s ? occupancyPercent(s.occupiedUnits, s.units) : null;

  return (
    <div class="page" data-testid="property-home">
      <PageHeader title={p?.name ?? ''} subtitle={p ? `${p.city} · ${p.code}` : undefined} />
      {property.loading && !p ? <Loading /> : <ErrorBox error={property.error} onRetry={property.reload} />}
      {can('unit.read') && (
        <form
          class="quick-search card"
          onSubmit={(e) => {
            e.preventDefault();
            route(`/p/${propertyId}/units${room.trim() ? `?room=${encodeURIComponent(room.trim())}` : ''}`);
          }}
        >
          <label for="quick-room" class="quick-search-label">
            {t('home.quickSearch')}
          </label>
          <div class="search-row">
            <input
              id="quick-room"
              class="search-input"
              inputMode="text"
              autoComplete="off"
              placeholder={t('units.searchPlaceholder')}
              value={room}
              onInput={(e) => setRoom(e.currentTarget.value)}
            />
            <button type="submit" class="btn btn-primary btn-large">
              {t('common.search')}
            </button>
          </div>
        </form>
      )}
      <div class="stats">
        {stats.error ? (
          <ErrorBox error={stats.error} onRetry={stats.reload} />
        ) : (
          <>
            <Stat label={t('stats.buildings')} value={s ? s.buildings : '…'} />
            <Stat label={t('stats.units')} value={s ? s.units : '…'} />
            <Stat label={t('stats.households')} value={s ? s.households : '…'} />
            <Stat
              label={t('stats.occupancy')}
              value={s ? (pct === null ? '—' : `${pct}%`) : '…'}
              hint={s ? t('stats.occupiedOf', { n: s.occupiedUnits, total: s.units }) : undefined}
            />
          </>
        )}
      </div>
      {can('ticket.read') && <TodayFigures propertyId={propertyId} />}
      {p && (
        <div class="card info-card">
          <h2>{t('home.info')}</h2>
          <dl class="info-list">
            <dt>{t('property.hotline')}</dt>
            <dd class="mono">{p.hotline || '—'}</dd>
            <dt>{t('property.serviceHours')}</dt>
            <dd>{hoursText(p.serviceHours)}</dd>
            <dt>{t('property.address')}</dt>
            <dd>{p.address || '—'}</dd>
            <dt>{t('property.billing')}</dt>
            <dd>
              {p.billingDay && p.dueDay
                ? t('property.billingText', { bill: p.billingDay, due: p.dueDay })
                : '—'}
            </dd>
          </dl>
        </div>
      )}
    </div>
  );
}
