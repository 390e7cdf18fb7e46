import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { yuan } from '../../functions/billing/money.ts';
import { monthCloseFigures } from './month-close-figures.ts';
import { type DemoAccount, demoAccounts, desktop, e2eSession, signInAs } from './support.ts';

/**
 * Billing from end to end in a demo property, as its people do it: finance bills a past month (fixed:
 * nothing depends on today's date) and prints a request, the front desk takes the household's payment
 * and reads out the receipt number, finance closes the month, and the report on screen and its Excel
 * download agree.
 */
const period = '2026-05';
const session = e2eSession({ shotPrefix: 'billing-flow-' });
let finance: DemoAccount;
let desk: DemoAccount;
/** What the bill run billed, and the household whose request is printed and paid. */
let billed = 0;
let room = '';
let owed = '';
let receipt = '';

/** "¥68,807.20" → 6880720 fen. */
const fen = (text: string | null) => Number((text ?? '').replace(/[¥,.]/g, ''));

async function expectNoEnglish(page: Page) {
  const text = (await page.locator('main').textContent()) ?? '';
  expect(text.match(/\b[a-z]{3,}(_[a-z]+)*\b/g) ?? []).toEqual([]);
}

beforeAll(async () => {
  const accounts = await demoAccounts(session.host.url);
  finance = accounts.find((a) => a.email.startsWith('finance.shja'))!;
  desk = accounts.find((a) => a.email.startsWith('frontdesk.shja'))!;
});

describe('billing from the run to the close', () => {
  it('finance: runs the bill of the month and prints one household’s request', async () => {
    const { context, page } = await session.newPage(desktop);
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await signInAs(page, finance.email);
    await page.getByRole('link', { name: '账单生成' }).click();
    await page.getByTestId('run-month').selectOption(period);
    await expect.poll(() => page.getByTestId('run-state').textContent()).toBe('未生成');
    await page.getByTestId('run-now').click();
    await page.getByTestId('run-confirm').click();
    await page.locator('[data-testid="run-state"][data-state="finished"]').waitFor();
    billed = fen(
      /合计 (¥[\d,.]+)/.exec((await page.getByTestId('run-issued').textContent()) ?? '')?.[1] ?? '',
    );
    expect(billed).toBeGreaterThan(0);

    const row = page.getByTestId('request-row').first();
    room = (await row.getAttribute('data-room')) ?? '';
    owed = (await row.getByTestId('request-balance').textContent()) ?? '';
    expect(fen(owed)).toBeGreaterThan(0);
    await row.getByRole('link', { name: '打印' }).click();
    const sheet = page.getByTestId('request-sheet');
    await sheet.waitFor();
    await expect(sheet.textContent()).resolves.toContain(`房号：${room}`);
    await expect(sheet.textContent()).resolves.toContain('物业管理费（住宅）');
    await expect(page.getByTestId('request-balance').textContent()).resolves.toBe(owed);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.print-toolbar').isVisible()).toBe(false);
    await session.shot(page, 'request-print');
    expect(failures).toEqual([]);
    await context.close();
  });

  it('front desk: takes the household’s payment in full; the receipt shows its number', async () => {
    const { context, page } = await session.newPage(desktop);
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await signInAs(page, desk.email);
    await page.getByRole('link', { name: '前台收费' }).click();
    await page.getByTestId('desk-room').fill(room);
    await page.getByTestId('desk-find').click();
    await page.getByTestId('desk-household').waitFor();
    await expect(page.getByTestId('desk-open').textContent()).resolves.toBe(owed);
    // Typed as the clerk types it: the yuan of the balance.
    await page.getByTestId('desk-amount').fill(owed.replace(/[¥,]/g, ''));
    await page.getByTestId('desk-submit').click();
    await page.getByTestId('receipt-number').waitFor();
    receipt = (await page.getByTestId('receipt-number').textContent()) ?? '';
    expect(receipt).toMatch(/^\d{8}$/);
    // The desk reads the household again after the payment.
    await expect.poll(() => page.getByTestId('desk-open').textContent()).toBe('¥0.00');
    await expectNoEnglish(page);
    await session.shot(page, 'desk-paid');

    await page.getByTestId('desk-print').click();
    const sheet = page.getByTestId('receipt-sheet');
    await sheet.waitFor();
    await expect(sheet.getByTestId('receipt-number').textContent()).resolves.toBe(receipt);
    await expect(page.getByTestId('receipt-amount').textContent()).resolves.toBe(owed);
    await expect(sheet.textContent()).resolves.toContain(room);
    await page.emulateMedia({ media: 'print' });
    await session.shot(page, 'receipt');
    expect(failures).toEqual([]);
    await context.close();
  });

  it('finance: closes the month; the report on screen and its Excel download agree', async () => {
    const { context, page } = await session.newPage(desktop);
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await signInAs(page, finance.email);
    await page.getByRole('link', { name: '月结', exact: true }).click();
    await page.getByTestId('close-month').selectOption(period);
    await expect.poll(() => page.getByTestId('close-state').textContent()).toBe('未结账');
    // The month's figures are the run's and the desk's: billed, the one payment, the rest owed.
    const figure = (name: string) => () => page.getByTestId(`figure-close.${name}`).textContent();
    await expect.poll(figure('receivable')).toBe(yuan(billed));
    await expect.poll(figure('received')).toBe(owed);
    await expect.poll(figure('arrears')).toBe(yuan(billed - fen(owed)));
    await page.getByTestId('close-button').click();
    await page.getByText('已结账', { exact: true }).waitFor();
    await expectNoEnglish(page);
    await session.shot(page, 'month-closed');
    const { screen, workbook, workbookState } = await monthCloseFigures(page, period);
    expect(workbook).toEqual(screen);
    expect(workbookState).toBe('已结账');
    expect(failures).toEqual([]);
    await context.close();
  });
});
