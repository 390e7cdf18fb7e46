import Excel from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoAccount, demoAccounts, desktop, e2eSession, signInAs, tokenFor } from './support.ts';

const session = e2eSession();
let finance: DemoAccount;
let propertyId: string;
const month = '2026-08';

beforeAll(async () => {
  const accounts = await demoAccounts(session.host.url);
  finance = accounts.find((a) => a.email.startsWith('finance.shja'))!;
  const token = await tokenFor(session.host.url, finance.email);
  propertyId = (await session.api<{ properties: { id: string }[] }>('/api/directory/me', token)).body
    .properties[0]!.id;
});

describe('month close', () => {
  it('finance: closes the month; the report on screen and its Excel download agree', async () => {
    const { context, page } = await session.newPage(desktop);
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await signInAs(page, finance.email);
    await page.goto(`/p/${propertyId}/billing/close`);
    await page.getByTestId('close-month').selectOption(month);
    await expect(page.getByTestId('close-state').textContent()).resolves.toBe('未结账');
    await page.getByTestId('close-button').click();
    await page.getByText('已结账', { exact: true }).waitFor();
    await expect(page.getByTestId('close-rates').textContent()).resolves.toContain('本期实收 ÷ 本期应收');
    await session.shot(page, 'billing-month-closed');
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
    const sheet = book.worksheets[0]!;
    let row: unknown[] = [];
    sheet.eachRow((r) => {
      const values = (r.values as unknown[]).slice(1);
      if (values[0] === month) row = values;
    });
    const money = (v: unknown) =>
      `¥${Number(v ?? 0).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    expect({
      receivable: money(row[1]),
      received: money(row[2]),
      arrears: money(row[4]),
      amount: typeof row[7] === 'number' ? `${(row[7] * 100).toFixed(2)}%` : '—',
    }).toEqual(screen);
    expect(row[row.length - 1]).toBe('已结账');
    expect(failures).toEqual([]);
    await context.close();
  });
});
