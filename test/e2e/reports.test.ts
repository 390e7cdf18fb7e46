import { beforeAll, describe, expect, it } from 'vitest';
import {
  tokenFor as authTokenFor,
  type DemoAccount,
  demoAccounts,
  desktop,
  e2eSession,
  signInAs,
  useHostDatabase,
} from './support.ts';

const session = e2eSession();
let desk: DemoAccount;
let tech: DemoAccount;
let propertyId: string;
let ticketId: string;
let today: string;

const { api } = session;

type Acted = { ticket: { id: string; version: number; completion?: { at: string } } };

beforeAll(async () => {
  const accounts = await demoAccounts(session.host.url);
  desk = accounts.find((a) => a.email.startsWith('frontdesk.shja'))!;
  tech = accounts.find((a) => a.email.startsWith('tech.shja'))!;
  const deskToken = await authTokenFor(session.host.url, desk.email);
  propertyId = (await api<{ properties: { id: string }[] }>('/api/directory/me', deskToken)).body
    .properties[0]!.id;
  const techToken = await authTokenFor(session.host.url, tech.email);
  const me = await api<{ staff: { id: string } }>('/api/directory/me', techToken);
  const units = await api<{ items: { id: string }[] }>(
    `/api/directory/properties/${propertyId}/units?limit=1`,
    deskToken,
  );
  const opened = await api<Acted>(`/api/tickets/properties/${propertyId}/contacts`, deskToken, {
    time: new Date().toISOString(),
    channel: 'phone',
    caller: { name: '王芳', phone: '13812345678' },
    unitId: units.body.items[0]!.id,
    category: 'repair',
    summary: '客厅吊灯不亮，开关无反应',
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  let ticket = opened.body.ticket;
  ticketId = ticket.id;
  const steps: [string, string, object][] = [
    [deskToken, 'verify', { inScope: true }],
    [deskToken, 'dispatch', { technicianId: me.body.staff.id, appointmentAt: new Date().toISOString() }],
    [techToken, 'start', {}],
    [techToken, 'complete', { workDone: '更换灯座和开关面板', feeCents: 0, photoIds: [] }],
  ];
  for (const [token, action, input] of steps) {
    const reply = await api<Acted>(
      `/api/tickets/properties/${propertyId}/tickets/${ticket.id}/actions/${action}`,
      token,
      {
        version: ticket.version,
        input,
      },
    );
    expect(reply.status, `${action}: ${JSON.stringify(reply.body)}`).toBe(200);
    ticket = reply.body.ticket;
  }

  // The 17:10 job, run here at 17:10 of the property's day against the host's own database. When the
  // host's own scheduler made that report already (a run after 17:10), this run finds it done; its page
  // shows the day's repairs as they are now until the desk and engineering confirm it.
  useHostDatabase(session.host);
  const { zonedInstant, localDay } = await import('../../functions/reports/periods.ts');
  const { runJob } = await import('../../functions/jobs/run.ts');
  // The property-local day the repair was completed on, whatever the hour the suite runs at.
  today = localDay(new Date(ticket.completion!.at), 'Asia/Shanghai');
  await runJob({
    job: 'standard-reports',
    scheduledAt: zonedInstant(today, '17:10', 'Asia/Shanghai').toISOString(),
  });
});

describe('reports and print views', () => {
  it('front desk: the 17:10 reconciliation lists the repair completed today as done, and records that the desk opened it', async () => {
    const { context, page } = await session.newPage(desktop);
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await signInAs(page, desk.email);
    await page.goto(`/p/${propertyId}/reports/repairs-daily/${today}`);
    const done = page.getByTestId('repairs-done');
    await done.waitFor();
    const row = done.locator(`tr[data-ticket="${ticketId}"]`);
    await expect(row.textContent()).resolves.toContain('客厅吊灯不亮');
    await expect(row.textContent()).resolves.toContain('已完工');
    await expect(
      page.getByTestId('repairs-not-done').locator(`tr[data-ticket="${ticketId}"]`).count(),
    ).resolves.toBe(0);
    await session.shot(page, 'report-repairs-daily');
    // Opening it was recorded: the desk is one of its recipients.
    await page.reload();
    await page.getByTestId('report-opens').waitFor();
    await expect(page.getByTestId('report-opens').textContent()).resolves.toContain(desk.name);
    expect(failures).toEqual([]);
    await context.close();
  });

  it('technician: the work order prints on A4 with the job’s QR code', async () => {
    const { context, page } = await session.newPage(desktop);
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await signInAs(page, tech.email);
    await page.goto(`/p/${propertyId}/tickets/${ticketId}/print`);
    const sheet = page.getByTestId('print-sheet');
    await sheet.waitFor();
    await expect(sheet.locator('h1').textContent()).resolves.toBe('派工单');
    await expect(sheet.textContent()).resolves.toContain('更换灯座和开关面板');
    await expect(sheet.textContent()).resolves.toContain(tech.name);
    await expect(page.getByTestId('print-qr').locator('svg').count()).resolves.toBe(1);
    await session.shot(page, 'work-order-screen');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.topbar').isVisible()).resolves.toBe(false);
    await session.shot(page, 'work-order-print');
    expect(failures).toEqual([]);
    await context.close();
  });

  it('front desk: the repairs list exports to Excel with its filter, counting the rows as it reads them', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, desk.email);
    await page.goto(`/p/${propertyId}/tickets?kind=repair&state=completed`);
    await page.getByTestId('tickets-table').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('tickets-export').click(),
    ]);
    expect(download.suggestedFilename()).toBe('tickets-repair-completed.xlsx');
    await expect(page.getByTestId('export-progress').textContent()).resolves.toMatch(/^已导出 \d+ 条$/);
    const { default: Excel } = await import('exceljs');
    const book = new Excel.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const rows = book.worksheets[0]!.getSheetValues()
      .slice(2)
      .map((r) => (r as unknown[]).map(String));
    expect(rows.some((r) => r.includes('客厅吊灯不亮，开关无反应'))).toBe(true);
    expect(rows.every((r) => r.includes('已完工'))).toBe(true);
    await session.shot(page, 'tickets-export');
    await context.close();
  });

  it('property manager: moves the 17:10 reconciliation to 17:30 and adds the service team lead as its recipient', async () => {
    const { context, page } = await session.newPage(desktop);
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await signInAs(page, 'manager.shja@demo.propdesk.cn');
    await page.goto(`/p/${propertyId}/settings`);
    await page.getByRole('tab', { name: '报表' }).click();
    const form = page.getByTestId('report-settings');
    await form.waitFor();
    await form.getByLabel('报修日对账（17:10）').fill('17:30');
    await form.getByTestId('recipient-repairs-daily-service_lead').click();
    // Taking every recipient off a report is refused on the page, before anything is sent.
    await form.getByTestId('recipient-repairs-weekly-property_manager').click();
    await expect(form.textContent()).resolves.toContain('每份报表至少要选一个接收角色');
    await form.getByTestId('recipient-repairs-weekly-property_manager').click();
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByText('报表设置已保存').waitFor();
    await session.shot(page, 'report-settings-saved');
    const token = await authTokenFor(session.host.url, desk.email);
    const saved = await api<{ repairsDailyAt: string; recipients: Record<string, string[]> }>(
      `/api/tickets/properties/${propertyId}/report-settings`,
      token,
    );
    expect(saved.body.repairsDailyAt).toBe('17:30');
    expect(saved.body.recipients['repairs-daily']).toEqual(['front_desk', 'technician', 'service_lead']);
    expect(saved.body.recipients['repairs-weekly']).toEqual(['property_manager']);
    expect(failures).toEqual([]);
    await context.close();
  });

  it('front desk: sees the report times and recipients but cannot change them', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, desk.email);
    await page.goto(`/p/${propertyId}/settings`);
    await page.getByRole('tab', { name: '报表' }).click();
    const form = page.getByTestId('report-settings');
    await form.waitFor();
    await expect(form.getByLabel('报修日对账（17:10）').isDisabled()).resolves.toBe(true);
    await expect(form.getByRole('button', { name: '保存' }).count()).resolves.toBe(0);
    await context.close();
  });
});
