import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoAccount, demoAccounts, desktop, e2eSession, propertyIdOf, signInAs } from './support.ts';

const session = e2eSession({ shotPrefix: 'urgent-' });
let frontDesk: DemoAccount;
let manager: DemoAccount;

beforeAll(async () => {
  const accounts = await demoAccounts(session.host.url);
  frontDesk = accounts.find((a) => a.email.startsWith('frontdesk.shja'))!;
  manager = accounts.find(
    (a) => a.roles.includes('property_manager') && a.properties[0] === frontDesk?.properties[0],
  )!;
  expect(frontDesk && manager, 'the demo front desk and project manager of SHJA').toBeTruthy();
});

describe('an urgent complaint by phone', () => {
  it('front desk records it → the project manager’s notification centre has it → acknowledged → the list counts down the 72-hour reply', async () => {
    const summary = '12号楼电梯困人二十分钟，物业无人到场';

    // Front desk takes the call in the ledger and marks the complaint urgent.
    const desk = await session.newPage(desktop);
    const failures: string[] = [];
    desk.page.on('pageerror', (e) => failures.push(e.message));
    await signInAs(desk.page, frontDesk.email);
    const propertyId = propertyIdOf(desk.page);
    await desk.page.goto(`/p/${propertyId}/ledger`);
    const form = desk.page.getByTestId('ledger-form');
    await form.waitFor();
    await form.locator('input[name="callerName"]').fill('刘女士');
    await form.locator('input[name="callerPhone"]').fill('13698765432');
    await form.locator('label:has(input[name="category"][value="complaint"])').click();
    await form.locator('textarea[name="summary"]').fill(summary);
    await form.locator('label:has(input[name="severity"][value="urgent"])').click();
    await form.locator('select[name="complaintCategory"]').selectOption('facilities');
    await session.shot(desk.page, 'ledger');
    await desk.page.getByTestId('ledger-submit').click();
    await desk.page.getByTestId('ledger-saved').waitFor();
    const ticketPath = new URL(
      (await desk.page.getByTestId('saved-ticket-link').getAttribute('href'))!,
      session.host.url,
    ).pathname;
    const ticketId = ticketPath.split('/').pop()!;
    expect(failures).toEqual([]);
    await desk.context.close();

    // The project manager has it at once, before any SLA sweep: unread and marked urgent.
    const pm = await session.newPage(desktop);
    pm.page.on('pageerror', (e) => failures.push(e.message));
    await signInAs(pm.page, manager.email);
    await expect
      .poll(async () => Number((await pm.page.getByTestId('bell-count').textContent()) ?? 0))
      .toBeGreaterThan(0);
    await pm.page.getByTestId('bell').click();
    const notice = pm.page.getByTestId('notification').filter({ hasText: '12号楼电梯困人' }).first();
    await notice.waitFor();
    expect(await notice.getAttribute('data-unread')).toBe('true');
    expect(await notice.textContent()).toContain('紧急投诉');
    await session.shot(pm.page, 'notification-centre');

    // Opening it leads to the complaint; acknowledging it stops the escalation ladder.
    await notice.click();
    await pm.page.waitForURL(`**${ticketPath}`);
    await expect.poll(() => pm.page.getByTestId('ticket-state').textContent()).toBe('已记录');
    await pm.page.locator('.action-buttons button[data-action="acknowledge"]').click();
    // Its one field, a note, is optional.
    const ackForm = pm.page.locator('form[data-action="acknowledge"]');
    await ackForm.locator('input[name="note"]').fill('已致电刘女士致歉，维修人员已出发');
    await ackForm.locator('button[type="submit"]').click();
    await expect.poll(() => pm.page.getByTestId('ticket-state').textContent()).toBe('已致歉受理');
    expect(await pm.page.getByTestId('timeline').textContent()).toContain('向投诉人致歉并受理');
    await session.shot(pm.page, 'acknowledged');

    // The complaint list shows it urgent with the reply countdown running (72 h, not yet late).
    await pm.page.goto(`/p/${propertyId}/tickets`);
    await pm.page.locator('[data-kind="complaint"]').click();
    const row = pm.page.locator(`tr[data-ticket="${ticketId}"]`);
    await row.waitFor();
    expect(await row.locator('.urgent-mark').count()).toBe(1);
    const badge = row.locator('.sla-badge');
    await expect.poll(() => badge.getAttribute('data-sla')).toBe('left');
    expect(await badge.textContent()).toMatch(/剩余/);
    await session.shot(pm.page, 'list-countdown');
    expect(failures).toEqual([]);
    await pm.context.close();
  });
});
