import type ExcelJS from 'exceljs';
import { badRequest } from '../../shared/errors.ts';
import { csvType, xlsxType } from './limits.ts';

export { csvType, xlsxType };

export type SheetFormat = 'csv' | 'xlsx';

/** One line of the sheet as text cells, numbered the way the person who filled it in sees it. */
export interface SheetLine {
  row: number;
  cells: string[];
}

/** Non-blank lines in order; the first is the header row. */
export type Sheet = SheetLine[];

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

/**
 * Excel's "CSV UTF-8" starts with a BOM; its plain "CSV" on a Chinese Windows is GB18030. A file that
 * is not valid UTF-8 is therefore read as GB18030 rather than turned into replacement characters.
 */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export async function readCsv(bytes: Uint8Array): Promise<Sheet> {
  // Loaded on first use, like exceljs: only an import reads a sheet.
  const { parse } = await import('csv-parse/sync');
  let records: string[][];
  try {
    records = parse(decodeText(bytes), {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    throw badRequest('unreadable_file', `The CSV file cannot be read: ${(error as Error).message}`);
  }
  // A record is one spreadsheet row (a quoted cell may span lines), so row = record index + 1.
  return records.map((cells, i) => ({ row: i + 1, cells })).filter((line) => !isBlank(line.cells));
}

type Cell = ExcelJS.CellValue;

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** A cell as the text a person reads in it (dates as YYYY-MM-DD, numbers as Excel shows them). */
export function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  // Excel keeps 15 significant digits, so a computed 98.45000000000001 is shown (and meant) as 98.45.
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return String(value);
  // exceljs gives dates as UTC midnight of the calendar day typed into the cell.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : isoDate(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return cellText(value.text as Cell);
  if ('formula' in value || 'sharedFormula' in value) return cellText((value.result ?? null) as Cell);
  if ('error' in value) return value.error;
  return '';
}

export async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
  // Loaded on first use: exceljs is most of the directory bundle and only imports need it.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw badRequest('unreadable_file', `The XLSX file cannot be read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const lines: Sheet = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    // Cells are 1-based; an empty cell in the middle still takes its position.
    for (let col = 1; col <= row.cellCount; col++) cells.push(cellText(row.getCell(col).value).trim());
    if (!isBlank(cells)) lines.push({ row: rowNumber, cells });
  });
  return lines;
}

export function readSheet(format: SheetFormat, bytes: Uint8Array): Promise<Sheet> {
  return format === 'csv' ? readCsv(bytes) : readXlsx(bytes);
}

/** The format a Content-Type names, or undefined for one the importer does not read. */
export function formatOf(contentType: string | undefined): SheetFormat | undefined {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === csvType) return 'csv';
  if (mediaType === xlsxType) return 'xlsx';
  return undefined;
}
