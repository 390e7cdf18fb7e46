import { PhotoThumbs } from '../components/PhotoStrip.tsx';
import '../tickets/tickets.css';
import { useLocation } from 'preact-iso';
import { isNotFound } from '../api.ts';
import { SlaBadge } from '../components/SlaBadge.tsx';
import { Badge, Empty, ErrorBox, Loading, LoadMore, NoAccess, PageHeader } from '../components/ui.tsx';
import { useLoad, usePaged } from '../hooks.ts';
import { formatDateTime, t } from '../i18n.ts';
import {
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

export default function Tickets({ propertyId }: { propertyId: string }) {
  const { query, path, route } = useLocation();
  const kind = (ticketKinds as readonly string[]).includes(query.kind ?? '')
    ? (query.kind as TicketKind)
    : '';
  const state = query.state ?? '';
  const now = useNow();
  const kinds = useLoad(() => loadKinds(), []);
  const list = usePaged<Ticket>(
    (cursor, signal) =>
      tk.page(`/properties/${propertyId}/tickets`, { kind, state, cursor, limit: 30 }, signal),
    [propertyId, kind, state],
  );
  const filter = (next: { kind?: string; state?: string }) => {
    const params = new URLSearchParams();
    const k = next.kind ?? kind;
    const s = next.kind !== undefined ? '' : (next.state ?? state);
    if (k) params.set('kind', k);
    if (s) params.set('state', s);
    route(params.toString() ? `${path}?${params}` : path);
  };

  if (isNotFound(list.error)) return <NoAccess />;
  const states = new Map<string, string>();
  for (const k of kind ? [kind] : ticketKinds) {
    for (const [name, def] of Object.entries(kinds.data?.[k]?.states ?? {})) {
      if (!states.has(name)) states.set(name, pick(def.label, name));
    }
  }
  const open = (ticket: Ticket) => route(`/p/${propertyId}/tickets/${ticket.id}`);

  return (
    <div class="page" data-testid="tickets-page">
      <PageHeader title={t('tickets.title')} subtitle={t('tickets.subtitle')}>
        <ExportTickets propertyId={propertyId} kind={kind || undefined} state={state} />
      </PageHeader>
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
              onClick={() => filter({ kind: k })}
            >
              {k ? kindLabel(k) : t('tickets.all')}
            </button>
          ))}
        </div>
        <select
          aria-label={t('tickets.state')}
          data-testid="state-filter"
          value={state}
          onChange={(e) => filter({ state: e.currentTarget.value })}
        >
          <option value="">{t('tickets.allStates')}</option>
          {[...states].map(([name, label]) => (
            <option key={name} value={name}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <ErrorBox error={list.error ?? kinds.error} onRetry={list.reload} />
      {list.loading && !list.items.length ? (
        <Loading />
      ) : !list.items.length && !list.error ? (
        <Empty title={t('tickets.empty')} />
      ) : (
        <div class={`table-wrap card${list.loading ? ' is-stale' : ''}`}>
          <table class="table table-click" data-testid="tickets-table">
            <thead>
              <tr>
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
                    <td class="hide-narrow nowrap">{formatDateTime(ticket.openedAt)}</td>
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
