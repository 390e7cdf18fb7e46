import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { localCredentials } from '../../infra/local/dynamo.ts';
import { type DemoAccount, demoAccounts, desktop, e2eSession, signInAs, tablet } from './support.ts';

const period = '2026-05';
const session = e2eSession({ shotPrefix: 'billing-desk-' });
const { api, tokenFor } = session;
let desk: DemoAccount;
let propertyId: string;
let household: { id: string; name: string; unitId: string };
let roomCode: string;
/** The receipt of the partial cash payment, as the desk showed it. */
let firstReceipt = '';

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
  const endpoint = /DynamoDB Local .* at (http:\/\/127\.0\.0\.1:\d+)/.exec(session.host.output())?.[1];
  if (!endpoint) throw new Error(`The host did not say where its database is:\n${session.host.output()}`);
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    TABLE_NAME: 'propdesk',
  });
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
    const number = page.getByTestId('receipt-number');
    await number.waitFor();
    firstReceipt = (await number.textContent()) ?? '';
    expect(firstReceipt).toMatch(/^\d{8}$/);
    await expect(page.getByTestId('desk-open').textContent()).resolves.toBe('¥207.58');
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
    await expect(page.getByTestId('desk-credit').textContent()).resolves.toBe('¥92.42');
    await expect(page.getByTestId('desk-open').textContent()).resolves.toBe('¥0.00');
    const second = (await page.getByTestId('receipt-number').textContent()) ?? '';
    expect(Number(second)).toBe(Number(firstReceipt) + 1);
    await expectNoEnglish(page);
    await session.shot(page, 'credit-tablet');
    await context.close();
  });
});
