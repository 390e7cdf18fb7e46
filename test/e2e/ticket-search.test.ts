import { beforeAll, describe, expect, it } from 'vitest';
import {
  callApi,
  type DemoAccount,
  demoAccounts,
  desktop,
  e2eSession,
  signInAs,
  tokenFor,
} from './support.ts';

const phone = { width: 375, height: 812 };

const session = e2eSession({ shotPrefix: 'search-' });
let frontDesk: DemoAccount;
let propertyId: string;
/** A repair the desk takes for this test: a caller nobody else in the demo has. */
let repair: { id: string; number: string; unitId: string; roomCode: string };

beforeAll(async () => {
  frontDesk = (await demoAccounts(session.host.url)).find((a) => a.email.startsWith('frontdesk.shja'))!;
  expect(frontDesk, 'demo front desk of SHJA').toBeTruthy();
  const token = await tokenFor(session.host.url, frontDesk.email);
  const me = await callApi<{ properties: { id: string; code: string }[] }>(
    session.host.url,
    token,
    '/api/directory/me',
  );
  propertyId = me.body.properties.find((p) => p.code === 'SHJA')!.id;
  const units = await callApi<{ items: { id: string; roomCode: string }[] }>(
    session.host.url,
    token,
    `/api/directory/properties/${propertyId}/units?limit=5`,
  );
  const unit = units.body.items[0]!;
  const opened = await callApi<{ ticket: { id: string; number: string } }>(
    session.host.url,
    token,
    `/api/tickets/properties/${propertyId}/contacts`,
    {
      time: new Date().toISOString(),
      channel: 'phone',
      caller: { name: '欧阳晓峰', phone: '13511117788' },
      unitId: unit.id,
      category: 'repair',
      summary: '客厅吊灯闪烁不亮',
    },
  );
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  repair = { ...opened.body.ticket, unitId: unit.id, roomCode: unit.roomCode };
});

describe('finding tickets in the browser', () => {
  it('front desk: finds a repair by the last 4 digits of the caller’s phone and sees its number', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, frontDesk.email);
    await page.goto(`/p/${propertyId}/tickets`);
    await page.getByTestId('tickets-table').waitFor();

    // The state filter: one group per kind, each state once in its group.
    const groups = await page.locator('[data-testid="state-filter"] optgroup').evaluateAll((els) =>
      els.map((g) => ({
        label: g.getAttribute('label'),
        options: [...g.querySelectorAll('option')].map((o) => o.textContent),
      })),
    );
    expect(groups.map((g) => g.label)).toEqual(['报修', '投诉', '咨询']);
    for (const g of groups) expect(new Set(g.options).size).toBe(g.options.length);

    await page.getByTestId('ticket-search').fill('7788');
    await page.getByTestId('ticket-search').press('Enter');
    await page.waitForURL(/q=7788/);
    const row = page.locator(`tr[data-ticket="${repair.id}"]`);
    await row.waitFor();
    await expect.poll(() => page.locator('[data-testid="tickets-table"] tbody tr').count()).toBe(1);
    expect(await row.locator('.ticket-number').textContent()).toBe(repair.number);
    await session.shot(page, 'by-phone-digits');

    // The detail: its number, and what the desk captured when the call was taken.
    await row.click();
    await page.getByTestId('ticket-detail').waitFor();
    expect(await page.getByTestId('ticket-number').textContent()).toBe(repair.number);
    const ledger = page.getByTestId('ledger-facts');
    await expect.poll(() => ledger.textContent()).toContain('客厅吊灯闪烁不亮');
    expect(await ledger.textContent()).toContain('135****7788');
    expect(await page.content()).not.toContain('13511117788');
    await session.shot(page, 'detail');

    // The unit page: its calls and tickets, newest first — this repair on top.
    await page.goto(`/p/${propertyId}/units/${repair.unitId}`);
    const history = page.getByTestId('unit-history');
    await history.locator('.history-row').first().waitFor();
    expect(await history.locator('.history-row').first().textContent()).toContain(repair.number);
    await session.shot(page, 'unit-history');

    // A complaint's detail says which category of complaint it is.
    await page.goto(`/p/${propertyId}/tickets?kind=complaint`);
    await page.locator('[data-testid="tickets-table"] tbody tr').first().click();
    await page.getByTestId('ticket-detail').waitFor();
    await expect.poll(() => page.locator('.facts').first().textContent()).toContain('投诉类别');
    await session.shot(page, 'complaint-detail');
    await context.close();
  });

  it('front desk on a phone: tickets are cards, due soonest first, nothing cut off at 375 px', async () => {
    const { context, page } = await session.newPage(phone);
    await signInAs(page, frontDesk.email);
    await page.goto(`/p/${propertyId}/tickets`);
    const cards = page.getByTestId('ticket-cards');
    await cards.locator('.ticket-card').first().waitFor();
    expect(await page.getByTestId('tickets-table').count()).toBe(0);
    // Every card fits the screen: its deadline badge is inside the viewport.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const badgeRight = await cards
      .locator('.ticket-card')
      .first()
      .locator('.ticket-card-top > :last-child')
      .evaluate((el) => el.getBoundingClientRect().right);
    expect(badgeRight).toBeLessThanOrEqual(375);
    await session.shot(page, 'phone-cards');

    await page.getByTestId('ticket-search').fill(repair.roomCode);
    await page.getByTestId('ticket-search').press('Enter');
    await cards.locator(`.ticket-card[data-ticket="${repair.id}"]`).waitFor();
    expect(await cards.locator(`.ticket-card[data-ticket="${repair.id}"] .ticket-number`).textContent()).toBe(
      repair.number,
    );
    await session.shot(page, 'phone-search');
    await context.close();
  });
});
