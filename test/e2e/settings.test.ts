import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSession, propertyIdOf, signInAs } from './support.ts';

const session = e2eSession({ fullPage: false });

/** Signs in and returns the id of the one property the account belongs to (its home page). */
async function signInToProperty(page: Page, email: string): Promise<string> {
  await signInAs(page, email);
  return propertyIdOf(page);
}

describe('property settings, information file and ledger review', () => {
  it('property manager: tightens the complaint reply target to 24 hours and sees it saved', async () => {
    const { context, page } = await session.newPage();
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    const propertyId = await signInToProperty(page, 'manager.shja@demo.propdesk.cn');
    await page.locator('[data-nav="sla"]').click();
    await page.waitForURL(`**/p/${propertyId}/sla`);
    const row = page.locator('[data-row="complaint.normal.reply"]');
    await expect.poll(() => row.getByTestId('sla-limit').inputValue()).toBe('72');
    await expect.poll(() => row.textContent()).toContain('001 §5.4');

    await row.getByTestId('sla-limit').fill('24');
    await expect.poll(() => row.textContent()).toContain('已调整');
    await page.getByTestId('sla-save').click();
    await page.getByText('SLA 设置已保存').waitFor();
    await row.scrollIntoViewIfNeeded();
    await session.shot(page, 'settings-sla-saved');

    await page.reload();
    await expect.poll(() => row.getByTestId('sla-limit').inputValue()).toBe('24');
    await expect.poll(() => row.textContent()).toContain('标准：72 小时');

    // Loosening a standard is refused, and the page says why.
    await row.getByTestId('sla-limit').fill('96');
    await page.getByTestId('sla-save').click();
    await page.getByText('投诉（一般）答复投诉人：这是服务标准，只能收紧').waitFor();
    expect(await row.getAttribute('class')).toContain('sla-row-error');
    await session.shot(page, 'settings-sla-refused');
    expect(failures).toEqual([]);
    await context.close();
  });

  it('front desk: searches the information file for 派出所 and sees the number to read out', async () => {
    const { context, page } = await session.newPage();
    await signInToProperty(page, 'frontdesk.shja@demo.propdesk.cn');
    await page.locator('[data-nav="infoFile"]').click();
    const box = page.getByTestId('info-search');
    await box.waitFor();
    await expect.poll(() => page.getByTestId('info-entry').count()).toBeGreaterThanOrEqual(10);
    await box.pressSequentially('派出所', { delay: 40 });
    await expect.poll(() => page.getByTestId('info-entry').count()).toBe(1);
    const entry = page.getByTestId('info-entry').first();
    await expect.poll(() => entry.textContent()).toContain('021-62718110');
    expect(await entry.textContent()).toContain('辖区派出所');
    expect(await page.getByRole('button', { name: '+ 添加条目' }).count()).toBe(0);
    await session.shot(page, 'settings-info-file-search');
    await context.close();
  });

  it('team lead: marks yesterday’s ledger reviewed', async () => {
    const { context, page } = await session.newPage();
    await signInToProperty(page, 'lead.shja@demo.propdesk.cn');
    await page.locator('[data-nav="ledgerReview"]').click();
    const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
      new Date(Date.now() - 86_400_000),
    );
    const row = page.locator(`[data-testid="review-days"] tr[data-day="${yesterday}"]`);
    await row.getByTestId('review-mark').click();
    await row.getByText('已审核', { exact: true }).waitFor();
    expect(await row.textContent()).toMatch(/已审核.+·/);
    // The lead marks days; weeks are the property manager's.
    expect(await page.locator('[data-testid="review-weeks"] [data-testid="review-mark"]').count()).toBe(0);
    await session.shot(page, 'settings-ledger-review');
    await context.close();
  });
});
