import { useState } from 'preact/hooks';
import type { Page, Ticket, TicketKind } from '../../../functions/contract.ts';
import { Spinner } from '../components/ui.tsx';
import { errorText, formatDateTime, t } from '../i18n.ts';
import { saveBlob } from '../reports/api.ts';
import { me } from '../state.ts';
import { ticketCaller, ticketContent, tk } from './api.ts';
import { kindLabel, stateLabel } from './labels.ts';

/**
 * The ticket list as an Excel workbook, with the list's filters: the browser pages through the same
 * list API (100 a page, counting as it goes, so a large export shows its progress and no request
 * runs long), then builds the workbook itself with exceljs, loaded only when someone exports.
 */
export function ExportTickets({
  propertyId,
  kind,
  state,
  q,
  sort,
}: {
  propertyId: string;
  kind?: TicketKind;
  state: string;
  /** The list's search and order: the file holds what the list shows, in its order. */
  q?: string;
  sort: 'due' | 'newest';
}) {
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setError(null);
    setBusy(true);
    try {
      const rows: (Ticket & { roomCode?: string })[] = [];
      let cursor: string | null = null;
      do {
        setProgress(t('export.progress', { n: rows.length + 1 }));
        const page: Page<Ticket> = await tk.page<Ticket>(`/properties/${propertyId}/tickets`, {
          kind,
          state,
          q,
          sort,
          cursor,
          limit: 100,
        });
        rows.push(...page.items);
        cursor = page.cursor;
      } while (cursor);
      setProgress(t('export.building'));
      const { default: Excel } = await import('exceljs');
      const book = new Excel.Workbook();
      const timeZone = me.value?.properties.find((p) => p.id === propertyId)?.timeZone;
      const sheet = book.addWorksheet(t('tickets.title').slice(0, 31));
      sheet.addRow([
        t('reports.number'),
        t('ledger.category'),
        t('tickets.room'),
        t('tickets.content'),
        t('tickets.caller'),
        t('tickets.state'),
        t('reports.reportedAt'),
      ]).font = { bold: true };
      for (const ticket of rows) {
        const caller = ticketCaller(ticket);
        sheet.addRow([
          (ticket as { number?: string }).number ?? '',
          kindLabel(ticket.kind),
          ticket.roomCode ?? '',
          ticketContent(ticket),
          // Lists are masked; so is the export.
          caller ? `${caller.name ?? ''} ${caller.phone ?? ''}`.trim() : '',
          stateLabel(ticket.kind, ticket.state),
          formatDateTime(ticket.openedAt, timeZone),
        ]);
      }
      for (const col of sheet.columns) col.width = 20;
      const bytes = await book.xlsx.writeBuffer();
      saveBlob(
        new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
        `tickets-${kind || 'all'}${state ? `-${state}` : ''}.xlsx`,
      );
      setProgress(t('export.done', { n: rows.length }));
    } catch (e) {
      setError(e);
      setProgress(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="export-tickets">
      <button type="button" class="btn" disabled={busy} onClick={run} data-testid="tickets-export">
        {busy && <Spinner />}
        {t('export.excel')}
      </button>{' '}
      {progress && (
        <span class="small muted" role="status" data-testid="export-progress">
          {progress}
        </span>
      )}
      {error ? <span class="error-text">{errorText(error)}</span> : null}
    </span>
  );
}
