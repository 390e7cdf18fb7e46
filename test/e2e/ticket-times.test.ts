import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoAccount, demoAccounts, desktop, e2eSession, signInAs } from './support.ts';

const session = e2eSession({ shotPrefix: 'ticket-times-' });
let frontDesk: DemoAccount;
let technicianId: string;
let propertyId: string;

type Acted = { ticket: { id: string; version: number; appointmentAt?: string } };

beforeAll(async () => {
  const accounts = await demoAccounts(session.host.url);
  frontDesk = accounts.find((a) => a.email.startsWith('frontdesk.shja'))!;
  const technician = accounts.find((a) => a.email.startsWith('tech.shja'))!;
  const me = await session.api<{ staff: { id: string }; properties: { id: string; timeZone: string }[] }>(
    '/api/directory/me',
    await session.tokenFor(technician.email),
  );
  technicianId = me.body.staff.id;
  propertyId = me.body.properties[0]!.id;
  expect(me.body.properties[0]!.timeZone).toBe('Asia/Shanghai');
});

describe('ticket times on the property’s clock', () => {
  it('front desk in a browser set to New York: the visit typed as 10:00 is 10:00 in Shanghai, and shows so', async () => {
    const desk = await session.tokenFor(frontDesk.email);
    const base = `/api/tickets/properties/${propertyId}`;
    const recorded = await session.api<Acted>(`${base}/contacts`, desk, {
      time: new Date().toISOString(),
      channel: 'phone',
      caller: { name: '孙先生' },
      category: 'repair',
      summary: '阳台推拉门卡住',
      ticket: { location: { place: '2号楼 大堂' } },
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const verified = await session.api<Acted>(
      `${base}/tickets/${recorded.body.ticket.id}/actions/verify`,
      desk,
      {
        version: recorded.body.ticket.version,
        input: { inScope: true },
      },
    );
    expect(verified.status).toBe(200);

    const { context, page } = await session.newPage(desktop, 'zh-CN', 'America/New_York');
    await signInAs(page, frontDesk.email);
    await page.goto(`/p/${propertyId}/tickets/${recorded.body.ticket.id}`);
    await page.locator('.action-buttons button[data-action="dispatch"]').click();
    const form = page.locator('form[data-action="dispatch"]');
    await form.locator('select[name="technicianId"]').selectOption({ value: technicianId });
    await form.locator('input[name="appointmentAt"]').fill('2030-01-15T10:00');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => page.getByTestId('ticket-state').textContent()).toBe('已派工');

    const stored = await session.api<{ ticket: { appointmentAt: string } }>(
      `${base}/tickets/${recorded.body.ticket.id}`,
      desk,
    );
    // 10:00 in Shanghai (UTC+8), not 10:00 in New York (which would be 15:00 UTC).
    expect(stored.body.ticket.appointmentAt).toBe('2030-01-15T02:00:00.000Z');
    const facts = (await page.locator('.facts').first().textContent()) ?? '';
    expect(facts).toContain('2030/01/15 10:00');
    expect(await page.getByTestId('timeline').textContent()).toContain('2030/01/15 10:00');
    await session.shot(page, 'dispatched-new-york');
    await context.close();
  });
});
