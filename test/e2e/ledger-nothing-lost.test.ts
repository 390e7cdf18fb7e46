import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoAccount, demoAccounts, desktop, e2eSession, signInAs } from './support.ts';

const session = e2eSession({ shotPrefix: 'ledger-' });
let frontDesk: DemoAccount;

const focusedName = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.id);
const room = (page: Page) => page.locator('#ledger-room');

beforeAll(async () => {
  frontDesk = (await demoAccounts(session.host.url)).find((a) => a.email.startsWith('frontdesk.shja'))!;
  expect(frontDesk, 'demo front desk of SHJA').toBeTruthy();
});

describe('ledger: nothing typed is lost', () => {
  it('front desk: Enter on a room that is no unit does not carry on; a similar room can be picked', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, frontDesk.email);
    await page.locator('[data-nav="ledger"]').click();
    await page.getByTestId('ledger-form').waitFor();
    // The room field takes the focus when the page opens: typing starts there.
    await expect.poll(() => focusedName(page)).toBe('room');

    await page.keyboard.type('3-1599');
    await page.keyboard.press('Enter');
    await page.getByTestId('room-must-choose').waitFor();
    expect(await page.getByTestId('room-unmatched').textContent()).toBe('没有找到房号 3-1599');
    // Still on the room: Enter again does not move on either.
    await page.keyboard.press('Enter');
    expect(await focusedName(page)).toBe('room');
    const similar = await page.getByTestId('room-suggestion').allTextContents();
    expect(similar.length).toBeGreaterThan(0);
    expect(similar.every((code) => code.startsWith('3-15'))).toBe(true);
    await session.shot(page, 'unmatched-room');

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => room(page).inputValue()).toBe(similar[0]);
    await expect.poll(() => focusedName(page)).not.toBe('room');
    expect(await page.getByTestId('room-must-choose').count()).toBe(0);
    await context.close();
  });

  it('front desk: records a call without a unit, the room kept as typed; a reload keeps the half-typed call; Esc asks and can be undone', async () => {
    const { context, page } = await session.newPage(desktop);
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await signInAs(page, frontDesk.email);
    await page.locator('[data-nav="ledger"]').click();
    await page.getByTestId('ledger-form').waitFor();
    // The room field takes the focus when the page opens: typing starts there.
    await expect.poll(() => focusedName(page)).toBe('room');

    await page.keyboard.type('9-9901');
    await page.keyboard.press('Enter');
    await page.getByTestId('room-must-choose').waitFor();
    // The last option keeps the room as typed.
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('[data-testid="room-without"]').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('room-flag').textContent()).toContain('9-9901');
    await expect.poll(() => focusedName(page)).toBe('callerName');
    await page.keyboard.type('赵女士');
    await page.locator('label.category-button', { hasText: '咨询' }).click();
    await page.locator('textarea[name="summary"]').fill('车位月卡怎么续费');

    // A reload (or a crashed tab) brings the half-typed call back.
    await page.reload();
    await page.getByTestId('ledger-draft-restored').waitFor();
    expect(await room(page).inputValue()).toBe('9-9901');
    expect(await page.locator('input[name="callerName"]').inputValue()).toBe('赵女士');
    expect(await page.locator('textarea[name="summary"]').inputValue()).toBe('车位月卡怎么续费');
    expect(await page.getByTestId('room-flag').textContent()).toContain('9-9901');
    await session.shot(page, 'draft-restored');

    // Esc asks first; Enter on the question clears; one undo brings everything back.
    await page.locator('input[name="callerName"]').focus();
    await page.keyboard.press('Escape');
    await page.getByTestId('ledger-confirm-clear').waitFor();
    expect(await page.locator('input[name="callerName"]').inputValue()).toBe('赵女士');
    await session.shot(page, 'clear-confirm');
    await page.keyboard.press('Enter');
    await page.getByTestId('ledger-cleared').waitFor();
    expect(await room(page).inputValue()).toBe('');
    expect(await page.locator('input[name="callerName"]').inputValue()).toBe('');
    await session.shot(page, 'cleared-undo');
    await page.getByTestId('ledger-undo').click();
    await expect.poll(() => room(page).inputValue()).toBe('9-9901');
    expect(await page.locator('input[name="callerName"]').inputValue()).toBe('赵女士');
    expect(await page.locator('textarea[name="summary"]').inputValue()).toBe('车位月卡怎么续费');
    expect(await page.getByTestId('room-flag').textContent()).toContain('9-9901');
    expect(await page.getByTestId('ledger-cleared').count()).toBe(0);

    // Esc then "keep typing" changes nothing.
    await page.locator('input[name="callerName"]').focus();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '继续填写' }).click();
    expect(await page.locator('input[name="callerName"]').inputValue()).toBe('赵女士');

    await page.keyboard.press('Control+Enter');
    const saved = page.getByTestId('ledger-saved');
    await saved.waitFor();
    expect(await saved.textContent()).toContain('已登记 赵女士 的来电');
    const typedRow = page.locator('[data-testid="ledger-today"] tbody tr', { hasText: '车位月卡怎么续费' });
    await expect.poll(() => typedRow.getByTestId('ledger-room-typed').textContent()).toContain('9-9901');
    expect(await typedRow.textContent()).toContain('未匹配');
    await session.shot(page, 'recorded-without-unit');
    const ticketHref = (await page.getByTestId('saved-ticket-link').getAttribute('href'))!;

    // Recorded: the draft is gone.
    await page.reload();
    await page.getByTestId('ledger-form').waitFor();
    expect(await room(page).inputValue()).toBe('');
    expect(await page.getByTestId('ledger-draft-restored').count()).toBe(0);

    await page.goto(ticketHref);
    await page.getByTestId('ticket-room-typed').waitFor();
    expect(await page.getByTestId('ticket-room-typed').textContent()).toContain('9-9901');
    await session.shot(page, 'ticket-room-typed');
    expect(failures).toEqual([]);
    await context.close();
  });
});
