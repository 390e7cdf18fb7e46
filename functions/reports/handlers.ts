/** What the reports' routes (./routes.ts) run, loaded by the first request to one of them. */
import type { Property } from '../directory/records.ts';
import { propertyStore } from '../shared/store.ts';
import { keys } from '../shared/table.ts';
import { getReport } from './service.ts';

export {
  changeReportSettings,
  confirmReport,
  getReport,
  getReportSettings,
  listReports,
  openReport,
  reportOverview,
} from './service.ts';

/** The report as an Excel workbook in the caller's language. */
export async function downloadReport(params: Parameters<typeof getReport>[0], lang: 'zh' | 'en') {
  const report = await getReport(params);
  const property = await propertyStore(params.propertyId).mustGet<Property>(
    keys.property(params.propertyId),
    'Property',
  );
  const { reportWorkbook } = await import('./workbook.ts');
  return reportWorkbook(report, property, lang);
}
