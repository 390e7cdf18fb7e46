import { PhotoThumbs } from '../components/PhotoStrip.tsx';
import '../tickets/tickets.css';
import '../tickets/find.css';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { isNotFound } from '../api.ts';
import { SlaBadge } from '../components/SlaBadge.tsx';
import { Badge, Empty, ErrorBox, Loading, LoadMore, NoAccess, PageHeader } from '../components/ui.tsx';
import { useLoad, usePaged } from '../hooks.ts';
import { formatDateTime, t } from '../i18n.ts';
import { propertyTimeZone } from '../state.ts';
import {
  type Kinds,
  loadKinds,
  type Ticket,
  type TicketKind,
  ticketCaller,
  ticketContent,
  ticketKinds,
  tk,
} from '../tickets/api.ts';
import { headlineClock } from '../tickets/countdown.ts';
import { ExportTickets } from '../tickets/export.tsx';
import { kindLabel, pick, slaLabel, stateLabel, useNow } from '../tickets/labels.ts';
import { useNarrow } from '../tickets/narrow.ts';

type Sort = 'due' | 'newest';

/** Whether `state` of `kind` is one a ticket ends in (the due order lists open tickets only). */
const isTerminal = (kinds: Kinds | null | undefined, kind: TicketKind | '', state: string) =>
  !!kind && !!state && !!kinds?.[kind]?.states[state]?.terminal;

export default function Tickets({ propertyId }: { propertyId: string }) {
  const { query, path, route } = useLocation();
  const kind = (ticketKinds as readonly string[]).includes(query.kind ?? '')
    ? (query.kind as TicketKind)
    : '';
  const state = query.state ?? '';
  const q = query.q ?? '';
  const kinds = useLoad(() => loadKinds(), []);
  // Due soonest by default; a state tickets end in has no due time, so it lists newest first.
  const sort: Sort = query.sort === 'newest' || isTerminal(kinds.data, kind, state) ? 'newest' : 'due';
  const now = useNow();
  const narrow = useNarrow();
  const [typed, setTyped] = useState(q);
  useEffect(() => setTyped(q), [q]);
  const list = usePaged<Ticket>(
    (cursor, signal) =>
      tk.page(
        `/properties/${propertyId}/tickets`,
        { kind, state, q: q || undefined, sort, cursor, limit: 30 },
        signal,
      ),
    [propertyId, kind, state, q, sort],
  );
  const go = (next: { kind?: string; state?: string; q?: string; sort?: Sort }) => {
    const params = new URLSearchParams();
    const k = next.kind ?? kind;
    const s = next.kind !== undefined && next.state === undefined ? '' : (next.state ?? state);
    const text = next.q ?? q;
    const order = next.sort ?? (query.sort === 'newest' ? 'newest' : undefined);
    if (k) params.set('kind', k);
    if (s) params.set('state', s);
    if (text) params.set('q', text);
    if (order === 'newest') params.set('sort', 'newest');
    route(params.toString() ? `${path}?${params}` : path);
  };

  if (isNotFound(list.error)) return <NoAccess />;
  const open = (ticket: Ticket) => route(`/p/${propertyId}/tickets/${ticket.id}`);
  const filterValue = kind && state ? `${kind}:${state}` : '';

  return (
    <div class="page" data-testid="tickets-page">
      <PageHeader title={t('tickets.title')} subtitle={t('tickets.subtitle')}>
        <ExportTickets
          propertyId={propertyId}
          kind={kind || undefined}
          state={state}
          q={q || undefined}
          sort={sort}
        />
      </PageHeader>
      <form
        class="ticket-search"
        aria-label={t('find.search')}
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: typed.trim() });
        }}
      >
        <input
          type="search"
          data-testid="ticket-search"
          aria-label={t('find.search')}
          placeholder={t('find.searchPlaceholder')}
          value={typed}
          onInput={(e) => setTyped(e.currentTarget.value)}
        />
        <button type="submit" class="btn btn-primary">
          {t('find.searchButton')}
        </button>
        {q && (
          <button type="button" class="btn" onClick={() => go({ q: '' })}>
            {t('find.clear')}
          </button>
        )}
      </form>
      <div class="filter-bar">
        <div class="tabs" role="tablist">
          {(['', ...ticketKinds] as const).map((k) => (
            <button
              key={k || 'all'}
              type="button"
              role="tab"
              aria-selected={k === kind}
              class={`tab${k === kind ? ' tab-active' : ''}`}
              data-kind={k || 'all'}
              onClick={() => go({ kind: k })}
            >
              {k ? kindLabel(k) : t('tickets.all')}
            </button>
          ))}
        </div>
        <select
          aria-label={t('tickets.state')}
          data-testid="state-filter"
          value={filterValue}
          onChange={(e) => {
            const [k = '', s = ''] = e.currentTarget.value.split(':');
            // "All states" keeps the kind tab; a state picks its kind with it.
            go(k ? { kind: k, state: s } : { state: '' });
          }}
        >
          <option value="">{t('tickets.allStates')}</option>
          {(kind ? [kind] : ticketKinds).map((k) => (
            <optgroup key={k} label={kindLabel(k)}>
              {Object.entries(kinds.data?.[k]?.states ?? {}).map(([name, def]) => (
                <option key={name} value={`${k}:${name}`}>
                  {pick(def.label, name)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <select
          aria-label={t('find.sort')}
          data-testid="ticket-sort"
          value={sort}
          onChange={(e) => go({ sort: e.currentTarget.value as Sort })}
        >
          <option value="due" disabled={isTerminal(kinds.data, kind, state)}>
            {t('find.sort.due')}
          </option>
          <option value="newest">{t('find.sort.newest')}</option>
        </select>
      </div>
      {q && (
        <p class="muted search-note">
          {t('find.results', { q })} · {t('find.hint')}
        </p>
      )}
      <ErrorBox error={list.error ?? kinds.error} onRetry={list.reload} />
      {list.loading && !list.items.length ? (
        <Loading />
      ) : !list.items.length && !list.error && !list.hasMore ? (
        <Empty title={t('tickets.empty')} />
      ) : narrow ? (
        <div class={`ticket-cards${list.loading ? ' is-stale' : ''}`} data-testid="ticket-cards">
          {list.items.map((ticket) => (
            <TicketCard key={ticket.id} ticket={ticket} propertyId={propertyId} now={now} />
          ))}
          <LoadMore list={list} />
        </div>
      ) : (
        <div class={`table-wrap card${list.loading ? ' is-stale' : ''}`}>
          <table class="table table-click" data-testid="tickets-table">
            <thead>
              <tr>
                <th>{t('find.number')}</th>
                <th>{t('ledger.category')}</th>
                <th>{t('tickets.room')}</th>
                <th>{t('tickets.content')}</th>
                <th class="hide-narrow">{t('tickets.caller')}</th>
                <th>{t('tickets.state')}</th>
                <th>{t('tickets.sla')}</th>
                <th class="hide-narrow">{t('tickets.opened')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((ticket) => {
                const clock = headlineClock(ticket.slas);
                const caller = ticketCaller(ticket);
                return (
                  <tr
                    key={ticket.id}
                    tabIndex={0}
                    data-ticket={ticket.id}
                    class={ticket.severity === 'urgent' ? 'row-urgent' : undefined}
                    onClick={() => open(ticket)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') open(ticket);
                    }}
                  >
                    <td class="mono nowrap ticket-number">{ticket.number ?? t('find.noNumber')}</td>
                    <td>
                      {kindLabel(ticket.kind)}
                      {ticket.severity === 'urgent' && <span class="urgent-mark">{t('tickets.urgent')}</span>}
                    </td>
                    <td class="room-code">{ticket.roomCode ?? ticket.location?.place ?? '—'}</td>
                    <td class="cell-text">
                      <a href={`/p/${propertyId}/tickets/${ticket.id}`} onClick={(e) => e.stopPropagation()}>
                        {ticketContent(ticket)}
                      </a>
                      <PhotoThumbs thumbnails={ticket.thumbnails} />
                    </td>
                    <td class="hide-narrow">
                      {caller?.name} <span class="mono muted">{caller?.phone}</span>
                    </td>
                    <td>
                      <Badge tone="gray">{stateLabel(ticket.kind, ticket.state)}</Badge>
                    </td>
                    <td>
                      {clock ? (
                        <SlaBadge sla={clock[1]} now={now} title={slaLabel(ticket.kind, clock[0])} />
                      ) : (
                        '—'
                      )}
                    </td>
                    <td class="hide-narrow nowrap">
                      {formatDateTime(ticket.openedAt, propertyTimeZone(propertyId))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <LoadMore list={list} />
        </div>
      )}
    </div>
  );
}

/** One ticket on a phone: number and deadline on top, where and what below, the whole card a link. */
function TicketCard({ ticket, propertyId, now }: { ticket: Ticket; propertyId: string; now: number }) {
  const clock = headlineClock(ticket.slas);
  const caller = ticketCaller(ticket);
  return (
    <a
      class={`ticket-card${ticket.severity === 'urgent' ? ' ticket-card-urgent' : ''}`}
      href={`/p/${propertyId}/tickets/${ticket.id}`}
      data-ticket={ticket.id}
    >
      <div class="ticket-card-top">
        <span class="mono ticket-number">{ticket.number ?? t('find.noNumber')}</span>
        {clock ? <SlaBadge sla={clock[1]} now={now} title={slaLabel(ticket.kind, clock[0])} /> : null}
      </div>
      <div class="ticket-card-where">
        <strong class="room-code">{ticket.roomCode ?? ticket.location?.place ?? '—'}</strong>
        <span>
          {kindLabel(ticket.kind)}
          {ticket.severity === 'urgent' && <span class="urgent-mark">{t('tickets.urgent')}</span>}
        </span>
        <Badge tone="gray">{stateLabel(ticket.kind, ticket.state)}</Badge>
      </div>
      <div class="ticket-card-text">{ticketContent(ticket)}</div>
      <div class="ticket-card-bottom muted">
        <span>
          {caller?.name} <span class="mono">{caller?.phone}</span>
        </span>
        <span class="nowrap">{formatDateTime(ticket.openedAt, propertyTimeZone(propertyId))}</span>
      </div>
    </a>
  );
}
