import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { Building, Page, Unit } from '../../../functions/contract.ts';
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
  Spinner,
} from '../components/ui.tsx';
import { formatArea, normalizeRoomQuery, splitMatch } from '../format.ts';
import { useDebounced, useLoad, usePaged } from '../hooks.ts';
import { occupancyLabel, t, unitTypeLabel } from '../i18n.ts';
import { can } from '../state.ts';
import { UnitForm } from './UnitForm.tsx';

export default function Units({ propertyId }: { propertyId: string }) {
  const { query, path, route } = useLocation();
  const [input, setInput] = useState(query.room ?? '');
  const [buildingId, setBuildingId] = useState(query.buildingId ?? '');
  const [creating, setCreating] = useState(false);
  const box = useRef<HTMLInputElement>(null);
  const room = normalizeRoomQuery(useDebounced(input, 150));

  const buildings = useLoad(
    (signal) => dir.get<Page<Building>>(`/properties/${propertyId}/buildings`, { limit: 100 }, signal),
    [propertyId],
  );
  const list = usePaged<Unit>(
    (cursor, signal) =>
      dir.page(`/properties/${propertyId}/units`, { room, buildingId, cursor, limit: 50 }, signal),
    [propertyId, room, buildingId],
  );

  // Keep the search in the address, so that Back and a shared link show the same result; and follow the
  // address when it changes from outside (a nav link, Back).
  const written = useRef({ room: query.room ?? '', buildingId: query.buildingId ?? '' });
  useEffect(() => {
    const outside = { room: query.room ?? '', buildingId: query.buildingId ?? '' };
    if (outside.room !== written.current.room) setInput(outside.room);
    if (outside.buildingId !== written.current.buildingId) setBuildingId(outside.buildingId);
    written.current = outside;
  }, [query.room, query.buildingId]);
  useEffect(() => {
    written.current = { room, buildingId };
    const params = new URLSearchParams();
    if (room) params.set('room', room);
    if (buildingId) params.set('buildingId', buildingId);
    const next = params.toString() ? `${path}?${params}` : path;
    if (next !== location.pathname + location.search) route(next, true);
  }, [room, buildingId, path, route]);

  useEffect(() => {
    box.current?.focus();
  }, []);

  if (isNotFound(list.error)) return <NoAccess />;
  const open = (u: Unit) => route(`/p/${propertyId}/units/${u.id}`);
  const pending = list.loading || normalizeRoomQuery(input) !== room;
  const buildingList = buildings.data?.items ?? [];

  return (
    <div class="page" data-testid="units-page">
      <PageHeader title={t('nav.units')} subtitle={t('units.subtitle')}>
        {can('unit.write') && buildingList.length > 0 && (
          <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
            + {t('units.add')}
          </button>
        )}
      </PageHeader>
      <div class="search-panel card">
        <label for="room-search" class="search-label">
          {t('units.searchLabel')}
        </label>
        <div class="search-row">
          <div class="search-box">
            <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
              <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" stroke-width="2" />
              <path d="M15.5 15.5 21 21" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
            </svg>
            <input
              id="room-search"
              ref={box}
              class="search-input"
              type="search"
              autoComplete="off"
              spellcheck={false}
              placeholder={t('units.searchPlaceholder')}
              value={input}
              data-testid="room-search"
              onInput={(e) => setInput(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !pending && list.items.length === 1) open(list.items[0]!);
                if (e.key === 'Escape') setInput('');
              }}
            />
            {pending && <Spinner />}
          </div>
          <select
            class="building-filter"
            aria-label={t('unit.building')}
            value={buildingId}
            onChange={(e) => setBuildingId(e.currentTarget.value)}
          >
            <option value="">{t('units.allBuildings')}</option>
            {buildingList.map((b) => (
              <option key={b.id} value={b.id}>
                {b.code} · {b.name}
              </option>
            ))}
          </select>
        </div>
        <div class="search-status muted" aria-live="polite" data-testid="search-status">
          {list.settled && !list.error
            ? room
              ? list.hasMore
                ? t('units.foundMore', { n: list.items.length, q: room })
                : t('units.found', { n: list.items.length, q: room })
              : t('units.hint')
            : '\u00a0'}
        </div>
      </div>
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.loading && !list.items.length ? (
        <Loading />
      ) : !list.items.length && !list.error ? (
        room || buildingId ? (
          <Empty title={t('units.noMatch', { q: room || '' })} hint={t('units.noMatchHint')}>
            <button type="button" class="btn" onClick={() => setInput('')}>
              {t('units.clear')}
            </button>
          </Empty>
        ) : (
          <Empty title={t('units.empty')} hint={t('building.emptyHint')} />
        )
      ) : (
        <div class={`table-wrap card${pending ? ' is-stale' : ''}`} aria-busy={pending}>
          <table class="table table-click" data-testid="units-table">
            <thead>
              <tr>
                <th>{t('unit.roomCode')}</th>
                <th class="hide-narrow">{t('unit.building')}</th>
                <th class="num">{t('unit.floor')}</th>
                <th class="num">{t('unit.area')}</th>
                <th>{t('unit.type')}</th>
                <th>{t('unit.occupancy')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((u) => {
                const [hit, rest] = splitMatch(u.roomCode, room);
                return (
                  <tr
                    key={u.id}
                    tabIndex={0}
                    data-room={u.roomCode}
                    onClick={() => open(u)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') open(u);
                    }}
                  >
                    <td class="room-code">
                      <a href={`/p/${propertyId}/units/${u.id}`} onClick={(e) => e.stopPropagation()}>
                        {hit && <mark>{hit}</mark>}
                        {rest}
                      </a>
                    </td>
                    <td class="hide-narrow">{u.buildingCode}</td>
                    <td class="num">{u.floor}</td>
                    <td class="num">{formatArea(u.areaSqmX100)}</td>
                    <td>{unitTypeLabel(u.type)}</td>
                    <td>
                      <Badge tone={u.occupancy === 'occupied' ? 'green' : 'gray'}>
                        {occupancyLabel(u.occupancy)}
                      </Badge>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <LoadMore list={list} />
        </div>
      )}
      {creating && (
        <Modal title={t('units.add')} onClose={() => setCreating(false)}>
          <UnitForm
            propertyId={propertyId}
            buildings={buildingList}
            defaultBuildingId={buildingId || undefined}
            onCancel={() => setCreating(false)}
            onSaved={(u) => {
              setCreating(false);
              open(u);
            }}
          />
        </Modal>
      )}
    </div>
  );
}
