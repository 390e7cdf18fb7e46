import { useState } from 'preact/hooks';
import type { Contact, Household, TicketKind } from '../../../functions/contract.ts';
import { Badge, Empty, ErrorBox, Loading, LoadMore } from '../components/ui.tsx';
import { useLoad, usePaged } from '../hooks.ts';
import { formatDateTime, t, tOr } from '../i18n.ts';
import { can, propertyTimeZone } from '../state.ts';
import { loadKinds, tk } from './api.ts';
import { stateLabel } from './labels.ts';
import './find.css';

/** One call of the history, with the ticket it opened as it stands now. */
type Entry = Contact & {
  ticket?: { id: string; number?: string; kind: TicketKind; state: string; severity: string };
};

/**
 * 服务记录: the unit's calls and tickets, newest first, paginated; a household's own history (its calls
 * from any unit, or none) one tab away.
 */
export function UnitHistory({
  propertyId,
  unitId,
  households,
}: {
  propertyId: string;
  unitId: string;
  households: Household[];
}) {
  const [who, setWho] = useState<string>('');
  useLoad(() => loadKinds(), []);
  const list = usePaged<Entry>(
    (cursor, signal) =>
      tk.page(
        who
          ? `/properties/${propertyId}/households/${who}/history`
          : `/properties/${propertyId}/units/${unitId}/history`,
        { cursor, limit: 10 },
        signal,
      ),
    [propertyId, unitId, who],
  );
  if (!can('ledger.read')) return null;
  return (
    <section class="unit-history" data-testid="unit-history">
      <div class="section-head">
        <h2>{t('history.title')}</h2>
        <span class="muted small">{t('history.subtitle')}</span>
      </div>
      {households.length > 0 && (
        <div class="tabs" role="tablist">
          {[
            { id: '', label: t('history.unit') },
            ...households.map((h) => ({ id: h.id, label: t('history.household', { name: h.name }) })),
          ].map((tab) => (
            <button
              key={tab.id || 'unit'}
              type="button"
              role="tab"
              aria-selected={tab.id === who}
              class={`tab${tab.id === who ? ' tab-active' : ''}`}
              onClick={() => setWho(tab.id)}
            >
              {tab.label}
            </button>
          ))}
        </div>
      )}
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.loading && !list.items.length ? (
        <Loading />
      ) : !list.items.length ? (
        !list.error && <Empty title={t('history.empty')} />
      ) : (
        <div class="card history-list">
          {list.items.map((entry) => (
            <div key={entry.id} class="history-row" data-contact={entry.id}>
              <span class="muted small nowrap">
                {formatDateTime(entry.time, propertyTimeZone(propertyId))}
              </span>
              <span>{tOr(`category.${entry.category}`, entry.category)}</span>
              <span class="cell-text">
                {entry.summary}
                <span class="muted small"> · {entry.caller.name}</span>
              </span>
              <span class="nowrap">
                {entry.ticket ? (
                  <a href={`/p/${propertyId}/tickets/${entry.ticket.id}`} class="mono">
                    {entry.ticket.number ?? t('history.ticket')}
                  </a>
                ) : null}{' '}
                {entry.ticket && (
                  <Badge tone="gray">{stateLabel(entry.ticket.kind, entry.ticket.state)}</Badge>
                )}
              </span>
            </div>
          ))}
          <LoadMore list={list} />
        </div>
      )}
    </section>
  );
}
