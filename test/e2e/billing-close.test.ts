import { beforeAll, describe, expect, it } from 'vitest';
import { monthCloseFigures } from './month-close-figures.ts';
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
    await expect.poll(() => page.getByTestId('close-state').textContent()).toBe('未结账');
    await page.getByTestId('close-button').click();
    await page.getByText('已结账', { exact: true }).waitFor();
    await expect(page.getByTestId('close-rates').textContent()).resolves.toContain('本期实收 ÷ 本期应收');
    await session.shot(page, 'billing-month-closed');
    const { screen, workbook, workbookState } = await monthCloseFigures(page, month);
    expect(workbook).toEqual(screen);
    expect(workbookState).toBe('已结账');
    expect(failures).toEqual([]);
    await context.close();
  });
});
