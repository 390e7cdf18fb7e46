import Excel from 'exceljs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoAccount, demoAccounts, desktop, e2eSession, signInAs, useHostDatabase } from './support.ts';

const session = e2eSession({ shotPrefix: 'billing-' });
const { api, tokenFor } = session;
let finance: DemoAccount;
let manager: DemoAccount;
let headOffice: DemoAccount;
let propertyId: string;
const rooms: string[] = [];

/**
 * Requests of fixed past months for three households, some paid, put in the host's own database as the
 * bill run and the desk put them (test/support): nothing depends on today's date.
 * Due days: 2026-03-20, 05-20, 08-20, 09-20 — on 2026-09-30 one in each aging bucket.
 */
beforeAll(async () => {
  const accounts = await demoAccounts(session.host.url);
  finance = accounts.find((a) => a.email.startsWith('finance.shja'))!;
  manager = accounts.find((a) => a.email.startsWith('manager.shja'))!;
  headOffice = accounts.find((a) => a.roles.includes('head_office'))!;
  const token = await tokenFor(finance.email);
  propertyId = (await api<{ properties: { id: string }[] }>('/api/directory/me', token)).body.properties[0]!
    .id;
  const households = (
    await api<{ items: { id: string; name: string; unitId: string }[] }>(
      `/api/directory/properties/${propertyId}/households?limit=3`,
      token,
    )
  ).body.items;
  useHostDatabase(session.host);
  const { issueTestRequest } = await import('../support/billing.ts');
  const { applyTestPaymentDelta } = await import('../support/billing-payment-deltas.ts');
  for (const [i, household] of households.entries()) {
    const unit = (
      await api<{ id: string; buildingId: string; roomCode: string }>(
        `/api/directory/properties/${propertyId}/units/${household.unitId}`,
        token,
      )
    ).body;
    rooms.push(unit.roomCode);
    const world = {
      property: { id: propertyId } as never,
      unit: unit as never,
      household: household as never,
    };
    for (const month of ['2026-03', '2026-05', '2026-08', '2026-09']) {
      await issueTestRequest(world, month, [
        { name: '物业管理费（住宅）', amountCents: 26_283 + i * 1_000 },
        { name: '房屋设备运行费', amountCents: 4_475, item: 'equipment' },
      ]);
    }
    // The first household pays everything but September, the second pays part of May, the third nothing.
    if (i === 0)
      for (const month of ['2026-03', '2026-05', '2026-08'])
        await applyTestPaymentDelta(propertyId, month, household.id, 30_758);
    if (i === 1) await applyTestPaymentDelta(propertyId, '2026-05', household.id, 10_000);
  }
});

/** The whole page from its top (a full-page shot of a scrolled page draws the sticky top bar mid-page). */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await session.shot(page, name);
}

const money = (v: unknown) =>
  `¥${Number(v ?? 0).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const rate = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(2)}%` : '—');

/** Clicks the download button and reads the workbook's rows (each without Excel's empty first cell). */
async function downloadRows(page: Page, testId: string, sheet = 0): Promise<unknown[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const book = new Excel.Workbook();
  await book.xlsx.readFile((await download.path())!);
  const rows: unknown[][] = [];
  book.worksheets[sheet]!.eachRow((r) => {
    rows.push((r.values as unknown[]).slice(1));
  });
  return rows;
}
const cells = async (page: Page, selector: string) =>
  (await page.locator(selector).locator('th, td').allTextContents()).map((s) => s.trim());

function noEnglish(text: string) {
  // Room codes, amounts, dates and rates are digits and signs; no Latin word reaches a zh page.
  // “Excel” is the name of the file the buttons download.
  expect((text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => w !== 'Excel')).toEqual([]);
}

describe('fee reports', () => {
  it('finance: the figures of a month on screen are those of the Excel download, per month, per household and by age', async () => {
    const { context, page } = await session.newPage(desktop);
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await signInAs(page, finance.email);
    await page.goto(`/p/${propertyId}/billing/reports`);
    await page.getByTestId('report-month').selectOption('2026-09');
    // The page first shows last month's report; the twelve months to September replace it.
    await page.locator('[data-testid="report-months"][data-to="2026-09"]').waitFor();
    const may = page.locator('[data-testid="months-row"][data-month="2026-05"]');
    await may.waitFor();
    const screenMay = await cells(page, '[data-testid="months-row"][data-month="2026-05"]');
    // 3 households × ¥307.58 + ¥20, ¥30 more for the 2nd and 3rd: receivable ¥952.74, received ¥407.58.
    expect(screenMay.slice(0, 5)).toEqual(['2026-05', '¥952.74', '¥407.58', '¥0.00', '¥545.16']);
    expect(await page.getByTestId('report-rates').textContent()).toContain('本期实收 ÷ 本期应收');
    // Twelve months of receivable, received and arrears bars.
    expect(await page.getByTestId('months-chart').locator('rect').count()).toBe(36);
    noEnglish((await page.locator('main').textContent()) ?? '');
    await shot(page, 'fee-reports-months');
    const monthRows = await downloadRows(page, 'months-excel');
    const excelMay = monthRows.find((r) => r[0] === '2026-05')!;
    expect([
      excelMay[0],
      money(excelMay[1]),
      money(excelMay[2]),
      money(excelMay[3]),
      money(excelMay[4]),
      String(excelMay[5]),
      String(excelMay[6]),
      rate(excelMay[7]),
      rate(excelMay[8]),
    ]).toEqual(screenMay.slice(0, 9));

    // The month by household: the same rows as the workbook's first sheet.
    await page.getByTestId('report-month').selectOption('2026-05');
    await page.getByRole('tab', { name: '按楼栋和住户' }).click();
    await page.getByTestId('household-row').first().waitFor();
    expect(await page.getByTestId('household-row').count()).toBe(3);
    const screenRoom = await cells(page, `[data-testid="household-row"][data-room="${rooms[1]}"]`);
    expect(screenRoom.slice(2, 6)).toEqual(['¥317.58', '¥100.00', '¥0.00', '¥217.58']);
    await shot(page, 'fee-reports-households');
    const householdRows = await downloadRows(page, 'households-excel');
    const excelRoom = householdRows.find((r) => r[1] === rooms[1])!;
    expect([excelRoom[1], excelRoom[2], ...excelRoom.slice(3, 7).map(money)]).toEqual(screenRoom.slice(0, 6));

    // Arrears by age on a fixed day: one bucket per month still owed.
    await page.getByRole('tab', { name: '欠费账龄' }).click();
    await page.getByTestId('aging-as-of').fill('2026-09-30');
    await page.getByText('截至 2026-09-30 仍未缴清').waitFor();
    const bucket = async (key: string) => cells(page, `[data-testid="aging-row"][data-bucket="${key}"]`);
    // March (194 days): the 2nd and 3rd households; May (133): both; August (41): both; September (10): all three.
    expect(await bucket('d181plus')).toEqual(['180 天以上', '2', '¥645.16']);
    expect(await bucket('d91_180')).toEqual(['91–180 天', '2', '¥545.16']);
    expect(await bucket('d31_90')).toEqual(['31–90 天', '2', '¥645.16']);
    expect(await bucket('d0_30')).toEqual(['0–30 天', '3', '¥952.74']);
    expect(await page.getByTestId('aging-chart-row').count()).toBe(5);
    expect(await page.getByTestId('aging-chart').textContent()).toContain('¥645.16');
    noEnglish((await page.locator('main').textContent()) ?? '');
    await shot(page, 'fee-reports-aging');
    const agingRows = await downloadRows(page, 'aging-excel');
    expect(money(agingRows.find((r) => r[0] === '180 天以上')![2])).toBe('¥645.16');
    expect(money(agingRows.find((r) => r[0] === '合计')![2])).toBe(
      await page.getByTestId('aging-total').textContent(),
    );
    expect(failures).toEqual([]);
    await context.close();
  });

  it('finance: opens a household’s statement from the report and prints it', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, finance.email);
    await page.goto(`/p/${propertyId}/billing/reports`);
    await page.getByTestId('report-month').selectOption('2026-05');
    await page.getByRole('tab', { name: '按楼栋和住户' }).click();
    await page
      .locator(`[data-testid="household-row"][data-room="${rooms[1]}"]`)
      .getByTestId('statement-link')
      .click();
    await page.getByTestId('statement').waitFor();
    expect(await page.getByTestId('statement-request').count()).toBe(4);
    // Four months of ¥317.58, ¥100 of them paid.
    expect(await page.getByTestId('statement-owing').textContent()).toBe('¥1,170.32');
    expect(await page.getByTestId('statement').textContent()).toContain(rooms[1]);
    noEnglish((await page.getByTestId('statement').textContent()) ?? '');
    await shot(page, 'household-statement');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.getByTestId('print-now').isVisible()).toBe(false);
    await shot(page, 'household-statement-print');
    await context.close();
  });
});

describe('head office', () => {
  it('head office: compares the properties of a month, sorted, in a chart and in the Excel download', async () => {
    const { context, page } = await session.newPage(desktop);
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await signInAs(page, headOffice.email);
    await page.getByRole('link', { name: '收费总览' }).click();
    await page.getByTestId('overview-month').selectOption('2026-05');
    // Last month's figures stay on screen, dimmed, until May's arrive.
    await page.locator('[data-testid="overview-table"][data-month="2026-05"]').waitFor();
    const count = await page.getByTestId('overview-row').count();
    expect(count).toBeGreaterThan(1);
    expect(await page.getByTestId('overview-chart-row').count()).toBe(count);
    // Sorted by receivable, largest first: the property with this test's requests leads.
    await page.getByTestId('sort-receivable').click();
    const first = await cells(page, '[data-testid="overview-row"] >> nth=0');
    expect(first.slice(1, 4)).toEqual(['¥952.74', '¥407.58', '¥545.16']);
    await page.getByTestId('sort-receivable').click();
    expect((await cells(page, '[data-testid="overview-row"] >> nth=0'))[1]).toBe('¥0.00');
    await page.getByTestId('sort-receivable').click();
    noEnglish((await page.locator('main').textContent()) ?? '');
    await shot(page, 'overview');
    const rows = await downloadRows(page, 'overview-excel');
    const excel = rows.find((r) => r[0] === first[0])!;
    expect([excel[0], money(excel[2]), money(excel[3]), money(excel[5]), rate(excel[8])]).toEqual([
      first[0],
      first[1],
      first[2],
      first[3],
      first[5],
    ]);
    expect(failures).toEqual([]);
    await context.close();
  });
});

describe('maintenance fund', () => {
  it('finance: enters a contribution and proposes a use; the manager approves it; the balance and the publication follow', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, finance.email);
    await page.goto(`/p/${propertyId}/billing/fund`);
    expect(await page.getByTestId('fund-balance').textContent()).toBe('¥0.00');
    await page.getByTestId('fund-open-contribution').click();
    await page.getByTestId('fund-day').fill('2026-09-01');
    await page.getByTestId('fund-amount').fill('50000');
    await page.getByTestId('fund-text').fill('2026年9月业主缴存维修基金');
    await page.getByTestId('fund-form-contribution').getByRole('button', { name: '登记' }).click();
    await page.getByText('¥50,000.00', { exact: true }).first().waitFor();
    expect(await page.getByTestId('fund-balance').textContent()).toBe('¥50,000.00');
    await page.getByTestId('fund-open-use').click();
    await page.getByTestId('fund-day').fill('2026-09-10');
    await page.getByTestId('fund-amount').fill('8600');
    await page.getByTestId('fund-category').selectOption('special_repair');
    await page.getByTestId('fund-text').fill('3号楼屋面防水专项维修');
    await page.getByTestId('fund-form-use').getByRole('button', { name: '登记' }).click();
    await page.getByTestId('fund-decision').waitFor();
    // Proposed: the balance has not moved, and its proposer cannot approve it.
    expect(await page.getByTestId('fund-balance').textContent()).toBe('¥50,000.00');
    expect(await page.getByTestId('fund-decision').textContent()).toContain('需由另一位有权限的人员审批');
    expect(await page.getByTestId('fund-approve').count()).toBe(0);
    await shot(page, 'fund-proposed');
    await context.close();

    const second = await session.newPage(desktop);
    await signInAs(second.page, manager.email);
    await second.page.goto(`/p/${propertyId}/billing/fund`);
    await second.page.getByTestId('fund-approve').click();
    await second.page.getByText('¥41,400.00', { exact: true }).first().waitFor();
    expect(await second.page.getByTestId('fund-balance').textContent()).toBe('¥41,400.00');
    expect(await second.page.getByTestId('fund-ledger').textContent()).toContain(
      '专项维修：3号楼屋面防水专项维修',
    );
    // The month's bank reconciliation: the bank shows ¥41,400.00, the ledger agrees.
    await second.page.getByTestId('fund-open-reconciliation').click();
    await second.page.getByTestId('fund-month').selectOption('2026-09');
    await second.page.getByTestId('fund-amount').fill('41400');
    await second.page.getByTestId('fund-text').fill('与开户银行对账单核对一致');
    await second.page.getByTestId('fund-form-reconciliation').getByRole('button', { name: '登记' }).click();
    await second.page.getByText('差额 ¥0.00').waitFor();
    noEnglish((await second.page.locator('main').textContent()) ?? '');
    await shot(second.page, 'fund-ledger');

    await second.page.goto(`/p/${propertyId}/billing/fund/publication/2026-H2`);
    await second.page.getByTestId('fund-publication-sheet').waitFor();
    expect(await second.page.getByTestId('fund-closing').textContent()).toBe('¥41,400.00');
    const sheet = (await second.page.getByTestId('fund-publication-sheet').textContent()) ?? '';
    expect(sheet).toContain('本期使用：专项维修');
    expect(sheet).toContain('与开户银行对账单核对一致');
    noEnglish(sheet);
    await second.page.emulateMedia({ media: 'print' });
    expect(await second.page.locator('.topbar').isVisible()).toBe(false);
    await shot(second.page, 'fund-publication-print');
    await second.context.close();
  });
});

describe('fee accounts', () => {
  it('finance: enters a spending of the half year; the accounts and their print view show the balance', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, finance.email);
    await page.goto(`/p/${propertyId}/billing/fee-accounts`);
    await page.getByTestId('fee-accounts-half').selectOption('2026-H2');
    // August's first household paid ¥307.58; nothing else was received in the half year.
    await page.getByText('¥307.58', { exact: true }).first().waitFor();
    expect(await page.getByTestId('fee-accounts-income').textContent()).toBe('¥307.58');
    await page.getByTestId('spending-month').selectOption('2026-08');
    await page.getByTestId('spending-category').selectOption('cleaning');
    await page.getByTestId('spending-amount').fill('150');
    await page.getByTestId('spending-note').fill('8月保洁耗材');
    await page.getByTestId('fee-spending-form').getByRole('button', { name: '登记' }).click();
    await page.getByTestId('fee-spending-entries').waitFor();
    expect(await page.getByTestId('fee-accounts-spending').textContent()).toBe('¥150.00');
    expect(await page.getByTestId('fee-accounts-balance').textContent()).toBe('¥157.58');
    noEnglish((await page.locator('main').textContent()) ?? '');
    await shot(page, 'fee-accounts');
    await page.getByTestId('fee-accounts-print').click();
    await page.getByTestId('fee-accounts-sheet').waitFor();
    expect(await page.getByTestId('fee-accounts-sheet').textContent()).toContain('保洁费用');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.nav').isVisible()).toBe(false);
    await shot(page, 'fee-accounts-print');
    await context.close();
  });
});

describe('collection settings', () => {
  it('finance: late fees are off until turned on with their rate, grace days, cap and clause', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, finance.email);
    await page.goto(`/p/${propertyId}/settings`);
    await page.getByRole('tab', { name: '收费' }).click();
    await page.getByTestId('collection-settings').waitFor();
    expect(await page.getByTestId('late-fee-enabled').isChecked()).toBe(false);
    expect(await page.getByTestId('late-fee-terms').count()).toBe(0);
    await page.getByTestId('late-fee-enabled').check();
    await page.getByTestId('late-fee-rate').fill('3');
    await page.getByTestId('late-fee-grace').fill('30');
    await page
      .getByTestId('late-fee-clause')
      .fill('《物业服务合同》第十五条：逾期缴纳的，按日加收万分之三的滞纳金。');
    expect(await page.getByTestId('late-fee-example').textContent()).toContain('逾期 30 天后');
    await page.getByTestId('collection-settings').getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存', { exact: true }).waitFor();
    noEnglish((await page.getByTestId('collection-settings').textContent()) ?? '');
    await shot(page, 'collection-settings');
    const saved = await api<{
      lateFee: { enabled: boolean; dailyRatePerTenThousand: number; graceDays: number };
    }>(`/api/billing/properties/${propertyId}/collection-settings`, await tokenFor(finance.email));
    expect(saved.body.lateFee).toMatchObject({ enabled: true, dailyRatePerTenThousand: 3, graceDays: 30 });
    await context.close();
  });
});
