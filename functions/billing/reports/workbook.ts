/**
 * The billing reports as Excel workbooks (zh-CN by default, English on request), made only by the
 * download: exceljs is loaded on first use, never on the Lambda's cold path. Money is written in yuan
 * with two decimals (the fen exactly), rates as the same fraction the API answers with the format that
 * prints it as `rateText` does — so the workbook shows the numbers the screen shows.
 */
import { rateDefinitions, rateNames, rateNumberFormat } from './rates.ts';

export type Lang = 'zh' | 'en';
export type CellKind = 'text' | 'cents' | 'int' | 'rate';
export interface Column {
  header: { zh: string; en: string };
  kind: CellKind;
  width?: number;
}
export type Cell = string | number | null;
export interface Sheet {
  name: { zh: string; en: string };
  /** Lines above the table: the report's title, property and period. */
  heading: string[];
  columns: Column[];
  rows: Cell[][];
  /** Adds the definitions of the collection rates below the table. */
  withRateDefinitions?: boolean;
}

const formats: Record<CellKind, string | undefined> = {
  text: undefined,
  cents: '#,##0.00',
  int: '0',
  rate: rateNumberFormat,
};

/** A fen amount as the workbook stores it: yuan, exact to the fen. */
export const yuan = (cents: number) => cents / 100;

export async function billingWorkbook(sheets: Sheet[], lang: Lang): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  book.creator = 'PropDesk';
  for (const s of sheets) {
    const ws = book.addWorksheet(s.name[lang]);
    for (const line of s.heading) ws.addRow([line]).font = { bold: ws.rowCount === 1 };
    ws.addRow([]);
    const header = ws.addRow(s.columns.map((c) => c.header[lang]));
    header.font = { bold: true };
    for (const row of s.rows) {
      const added = ws.addRow(
        row.map((v, i) => (v !== null && s.columns[i]?.kind === 'cents' ? yuan(v as number) : v)),
      );
      s.columns.forEach((c, i) => {
        const format = formats[c.kind];
        if (format) added.getCell(i + 1).numFmt = format;
      });
    }
    s.columns.forEach((c, i) => {
      ws.getColumn(i + 1).width = c.width ?? (c.kind === 'text' ? 16 : 14);
    });
    if (s.withRateDefinitions) {
      ws.addRow([]);
      for (const name of rateNames)
        ws.addRow([`${rateDefinitions[name].name[lang]}：${rateDefinitions[name].text[lang]}`]);
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The row number (1-based) of the first data row of a sheet: its heading lines, a blank, the header. */
export const firstDataRow = (sheet: Pick<Sheet, 'heading'>) => sheet.heading.length + 3;
