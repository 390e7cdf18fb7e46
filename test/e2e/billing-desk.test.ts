import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type DemoAccount,
  demoAccounts,
  desktop,
  e2eSession,
  signInAs,
  tablet,
  useHostDatabase,
} from './support.ts';

const period = '2026-05';
const session = e2eSession({ shotPrefix: 'billing-desk-' });
const { api, tokenFor } = session;
let desk: DemoAccount;
let finance: DemoAccount;
let finance2: DemoAccount;
let propertyId: string;
let household: { id: string; name: string; unitId: string };
let roomCode: string;
/** The receipts of the partial cash payment and of the overpayment, as the desk showed them. */
let firstReceipt = '';
let secondReceipt = '';

/** Counts window.print() calls instead of opening the print dialog. */
async function countPrints(context: BrowserContext) {
  await context.addInitScript(() => {
    const w = window as unknown as { printed: number; print: () => void };
    w.printed = 0;
    w.print = () => {
      w.printed += 1;
    };
  });
}
const printed = (page: Page) => page.evaluate(() => (window as unknown as { printed: number }).printed);

/** Text on a zh-CN page must not leak English words or raw codes. */
async function expectNoEnglish(page: Page) {
  const text = (await page.locator('main').textContent()) ?? '';
  expect(text.match(/\b[a-z]{3,}(_[a-z]+)*\b/g) ?? []).toEqual([]);
}

/**
 * One request of a past month (fixed: nothing depends on today's date), put in the host's own database
 * as the bill run puts one (test/support/billing.ts), for the household of a demo room.
 */
beforeAll(async () => {
  const accounts = await demoAccounts(session.host.url);
  desk = accounts.find((a) => a.email.startsWith('frontdesk.shja'))!;
  finance = accounts.find((a) => a.email.startsWith('finance.shja'))!;
  finance2 = accounts.find((a) => a.email.startsWith('finance2.shja'))!;
  const deskToken = await tokenFor(desk.email);
  const me = await api<{ properties: { id: string }[] }>('/api/directory/me', deskToken);
  propertyId = me.body.properties[0]!.id;
  const households = await api<{ items: { id: string; name: string; unitId: string }[] }>(
    `/api/directory/properties/${propertyId}/households?limit=1`,
    deskToken,
  );
  household = households.body.items[0]!;
  const unit = await api<{ id: string; buildingId: string; roomCode: string }>(
    `/api/directory/properties/${propertyId}/units/${household.unitId}`,
    deskToken,
  );
  roomCode = unit.body.roomCode;
  useHostDatabase(session.host);
  const { issueTestRequest } = await import('../support/billing.ts');
  const { asSystemOf } = await import('../../functions/shared/actor.ts');
  await asSystemOf(propertyId, () =>
    issueTestRequest(
      { property: { id: propertyId } as never, unit: unit.body as never, household: household as never },
      period,
      [
        { name: '物业管理费（住宅）', amountCents: 26_283 },
        { name: '房屋设备运行费', amountCents: 4_475 },
      ],
    ),
  );
});

describe('billing desk', () => {
  it('front desk: opens a cashier shift before taking payments', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, desk.email);
    await page.getByRole('link', { name: '收银交班' }).click();
    await page.getByTestId('shift-open').click();
    const current = page.getByTestId('shift-current');
    await current.waitFor();
    await expect(current.getByTestId('shift-expected').textContent()).resolves.toBe('¥0.00');
    await expectNoEnglish(page);
    await session.shot(page, 'shift-open');
    await context.close();
  });

  it('front desk: finds the room, takes a partial payment in cash, reads out the receipt number and prints it', async () => {
    const { context, page } = await session.newPage(desktop);
    await countPrints(context);
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await signInAs(page, desk.email);
    await page.getByRole('link', { name: '前台收费' }).click();
    // Typed the way a clerk says it, with a space for the dash.
    await page.getByTestId('desk-room').fill(roomCode.replace('-', ' '));
    await page.getByTestId('desk-room').press('Enter');
    await page.getByTestId('desk-household').waitFor();
    await expect(page.getByTestId('desk-open').textContent()).resolves.toBe('¥307.58');
    const request = page.locator(`[data-testid="desk-request"][data-period="${period}"]`);
    await expect(request.textContent()).resolves.toContain('物业管理费（住宅）');
    await expect(request.textContent()).resolves.toContain('¥262.83');

    await page.getByTestId('desk-amount').fill('100');
    await page.getByText('部分缴费：收款后仍欠 ¥207.58。').waitFor();
    await expect(page.getByTestId('desk-channel').inputValue()).resolves.toBe('cash');
    await session.shot(page, 'partial');
    await page.getByTestId('desk-submit').click();
    // The room's figures are read again after the payment: they follow shortly.
    const number = page.getByTestId('receipt-number');
    await number.waitFor();
    firstReceipt = (await number.textContent()) ?? '';
    expect(firstReceipt).toMatch(/^\d{8}$/);
    await expect.poll(() => page.getByTestId('desk-open').textContent()).toBe('¥207.58');
    await expectNoEnglish(page);
    await session.shot(page, 'receipt-taken');

    await page.getByTestId('desk-print').click();
    const sheet = page.getByTestId('receipt-sheet');
    await sheet.waitFor();
    await expect(sheet.getByTestId('receipt-number').textContent()).resolves.toBe(firstReceipt);
    await expect(page.getByTestId('receipt-amount').textContent()).resolves.toBe('¥100.00');
    await expect(page.getByTestId('receipt-words').textContent()).resolves.toBe('壹佰元整');
    const text = (await sheet.textContent()) ?? '';
    expect(text).toContain('静安悦府');
    expect(text).toContain(roomCode);
    expect(text).toContain('现金');
    expect(text).not.toContain('补打');
    await page.getByTestId('print-now').click();
    expect(await printed(page)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.print-toolbar').isVisible()).toBe(false);
    await session.shot(page, 'receipt-print');
    await page.emulateMedia({ media: 'screen' });

    // Printing it again is a reprint: registered with its reason, and the sheet says 补打.
    await page.getByTestId('reprint').click();
    await page.getByTestId('reprint-reason').fill('住户遗失原收据');
    await page.getByTestId('reprint-confirm').click();
    await page.getByTestId('receipt-reprint').waitFor();
    await expect(page.getByTestId('receipt-reprint').textContent()).resolves.toBe('补打（第 1 次）');
    await expect.poll(() => printed(page)).toBe(2);
    await expect(page.getByTestId('receipt-register').textContent()).resolves.toContain('住户遗失原收据');
    await session.shot(page, 'receipt-reprint');
    expect(failures).toEqual([]);
    await context.close();
  });

  it('front desk on a tablet: an overpayment says it becomes prepayment credit, and the credit shows', async () => {
    const { context, page } = await session.newPage(tablet);
    await signInAs(page, desk.email);
    await page.goto(`/p/${propertyId}/billing/desk`);
    await page.getByTestId('desk-room').fill(roomCode);
    await page.getByTestId('desk-find').click();
    await expect(page.getByTestId('desk-open').textContent()).resolves.toBe('¥207.58');
    await page.getByTestId('desk-amount').fill('300');
    await expect(page.getByTestId('desk-overpay').textContent()).resolves.toContain(
      '多出的 ¥92.42 将存为该住户的预存款',
    );
    // A statement's channel needs its reference: the desk enters WeChat Pay with its 流水号.
    await page.getByTestId('desk-channel').selectOption('wechat');
    await page.getByTestId('desk-reference').fill('4200001234202605150012345678');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await session.shot(page, 'overpay-tablet');
    await page.getByTestId('desk-submit').click();
    await page.getByTestId('desk-credit-kept').waitFor();
    await expect(page.getByTestId('desk-credit-kept').textContent()).resolves.toBe(
      '其中 ¥92.42 已存为预存款。',
    );
    await expect.poll(() => page.getByTestId('desk-credit').textContent()).toBe('¥92.42');
    await expect.poll(() => page.getByTestId('desk-open').textContent()).toBe('¥0.00');
    secondReceipt = (await page.getByTestId('receipt-number').textContent()) ?? '';
    expect(Number(secondReceipt)).toBe(Number(firstReceipt) + 1);
    await expectNoEnglish(page);
    await session.shot(page, 'credit-tablet');
    await context.close();
  });

  it('finance: asks to void the WeChat receipt; cannot approve it oneself; a second finance person approves; it prints 作废 with the same number', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, finance.email);
    await page.getByRole('link', { name: '收据', exact: true }).click();
    const row = page.locator(`[data-testid="receipt-row"][data-receipt="${Number(secondReceipt)}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('微信支付');
    await row.getByTestId('ask-void').click();
    await page.getByTestId('ask-reason').fill('微信流水金额录入错误，应为 ¥207.58');
    await page.getByTestId('ask-submit').click();
    await page.getByText(`已申请作废收据 ${secondReceipt}，等待另一位财务人员审批。`).waitFor();
    // The list reloads after the sentence appears: wait for the row to show the ask.
    await expect.poll(() => row.textContent()).toContain('待审批');
    await expectNoEnglish(page);
    await session.shot(page, 'receipts-void-asked');

    // The one who asked cannot approve: the server says so, and the page shows its sentence.
    await page.getByRole('link', { name: '审批', exact: true }).click();
    const ask = page.locator(`[data-testid="approval"][data-receipt="${Number(secondReceipt)}"]`);
    await ask.getByTestId('approve').click();
    await ask.getByRole('alert').waitFor();
    await expect(ask.getByRole('alert').textContent()).resolves.toBe(
      '需由另一位财务人员审批：申请人不能审批自己提交的申请。',
    );
    await expectNoEnglish(page);
    await session.shot(page, 'approvals-own');
    await context.close();

    const second = await session.newPage(desktop);
    await signInAs(second.page, finance2.email);
    await second.page.goto(`/p/${propertyId}/billing/approvals`);
    const same = second.page.locator(`[data-testid="approval"][data-receipt="${Number(secondReceipt)}"]`);
    await expect(same.textContent()).resolves.toContain('微信流水金额录入错误');
    await same.getByTestId('approve').click();
    await expect(second.page.getByTestId('approval-done').textContent()).resolves.toBe(
      `已批准：作废收据 ${secondReceipt}。`,
    );
    await session.shot(second.page, 'approvals-approved');

    await second.page.goto(`/p/${propertyId}/billing/receipts/${Number(secondReceipt)}`);
    await second.page.getByTestId('receipt-stamp').waitFor();
    await expect(second.page.getByTestId('receipt-stamp').textContent()).resolves.toBe('作废');
    await expect(
      second.page.getByTestId('receipt-sheet').getByTestId('receipt-number').textContent(),
    ).resolves.toBe(secondReceipt);
    await expect(second.page.getByTestId('receipt-reversal').textContent()).resolves.toContain('已作废');
    await second.page.emulateMedia({ media: 'print' });
    await session.shot(second.page, 'receipt-void-print');
    await second.context.close();
  });

  it('front desk: closes the shift with the cash counted short; a finance lead signs the variance off', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, desk.email);
    await page.goto(`/p/${propertyId}/billing/shift`);
    const current = page.getByTestId('shift-current');
    await current.waitFor();
    // The cash receipt counts; the voided WeChat one is counted apart.
    await expect(current.getByTestId('shift-expected').textContent()).resolves.toBe('¥100.00');
    await expect(current.textContent()).resolves.toContain('其中 1 张已作废或退款');
    await page.getByTestId('shift-counted-input').fill('98.50');
    await expect(
      page.getByTestId('shift-close-form').getByTestId('shift-variance').textContent(),
    ).resolves.toBe('-¥1.50（短款）');
    await page.getByTestId('shift-handover-input').fill(`${roomCode} 业主下午来补交欠款`);
    await session.shot(page, 'shift-close');
    await page.getByTestId('shift-close').click();
    const closed = page.getByTestId('shift-closed');
    await closed.waitFor();
    await expect(closed.getByTestId('shift-counted').textContent()).resolves.toBe('¥98.50');
    await expect(closed.getByTestId('shift-variance').textContent()).resolves.toBe('-¥1.50（短款）');
    await expectNoEnglish(page);
    await session.shot(page, 'shift-closed');
    await context.close();

    const lead = await session.newPage(desktop);
    await signInAs(lead.page, finance.email);
    await lead.page.goto(`/p/${propertyId}/billing/shift`);
    const waiting = lead.page.locator(`[data-testid="shift-waiting"][data-cashier="${desk.name}"]`);
    await expect(waiting.getByTestId('shift-variance').textContent()).resolves.toBe('-¥1.50（短款）');
    await expect(waiting.getByTestId('shift-handover').textContent()).resolves.toContain(
      '业主下午来补交欠款',
    );
    await session.shot(lead.page, 'shift-waiting');
    await waiting.getByTestId('shift-sign-off').click();
    await expect(lead.page.getByTestId('shift-signed').textContent()).resolves.toBe(
      `已签核 ${desk.name} 的班次。`,
    );
    await expect.poll(() => waiting.count()).toBe(0);
    await expectNoEnglish(lead.page);
    await lead.page.evaluate(() => scrollTo(0, 0));
    await session.shot(lead.page, 'shift-signed');
    await lead.context.close();
  });

  it('front desk: asks to refund part of a household’s prepayment credit; a second finance person approves it', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, desk.email);
    await page.goto(`/p/${propertyId}/billing/desk`);
    await page.getByTestId('desk-room').fill(roomCode);
    await page.getByTestId('desk-find').click();
    // The void gave back what the WeChat payment paid: the month is owed again, its credit taken out.
    await expect(page.getByTestId('desk-open').textContent()).resolves.toBe('¥207.58');
    await expect(page.getByTestId('desk-credit').textContent()).resolves.toBe('¥0.00');
    await page.getByTestId('desk-amount').fill('250');
    await page.getByTestId('desk-submit').click();
    await page.getByTestId('desk-credit-kept').waitFor();
    await expect.poll(() => page.getByTestId('desk-credit').textContent()).toBe('¥42.42');
    await page.getByTestId('desk-credit-refund').click();
    await page.getByTestId('credit-refund-amount').fill('20');
    await page.getByTestId('credit-refund-reason').fill('业主要求退回部分预存款');
    await session.shot(page, 'credit-refund');
    await page.getByTestId('credit-refund-submit').click();
    await page.getByText('已申请退还预存款，等待另一位财务人员在“审批”中处理。').waitFor();
    await context.close();

    const second = await session.newPage(desktop);
    await signInAs(second.page, finance2.email);
    await second.page.goto(`/p/${propertyId}/billing/approvals`);
    const ask = second.page.getByTestId('approval').filter({ hasText: '退还预存款' });
    await expect(ask.textContent()).resolves.toContain('¥20.00');
    await ask.getByTestId('approve').click();
    await expect(second.page.getByTestId('approval-done').textContent()).resolves.toBe(
      `已批准：退还预存款 ${roomCode} ¥20.00。`,
    );
    await second.page.goto(`/p/${propertyId}/billing/desk`);
    await second.page.getByTestId('desk-room').fill(roomCode);
    await second.page.getByTestId('desk-find').click();
    await expect(second.page.getByTestId('desk-credit').textContent()).resolves.toBe('¥22.42');
    await second.context.close();
  });

  it('finance: lists the front desk’s receipts of the day they were taken; a refund asked is refused and the receipt stays valid', async () => {
    const financeToken = await tokenFor(finance.email);
    const n = Number(firstReceipt) + 2;
    const taken = await api<{ receipt: { takenAt: string } }>(
      `/api/billing/properties/${propertyId}/receipts/${n}`,
      financeToken,
    );
    // The day the test's own payment was taken, on the property's clock (Asia/Shanghai).
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
      new Date(taken.body.receipt.takenAt),
    );
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, finance.email);
    await page.goto(`/p/${propertyId}/billing/receipts`);
    await page.getByTestId('receipt-row').first().waitFor();
    await page.getByTestId('receipts-cashier').selectOption({ label: desk.name });
    const third = page.locator(`[data-testid="receipt-row"][data-receipt="${n}"]`);
    const dayBefore = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('receipts-day').fill(dayBefore);
    await page.getByText('没有符合条件的收据。').waitFor();
    await page.getByTestId('receipts-day').fill(day);
    await third.waitFor();
    const cashiers = await page.locator('[data-testid="receipt-row"] td:nth-child(6)').allTextContents();
    expect(new Set(cashiers)).toEqual(new Set([desk.name]));
    await third.getByTestId('ask-refund').click();
    await page.getByTestId('ask-reason').fill('业主要求原路退回');
    await page.getByTestId('ask-submit').click();
    await expect.poll(() => third.textContent()).toContain('待审批');
    await session.shot(page, 'receipts-filtered');
    await context.close();

    const second = await session.newPage(desktop);
    await signInAs(second.page, finance2.email);
    await second.page.goto(`/p/${propertyId}/billing/approvals`);
    const ask = second.page.locator(`[data-testid="approval"][data-receipt="${n}"]`);
    await expect(ask.textContent()).resolves.toContain('退款方式：现金');
    await ask.getByTestId('refuse').click();
    await second.page.getByTestId('approval-done').waitFor();
    await second.page.goto(`/p/${propertyId}/billing/receipts`);
    const row = second.page.locator(
      `[data-testid="receipt-row"][data-receipt="${Number(firstReceipt) + 2}"]`,
    );
    await expect(row.textContent()).resolves.toContain('有效（申请已驳回）');
    await expectNoEnglish(second.page);
    await session.shot(second.page, 'receipts-refused');
    await second.context.close();
  });
});
