import { beforeAll, describe, expect, it } from 'vitest';
import { isoToZonedInput } from '../../web/src/format.ts';
import {
  tokenFor as authTokenFor,
  callApi,
  type DemoAccount,
  demoAccounts,
  desktop,
  e2eSession,
  propertyIdOf,
  signInAs,
} from './support.ts';

const session = e2eSession({ shotPrefix: 'clocks-' });
let hq: DemoAccount;
let frontDesk: DemoAccount;

beforeAll(async () => {
  const accounts = await demoAccounts(session.host.url);
  hq = accounts.find((a) => a.roles.includes('head_office'))!;
  frontDesk = accounts.find((a) => a.roles.includes('front_desk') && a.properties.length === 1)!;
});

/**
 * A wall-clock time `hours` from now on the property's clock (the demo properties are in
 * Asia/Shanghai), as the dashboard's datetime-local inputs take it whatever the browser's zone.
 */
const localInput = (hours: number) => isoToZonedInput(Date.now() + hours * 3600_000, 'Asia/Shanghai');

describe('clocks that measure the standard', () => {
  it('front desk: an inquiry with its agreed reply time is recorded in one step, awaiting the reply', async () => {
    const desk = await session.newPage(desktop);
    const failures: string[] = [];
    desk.page.on('pageerror', (e) => failures.push(e.message));
    await signInAs(desk.page, frontDesk.email);
    const propertyId = propertyIdOf(desk.page);
    await desk.page.goto(`/p/${propertyId}/ledger`);
    const form = desk.page.getByTestId('ledger-form');
    await form.waitFor();
    await form.locator('input[name="callerName"]').fill('陈先生');
    await form.locator('label:has(input[name="category"][value="inquiry"])').click();
    await form.locator('textarea[name="summary"]').fill('下周小区停水几点恢复？');
    await form.locator('input[name="replyBy"]').fill(localInput(3));
    await session.shot(desk.page, 'ledger-inquiry');
    await desk.page.getByTestId('ledger-submit').click();
    await desk.page.getByTestId('ledger-saved').waitFor();
    await desk.page.getByTestId('saved-ticket-link').click();
    await desk.page.getByText('已约定答复时间').first().waitFor();
    await session.shot(desk.page, 'inquiry-detail');
    expect(failures).toEqual([]);
    await desk.context.close();
  });

  it('head office: a year without holiday data is flagged; entering it from the notice fills the calendar', async () => {
    // Two years ahead: the State Council publishes a year's arrangement only in the autumn before it.
    const next = new Date().getFullYear() + 2;
    const token = await authTokenFor(session.host.url, hq.email);
    const before = await callApi<{ years: { year: number; source: string }[] }>(
      session.host.url,
      token,
      '/api/tickets/holiday-calendar',
    );
    expect(before.body.years.find((y) => y.year === next)?.source).toBe('none');
    const office = await session.newPage(desktop);
    await signInAs(office.page, hq.email);
    await office.page.goto('/holidays');
    const table = office.page.getByTestId('holiday-years');
    await table.waitFor();
    await office.page.getByText(`${next} 年的节假日安排还没有数据`).waitFor();
    await session.shot(office.page, 'holidays-missing');
    await table.locator(`tr[data-year="${next}"] button`).click();
    const form = office.page.getByTestId(`holiday-form-${next}`);
    await form.locator('textarea[name="holidays"]').fill(`${next}-01-01\n${next}-01-02`);
    await form.locator('input[name="notice"]').fill(`国务院办公厅关于${next}年部分节假日安排的通知`);
    await form.locator('button[type="submit"]').click();
    await office.page.getByText(`${next} 年的节假日已保存`).waitFor();
    expect(await table.locator(`tr[data-year="${next}"]`).textContent()).toContain('总部录入');
    await session.shot(office.page, 'holidays-entered');
    await office.context.close();
  });
});
