import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoAccount, demoAccounts, desktop, e2eSession, signInAs } from './support.ts';

/** The phone the issue names: 375 × 812. */
const phone = { width: 375, height: 812 };
const householdPhone = '13987654321';

const session = e2eSession({ fullPage: false });
let frontDesk: DemoAccount;
let technician: DemoAccount;
let manager: DemoAccount;
let technicianId: string;
let propertyId: string;

const { tokenFor } = session;
const { api } = session;

type Acted = { ticket: { id: string; version: number } };

/** The desk takes a call and dispatches the repair to the technician, through the API. */
async function dispatchedRepair(summary: string, appointmentAt: Date) {
  const desk = await tokenFor(frontDesk.email);
  const base = `/api/tickets/properties/${propertyId}`;
  const recorded = await api<Acted>(`${base}/contacts`, desk, {
    time: new Date().toISOString(),
    channel: 'phone',
    caller: { name: '赵女士', phone: householdPhone },
    category: 'repair',
    summary,
    ticket: { location: { place: '5号楼 1 单元 大堂' } },
  });
  expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
  let ticket = recorded.body.ticket;
  for (const [action, input] of [
    ['verify', { inScope: true }],
    ['dispatch', { technicianId, appointmentAt: appointmentAt.toISOString() }],
  ] as const) {
    const acted = await api<Acted>(`${base}/tickets/${ticket.id}/actions/${action}`, desk, {
      version: ticket.version,
      input,
    });
    expect(acted.status, JSON.stringify(acted.body)).toBe(200);
    ticket = acted.body.ticket;
  }
  return ticket.id;
}

beforeAll(async () => {
  const accounts = await demoAccounts(session.host.url);
  frontDesk = accounts.find((a) => a.email.startsWith('frontdesk.shja'))!;
  technician = accounts.find((a) => a.email.startsWith('tech.shja'))!;
  manager = accounts.find(
    (a) => a.roles.includes('property_manager') && a.properties[0] === frontDesk.properties[0],
  )!;
  expect(frontDesk && technician && manager, 'demo front desk, technician and manager of SHJA').toBeTruthy();
  const me = await api<{ staff: { id: string }; properties: { id: string }[] }>(
    '/api/directory/me',
    await tokenFor(technician.email),
  );
  technicianId = me.body.staff.id;
  propertyId = me.body.properties[0]!.id;
});

describe('a technician on a phone (375×812)', () => {
  it('technician: told of a dispatched repair, calls the household from the job and completes it', async () => {
    const jobId = await dispatchedRepair('大堂感应门关不上', new Date(Date.now() + 2 * 3_600_000));
    const missedId = await dispatchedRepair('地下车库照明不亮', new Date(Date.now() - 30 * 60_000));

    const { context, page } = await session.newPage(phone);
    await signInAs(page, technician.email);
    // A technician lands on 我的工单, and it leads the menu, in view on the phone.
    await page.waitForURL((u) => u.pathname === `/p/${propertyId}/my-jobs`);
    const firstLink = page.locator('nav.nav a.nav-link').first();
    expect(await firstLink.getAttribute('data-nav')).toBe('myJobs');
    const link = (await firstLink.boundingBox())!;
    expect(link.x).toBeGreaterThanOrEqual(0);
    expect(link.x + link.width).toBeLessThanOrEqual(phone.width);

    const card = page.locator(`.job-card[data-ticket="${jobId}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain('大堂感应门关不上');
    expect(await card.textContent()).toContain('预约上门');
    expect(await card.getByTestId('visit-in').textContent()).toMatch(/^(1小时5\d分|2小时)后上门$/);
    expect(await card.getByTestId('appointment-missed').count()).toBe(0);
    const missed = page.locator(`.job-card[data-ticket="${missedId}"]`);
    expect(await missed.getByTestId('appointment-missed').textContent()).toBe('预约已过未上门');
    // The household can be called from the list too (revealed, and audited, only on a tap).
    expect(
      await page.locator(`li:has(.job-card[data-ticket="${jobId}"]) [data-testid="reveal-phone"]`).count(),
    ).toBe(1);
    await session.shot(page, 'technician-phone-my-jobs');

    // The dispatch reached them: the bell counts it and the centre shows it.
    await page.getByTestId('bell').click();
    const notice = page.locator('[data-testid="notification"]', {
      hasText: /报修已派给你：[A-Z]+-BX-\d{8}-\d{3} 大堂感应门关不上/,
    });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('派给我');
    await session.shot(page, 'technician-phone-notification');
    await notice.locator('a').click();

    // On the job: reveal the number (audited) and call it.
    await page.waitForURL((u) => u.pathname === `/p/${propertyId}/tickets/${jobId}`);
    await page.getByTestId('reveal-phone').click();
    const call = page.getByTestId('call-link');
    await call.waitFor();
    expect(await call.getAttribute('href')).toBe(`tel:${householdPhone}`);
    expect(await call.textContent()).toContain(householdPhone);
    await session.shot(page, 'technician-phone-call');

    await page.locator('.action-buttons button[data-action="start"]').click();
    await page.locator('[data-testid="ticket-state"]', { hasText: '维修中' }).waitFor();
    await page.locator('.action-buttons button[data-action="complete"]').click();
    const form = page.locator('form[data-action="complete"]');
    await form.locator('textarea[name="workDone"]').fill('调整感应器角度，门已能正常关闭');
    // Not a paid service: no fee asked.
    expect(await form.locator('input[name="feeCents"]').count()).toBe(0);
    await session.shot(page, 'technician-phone-complete');
    await form.locator('button[type="submit"]').click();
    await page.locator('[data-testid="ticket-state"]', { hasText: '已完工' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);

    // Done jobs have their own tab.
    await page.goto(`/p/${propertyId}/my-jobs`);
    await page.locator(`.job-card[data-ticket="${missedId}"]`).waitFor();
    expect(await page.locator(`.job-card[data-ticket="${jobId}"]`).count()).toBe(0);
    await page.getByRole('tab', { name: '已完成' }).click();
    await page.locator(`.job-card[data-ticket="${jobId}"]`).waitFor();
    expect(await page.locator(`.job-card[data-ticket="${jobId}"]`).textContent()).toContain('已完工');
    await session.shot(page, 'technician-phone-done');
    // The job whose visit time passed unstarted says so on its page as well.
    await page.goto(`/p/${propertyId}/tickets/${missedId}`);
    expect(await page.getByTestId('appointment-missed').textContent()).toBe('预约已过未上门');
    await session.shot(page, 'technician-phone-missed');
    await context.close();

    // The reveal is in the property's audit trail under the technician's name.
    const audit = await api<{ items: { action: string; entityId: string; actorName: string }[] }>(
      `/api/directory/properties/${propertyId}/audit?limit=100`,
      await tokenFor(manager.email),
    );
    const reveal = audit.body.items.find((e) => e.action === 'ticket.revealPhone' && e.entityId === jobId);
    expect(reveal?.actorName).toBe(technician.name);
  });

  it('property manager: sets the technician’s notification language to English → the next dispatch reaches them in English', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, manager.email);
    await page.goto(`/p/${propertyId}/staff`);
    await page.locator('tr', { hasText: technician.name }).locator('button.link-btn').click();
    const language = page.getByTestId('staff-language');
    await language.waitFor();
    expect(await language.inputValue()).toBe('zh-CN');
    await language.selectOption('en');
    await session.shot(page, 'staff-language');
    await page.locator('.modal form button[type="submit"]').click();
    await language.waitFor({ state: 'detached' });
    await context.close();

    const jobId = await dispatchedRepair('消防通道灯不亮', new Date(Date.now() + 3_600_000));
    const inbox = await api<{ items: { title: string; body: string; subject: { id: string } }[] }>(
      '/api/notifications/inbox?limit=100',
      await tokenFor(technician.email),
    );
    const notice = inbox.body.items.find((n) => n.subject.id === jobId);
    expect(notice?.title).toMatch(/^Repair assigned to you: [A-Z]+-BX-\d{8}-\d{3} 消防通道灯不亮$/);
    expect(notice?.body).toMatch(/^Where: 5号楼 1 单元 大堂; Visit agreed for /);
  });
});
