import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoAccount, demoAccounts, desktop, e2eSession, propertyIdOf, signInAs } from './support.ts';

const phone = { width: 375, height: 812 };

const session = e2eSession({ shotPrefix: 'tickets-' });
let frontDesk: DemoAccount;
let technician: DemoAccount;
let propertyId: string;
/** The repair recorded from the ledger in the first test and taken through to closing by the next ones. */
let ticketPath: string;

async function stateIs(page: Page, label: string) {
  await expect.poll(() => page.getByTestId('ticket-state').textContent()).toBe(label);
}

/** Picks a choice of an action form by tapping its label, as a person does. */
async function choose(page: Page, action: string, field: string, value: string) {
  await page
    .locator(`form[data-action="${action}"] label:has(input[data-field="${field}"][value="${value}"])`)
    .click();
}

async function takeAction(page: Page, action: string) {
  await page.locator(`.action-buttons button[data-action="${action}"]`).click();
}

async function offered(page: Page): Promise<string[]> {
  await page.locator('.ticket-actions').waitFor();
  return page
    .locator('.action-buttons button')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')!));
}

beforeAll(async () => {
  const accounts = await demoAccounts(session.host.url);
  frontDesk = accounts.find((a) => a.email.startsWith('frontdesk.shja'))!;
  technician = accounts.find((a) => a.email.startsWith('tech.shja'))!;
  expect(frontDesk && technician, 'demo front desk and technician of SHJA').toBeTruthy();
});

describe('service requests in the browser', () => {
  it('front desk: records a repair call in the ledger with the keyboard only', async () => {
    const { context, page } = await session.newPage(desktop);
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await signInAs(page, frontDesk.email);
    propertyId = propertyIdOf(page);
    await page.locator('[data-nav="ledger"]').click();
    await page.getByTestId('ledger-form').waitFor();
    await session.shot(page, 'ledger-desktop');

    // The unit field has the focus; Esc closes the list, then asks before it clears what was typed.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ledger-room');
    await page.keyboard.type('9-99');
    await page.locator('#ledger-room-list').waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.getByTestId('ledger-confirm-clear').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#ledger-room').inputValue()).toBe('');
    await page.locator('#ledger-room').focus();

    // "3-1502" and Enter picks the unit; Enter moves on from field to field.
    // A quick typist presses Enter before the search answers: the unit typed in full is taken.
    await page.keyboard.type('3-1502');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#ledger-room').inputValue()).toBe('3-1502');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('name'));
    await expect.poll(focused).toBe('household');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('callerName');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('张先生');
    await page.keyboard.press('Enter');
    await page.keyboard.type('13912345678');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('channel');
    expect(await page.locator('select[name="channel"]').inputValue()).toBe('phone');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('time');
    expect(await page.locator('input[name="time"]').inputValue()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('category');
    await page.keyboard.press('Space'); // 报修, the first category
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('summary');
    await page.keyboard.type('卫生间下水管漏水，楼下天花板渗水');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('place');
    await page.keyboard.type('卫生间');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('urgent');
    await page.keyboard.press('Enter'); // the last field: records the call

    const saved = page.getByTestId('ledger-saved');
    await saved.waitFor();
    expect(await saved.textContent()).toContain('已登记 张先生 的来电');
    expect(await saved.textContent()).toContain('报修');
    ticketPath = new URL(
      (await page.getByTestId('saved-ticket-link').getAttribute('href'))!,
      session.host.url,
    ).pathname;
    // Ready for the next call: the form is empty and the unit field has the focus again.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ledger-room');
    expect(await page.locator('input[name="callerName"]').inputValue()).toBe('');
    await expect
      .poll(() => page.locator('[data-testid="ledger-today"] tbody tr').first().textContent())
      .toContain('139****5678');
    await expect.poll(() => page.getByTestId('recent-caller').first().textContent()).toContain('张先生');
    expect(failures).toEqual([]);
    await context.close();
  });

  it('front desk: the ticket list shows the new repair with its countdown; verify and dispatch it', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, frontDesk.email);
    await page.goto(`/p/${propertyId}/tickets?kind=repair`);
    const ticketId = ticketPath.split('/').pop()!;
    const row = page.locator(`tr[data-ticket="${ticketId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('已登记');
    expect(await row.locator('.sla-badge').textContent()).toMatch(/^剩余 /);
    // The demo's overdue repair is red.
    await page.goto(`/p/${propertyId}/tickets`);
    await page.locator('.sla-badge[data-sla="overdue"]').first().waitFor();
    expect(await page.locator('.sla-badge[data-sla="overdue"]').first().textContent()).toMatch(/已超时/);
    expect(await page.locator('tr.row-urgent .urgent-mark').first().textContent()).toBe('紧急');
    await session.shot(page, 'list');

    await page.goto(ticketPath);
    await stateIs(page, '已登记');
    expect(await page.getByTestId('ticket-unit').textContent()).toBe('3-1502');
    expect(await page.locator('.ticket-head .sla-badge').count()).toBe(1);
    expect(await offered(page)).not.toContain('close');

    await takeAction(page, 'verify');
    await choose(page, 'verify', 'inScope', 'true');
    await page.locator('form[data-action="verify"] button[type="submit"]').click();
    await stateIs(page, '已核实');

    await takeAction(page, 'dispatch');
    const form = page.locator('form[data-action="dispatch"]');
    await form.locator('select[name="technicianId"]').selectOption({ label: technician.name });
    await form.locator('input[name="appointmentAt"]').fill('2030-01-15T10:00');
    await form.locator('button[type="submit"]').click();
    await stateIs(page, '已派工');
    expect(await page.getByTestId('timeline').textContent()).toContain(
      `${frontDesk.name} 派工给 ${technician.name}`,
    );
    await session.shot(page, 'detail-desktop');
    await context.close();
  });

  it('technician: on a phone, finds the job in my jobs, starts and completes it', async () => {
    const { context, page } = await session.newPage(phone);
    await signInAs(page, technician.email);
    await page.locator('[data-nav="myJobs"]').click();
    const ticketId = ticketPath.split('/').pop()!;
    const card = page.locator(`.job-card[data-ticket="${ticketId}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain('3-1502');
    expect(await card.textContent()).toContain('卫生间下水管漏水');
    expect(await card.textContent()).toContain('已派工');
    const box = (await card.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(320);
    expect(box.height).toBeGreaterThanOrEqual(88);
    await session.shot(page, 'my-jobs-phone');

    await card.click();
    await stateIs(page, '已派工');
    const start = page.locator('.action-buttons button[data-action="start"]');
    expect((await start.boundingBox())!.width).toBeGreaterThanOrEqual(300);
    expect(await offered(page)).not.toContain('dispatch');
    await start.click();
    await stateIs(page, '维修中');

    await takeAction(page, 'complete');
    const form = page.locator('form[data-action="complete"]');
    await form.locator('textarea[name="workDone"]').fill('更换下水管接头，已试水不漏');
    // A free repair: 完工 asks for no fee.
    expect(await form.locator('input[name="feeCents"]').count()).toBe(0);
    await session.shot(page, 'detail-phone-form');
    await form.locator('button[type="submit"]').click();
    await stateIs(page, '已完工');
    // The page fits the phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await session.shot(page, 'detail-phone');
    await context.close();
  });

  it('front desk: records the household’s acceptance, follows up, and only then may close', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, frontDesk.email);
    await page.goto(ticketPath);
    await stateIs(page, '已完工');
    expect(await offered(page)).not.toContain('close');

    await takeAction(page, 'accept');
    await choose(page, 'accept', 'method', 'verbal');
    await page.locator('form[data-action="accept"] button[type="submit"]').click();
    await stateIs(page, '业户已验收');
    expect(await offered(page)).toEqual(expect.arrayContaining(['followUp']));
    expect(await offered(page)).not.toContain('close');

    await takeAction(page, 'followUp');
    const form = page.locator('form[data-action="followUp"]');
    await choose(page, 'followUp', 'satisfied', 'true');
    await form.locator('textarea[name="comment"]').fill('业户表示满意');
    await form.locator('button[type="submit"]').click();
    await stateIs(page, '已回访');
    expect(await offered(page)).toContain('close');

    await takeAction(page, 'close');
    await stateIs(page, '已关闭');
    expect(await page.locator('.action-buttons button').count()).toBe(0);
    expect(await page.getByTestId('timeline').textContent()).toContain('回访：业户满意');
    await context.close();
  });

  it('front desk: acting on a ticket someone else just changed is told so and sees the new state', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, frontDesk.email);
    await page.goto(`/p/${propertyId}/tickets?kind=repair&state=registered`);
    const row = page.locator('[data-testid="tickets-table"] tbody tr').first();
    await row.waitFor();
    await row.click();
    await stateIs(page, '已登记');
    // Someone else verifies it meanwhile (through the API, with their own session).
    const token = await page.evaluate(() => sessionStorage.getItem('propdesk.idToken'));
    const path = new URL(page.url()).pathname.replace(/^\/p\//, '/api/tickets/properties/');
    const current = await (
      await fetch(`${session.host.url}${path}`, { headers: { Authorization: `Bearer ${token}` } })
    ).json();
    const other = await fetch(`${session.host.url}${path}/actions/verify`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: current.ticket.version, input: { inScope: true } }),
    });
    expect(other.status).toBe(200);

    await takeAction(page, 'cancel');
    await page.locator('form[data-action="cancel"] input[name="reason"]').fill('业户自行修好');
    await page.locator('form[data-action="cancel"] button[type="submit"]').click();
    await page.getByText('此工单已被他人更新').waitFor();
    await stateIs(page, '已核实');
    await context.close();
  });
});
