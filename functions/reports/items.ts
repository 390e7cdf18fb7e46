/** The stored items of the reports' records, one builder each (keys from functions/shared/table.ts). */

import type { Property } from '../directory/records.ts';
import type { Item, WriteOp } from '../shared/store.ts';
import { reportKeys } from '../shared/table.ts';
import { localDay } from '../tickets/local-day.ts';
import type { Transition } from '../tickets/machines/index.ts';
import type { Report } from './records.ts';

export const reportItem = (report: Omit<Report, 'version'>): Item => ({
  ...report,
  recordType: 'report',
  ...reportKeys.report(report.propertyId, report.kind, report.period),
});

export const reportOpenItem = (open: {
  propertyId: string;
  kind: string;
  period: string;
  staffId: string;
  name: string;
  at: string;
  recipient: boolean;
}): Item => ({
  ...open,
  recordType: 'reportOpen',
  ...reportKeys.reportOpen(open.propertyId, open.kind, open.period, open.staffId),
});

/**
 * What a ticket transition adds for the reports, in the transition's own transaction: a completed
 * repair is marked on its property-local day, so the day's reconciliation reads that day's completions
 * and nothing of the property's history. A later refusal leaves the mark; the report reads the ticket.
 */
export function reportDayOps(
  property: Pick<Property, 'id' | 'timeZone'>,
  ticketId: string,
  t: Transition,
): WriteOp[] {
  if (t.kind !== 'repair' || t.action !== 'complete') return [];
  const day = localDay(t.at, property.timeZone);
  return [
    {
      put: {
        recordType: 'repairDone',
        ...reportKeys.repairDone(property.id, day, ticketId),
        ticketId,
        day,
        at: t.at,
      },
    },
  ];
}
