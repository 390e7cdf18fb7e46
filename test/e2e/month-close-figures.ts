import Excel from 'exceljs';
import type { Page } from 'playwright-core';
import { yuan } from '../../functions/billing/money.ts';

/**
 * The month close page's figures as the screen shows them and as its Excel download has them (the
 * workbook keeps yuan as numbers: exact to the fen once rounded back), with the month's state in the
 * workbook, for a test to compare.
 */
export async function monthCloseFigures(page: Page, month: string) {
  const screen = {
    receivable: await page.getByTestId('figure-close.receivable').textContent(),
    received: await page.getByTestId('figure-close.received').textContent(),
    arrears: await page.getByTestId('figure-close.arrears').textContent(),
    amount: await page.getByTestId('rate-amount').textContent(),
  };
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('close-excel').click(),
  ]);
  const book = new Excel.Workbook();
  await book.xlsx.readFile((await download.path())!);
  let row: unknown[] = [];
  book.worksheets[0]!.eachRow((r) => {
    const values = (r.values as unknown[]).slice(1);
    if (values[0] === month) row = values;
  });
  const money = (v: unknown) => yuan(Math.round(Number(v ?? 0) * 100));
  const workbook = {
    receivable: money(row[1]),
    received: money(row[2]),
    arrears: money(row[4]),
    amount: typeof row[7] === 'number' ? `${(row[7] * 100).toFixed(2)}%` : '—',
  };
  return { screen, workbook, workbookState: row[row.length - 1] };
}
