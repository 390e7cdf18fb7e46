import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoAccount, demoAccounts, desktop, e2eSession, signInAs, useHostDatabase } from './support.ts';

/** The phone the issue names: 375 × 812. */
const phone = { width: 375, height: 812 };
const period = '2026-06';

const session = e2eSession();
const { api, tokenFor } = session;
let desk: DemoAccount;
let manager: DemoAccount;
let propertyId: string;
let household: { id: string; name: string; unitId: string };
let roomCode: string;

/**
 * A request of a past month (fixed instants: nothing depends on today's date), put in the host's own
 * database as the bill run puts one; its notice sent and its collection task opened by the jobs' code.
 */
beforeAll(async () => {
  const accounts = await demoAccounts(session.host.url);
  desk = accounts.find((a) => a.email.startsWith('frontdesk.shja'))!;
  manager = accounts.find((a) => a.email.startsWith('manager.shja'))!;
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
  const { deliverForProperty } = await import('../../functions/billing/delivery/notices.ts');
  const { collectForProperty } = await import('../../functions/billing/collection/open-tasks.ts');
  await asSystemOf(propertyId, async () => {
    await issueTestRequest(
      { property: { id: propertyId } as never, unit: unit.body as never, household: household as never },
      period,
      [
        { name: '物业管理费（住宅）', amountCents: 26_283 },
        { name: '房屋设备运行费', amountCents: 4_475 },
      ],
      '2026-06-20',
    );
    await deliverForProperty(propertyId, new Date('2026-06-15T01:05:00.000Z'));
    await collectForProperty(propertyId, new Date('2026-06-21T01:00:00.000Z'));
  });
});

describe('collection', () => {
  it('collector on a phone (375×812): finds the household on the worklist and logs a promise to pay', async () => {
    const { context, page } = await session.newPage(phone);
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await signInAs(page, desk.email);
    await page.goto(`/p/${propertyId}/billing/collection`);
    const card = page.locator(`[data-testid="collect-card"][data-room="${roomCode}"]`);
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('¥307.58');
    // Nothing runs off the side of the phone.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(phone.width);
    await session.shot(page, 'collection-worklist-phone');

    await card.getByRole('link', { name: '记录上门' }).click();
    await page.getByTestId('visit-entry').waitFor();
    await page.getByLabel('承诺缴费').check();
    await page.getByTestId('promised-date').fill('2026-06-28');
    await page.getByRole('button', { name: '保存记录' }).click();
    await page.getByText('已记录。').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await session.shot(page, 'collection-visit-phone');
    expect(failures).toEqual([]);
    await context.close();
  });

  it('property manager: the arrears file shows the notice with its delivery, the visit and the promise', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, manager.email);
    await page.goto(`/p/${propertyId}/billing/arrears/${household.id}`);
    await page.getByTestId('arrears-file').waitFor();
    const notices = page.getByTestId('arrears-notices');
    await notices.waitFor();
    await expect(notices.textContent()).resolves.toContain('缴费通知');
    await expect(notices.textContent()).resolves.toContain('已发送');
    await expect(page.getByTestId('arrears-visits').textContent()).resolves.toContain('2026-06-28');
    await session.shot(page, 'arrears-file');
    await context.close();
  });

  it('property manager: prints the A4 request with its letterhead and the QR code to the household view', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, manager.email);
    await page.goto(`/p/${propertyId}/billing/requests/${period}/${household.id}/print`);
    const sheet = page.getByTestId('request-sheet');
    await sheet.waitFor();
    await expect(sheet.textContent()).resolves.toContain('付款请求书');
    await expect(page.getByTestId('request-balance').textContent()).resolves.toBe('¥307.58');
    expect(await page.getByTestId('request-qr').locator('svg').count()).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.print-toolbar').isVisible()).toBe(false);
    await session.shot(page, 'request-print');
    await context.close();
  });

  it('household on a phone: opens its bill from the link without signing in, its name masked; an altered link shows nothing', async () => {
    const printout = await api<{ householdLink: string }>(
      `/api/billing/properties/${propertyId}/payment-requests/${period}/${household.id}/printout`,
      await tokenFor(manager.email),
    );
    expect(printout.status).toBe(200);
    const { context, page } = await session.newPage(phone);
    await page.goto(printout.body.householdLink);
    await page.getByTestId('household-balance').waitFor();
    await expect(page.getByTestId('household-balance').textContent()).resolves.toContain('¥307.58');
    const text = (await page.getByTestId('household-view').textContent()) ?? '';
    expect(text).toContain(`${[...household.name][0]}*`);
    expect(text).not.toContain(household.name);
    expect(page.url()).not.toContain('sign-in');
    await session.shot(page, 'household-view-phone');

    await page.goto(`${printout.body.householdLink.slice(0, -3)}abc`);
    await page.getByRole('alert').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('链接无效');
    await context.close();
  });
});
