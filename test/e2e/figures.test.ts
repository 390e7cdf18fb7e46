import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoAccount, demoAccounts, desktop, e2eSession, signInAs } from './support.ts';

interface Figures {
  propertyId: string;
  now: { open: number; overdue: number };
  days: { day: string; opened: number }[];
  totals: { inquiryOnTimeRate: number | null };
}

const session = e2eSession();
let hq: DemoAccount;
let frontDesk: DemoAccount;
let propertyId: string;
/** The property's day on which the two calls below were taken. */
let setupDay: string;

const { tokenFor } = session;
const { api } = session;

beforeAll(async () => {
  const accounts = await demoAccounts(session.host.url);
  hq = accounts.find((a) => a.roles.includes('head_office'))!;
  frontDesk = accounts.find((a) => a.roles.includes('front_desk') && a.properties.length === 1)!;
  const token = await tokenFor(frontDesk.email);
  const me = await api<{ properties: { id: string }[] }>('/api/directory/me', token);
  propertyId = me.body.properties[0]!.id;
  const units = await api<{ items: { id: string }[] }>(
    `/api/directory/properties/${propertyId}/units?limit=2`,
    token,
  );
  // The front desk takes two calls: a repair and a complaint.
  const time = new Date();
  setupDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(time);
  for (const [category, summary, ticket] of [
    ['repair', '卫生间下水管漏水', undefined],
    ['complaint', '楼下装修噪音', { category: 'renovation', severity: 'normal' }],
  ] as const) {
    const reply = await api(`/api/tickets/properties/${propertyId}/contacts`, token, {
      time: time.toISOString(),
      channel: 'phone',
      caller: { name: '王芳', phone: '13812345678' },
      unitId: units.body.items[0]!.id,
      category,
      summary,
      ...(ticket ? { ticket } : {}),
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  }
});

describe('figures', () => {
  it('head office: the overview compares open and overdue tickets, breaches, follow-up rate and satisfaction of every property', async () => {
    const expected = await api<{ items: Figures[] }>('/api/tickets/figures', await tokenFor(hq.email));
    const own = expected.body.items.find((f) => f.propertyId === propertyId)!;
    expect(own.now.open).toBeGreaterThanOrEqual(2);

    const { context, page } = await session.newPage(desktop);
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await signInAs(page, hq.email);
    const table = page.getByTestId('figures-table');
    await table.waitFor();
    await expect(table.locator('thead th').allTextContents()).resolves.toEqual([
      '物业',
      '在办工单',
      '超时未结',
      '今日超时',
      '近 7 天超时',
      '回访率',
      '满意度',
      '投诉按时答复',
      '咨询按约答复',
    ]);
    const row = table.locator(`tr[data-property="${propertyId}"]`);
    await expect(row.locator('[data-figure="open"]').textContent()).resolves.toBe(String(own.now.open));
    await expect(row.locator('[data-figure="overdue"]').textContent()).resolves.toBe(String(own.now.overdue));
    const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);
    await expect(row.locator('[data-figure="inquiryOnTimeRate"]').textContent()).resolves.toBe(
      percent(own.totals.inquiryOnTimeRate),
    );
    await expect(table.locator('tbody tr').count()).resolves.toBe(expected.body.items.length);
    await session.shot(page, 'figures-overview');
    expect(failures).toEqual([]);
    await context.close();
  });

  it('front desk: the property home shows today’s opened tickets and what is open now', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, frontDesk.email);
    await page.goto(`/p/${propertyId}`);
    const cards = page.getByTestId('today-figures');
    await cards.waitFor();
    const card = (label: string) => cards.locator('.stat', { hasText: label }).locator('.stat-value');
    await expect.poll(() => card('今日新开').textContent()).not.toBe('…');
    const opened = Number(await card('今日新开').textContent());
    // The card is the host's figure for the property's today (which may be a day after the calls, when
    // the run crosses midnight): the two calls count in it when they were taken today.
    const served = await api<Figures>(
      `/api/tickets/properties/${propertyId}/figures`,
      await tokenFor(frontDesk.email),
    );
    const today = served.body.days.at(-1)!;
    expect(opened).toBe(today.opened);
    if (today.day === setupDay) expect(opened).toBeGreaterThanOrEqual(2);
    expect(Number(await card('在办工单').textContent())).toBeGreaterThanOrEqual(2);
    await expect(card('回访率').textContent()).resolves.toBe('—');
    await session.shot(page, 'figures-property-home');
    await context.close();
  });
});
