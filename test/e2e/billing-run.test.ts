import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { yuan } from '../../functions/billing/money.ts';
import { type DemoAccount, demoAccounts, desktop, e2eSession, screenshotDir, signInAs } from './support.ts';

/** A past month (fixed: nothing depends on today's date); the demo's standards are in force from 2026-01. */
const period = '2026-05';
const session = e2eSession({ shotPrefix: 'billing-run-' });
let finance: DemoAccount;

/** Text on a zh-CN page must not leak English words or raw codes. */
async function expectNoEnglish(page: Page) {
  const text = (await page.locator('main').textContent()) ?? '';
  expect(text.match(/\b[a-z]{3,}(_[a-z]+)*\b/g) ?? []).toEqual([]);
}

/** What the screen shows (the list of every household is too long for a whole-page shot). */
const viewShot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshotDir, `billing-run-${name}.png`) });

/** "¥68,807.20" → 6880720 fen. */
const fen = (text: string | null) => Number((text ?? '').replace(/[¥,.]/g, ''));

beforeAll(async () => {
  const accounts = await demoAccounts(session.host.url);
  finance = accounts.find((a) => a.email.startsWith('finance.shja'))!;
});

describe('bill run', () => {
  it('finance: changes a fee standard and adds one, dry-runs the month, runs it, and every household has its request to print', async () => {
    const { context, page } = await session.newPage(desktop);
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await signInAs(page, finance.email);

    // 收费标准: the demo's standards, each with its rate as finance states it.
    await page.getByRole('link', { name: '收费标准' }).click();
    const management = page.locator('[data-testid="standard"][data-name="物业管理费（住宅）"]');
    await management.waitFor();
    await expect(management.getByTestId('standard-rate-now').textContent()).resolves.toBe('¥2.35/m²/月');

    // The management fee goes up from April: a new version; March and before keep ¥2.35.
    await management.getByTestId('standard-change').click();
    const form = page.getByTestId('standard-form');
    await form.getByTestId('standard-from').selectOption('2026-04');
    await form.getByTestId('standard-rate').fill('2.45');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存：“物业管理费（住宅）”2026-04 起按新标准收费。').waitFor();
    const versions = management.getByTestId('standard-versions').locator('tbody tr');
    // The list is read again after the save.
    await versions.nth(1).waitFor();
    await expect(versions.count()).resolves.toBe(2);
    await expect(versions.nth(0).textContent()).resolves.toContain('¥2.35/m²/月');
    await expect(versions.nth(1).textContent()).resolves.toContain('¥2.45/m²/月');

    // A change that does not come after the latest one is refused, in a sentence.
    await management.getByTestId('standard-change').click();
    await form.getByTestId('standard-from').selectOption('2026-02');
    await form.getByRole('button', { name: '保存' }).click();
    await expect(form.getByRole('alert').textContent()).resolves.toContain(
      '新标准的生效月份须晚于最近一次（2026-04）。',
    );
    await expectNoEnglish(page);
    await form.getByRole('button', { name: '取消' }).click();

    // A new item, per household, from May.
    await page.getByTestId('standard-add').click();
    await form.locator('select').first().selectOption('other');
    await form.getByTestId('standard-name').fill('公共设施维护费');
    await form.getByTestId('standard-basis').selectOption('unit');
    await form.getByTestId('standard-rate').fill('1.5');
    await form.getByTestId('standard-from').selectOption(period);
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByText('已新增“公共设施维护费”。').waitFor();
    const added = page.locator('[data-testid="standard"][data-name="公共设施维护费"]');
    await added.waitFor();
    await expect(added.getByTestId('standard-rate-now').textContent()).resolves.toBe('¥1.50/户/月');
    await expectNoEnglish(page);
    await session.shot(page, 'standards');

    // 账单生成: nothing billed yet; the dry run shows what the month would bill.
    await page.getByRole('link', { name: '账单生成' }).click();
    await page.getByTestId('run-month').selectOption(period);
    await expect.poll(() => page.getByTestId('run-state').getAttribute('data-state')).toBe('none');
    await expect(page.getByTestId('run-state').textContent()).resolves.toBe('未生成');
    await page.getByTestId('dry-run-button').click();
    const dry = page.getByTestId('dry-run');
    await dry.waitFor();
    const households = Number(await dry.getByTestId('dry-households').textContent());
    expect(households).toBeGreaterThan(100);
    await expect(dry.getByTestId('dry-requests').textContent()).resolves.toBe(String(households));
    const dryTotal = await dry.getByTestId('dry-total').textContent();
    const newItem = dry.locator('tr[data-name="公共设施维护费"]');
    await expect(newItem.textContent()).resolves.toContain(String(households));
    // ¥1.50 for each household, exactly.
    await expect(newItem.locator('td').last().textContent()).resolves.toBe(yuan(households * 150));
    await expect(page.getByTestId('run-requests').textContent()).resolves.toContain('本月还没有付款请求书');
    await expectNoEnglish(page);
    await session.shot(page, 'dry-run');

    // Run now: asked once more, then the progress bar shows; the button cannot start a second run.
    // The run's request is held until the page in progress is seen: a run of 200 households ends
    // within a second or two, before any screenshot could catch it.
    let release = () => {};
    const held = new Promise<void>((go) => {
      release = go;
    });
    let runCalls = 0;
    await page.route(`**/bill-runs/${period}/run`, async (route) => {
      runCalls += 1;
      await held;
      await route.continue();
    });
    await page.getByTestId('run-now').click();
    await page.getByTestId('run-confirm').click();
    await page.locator('[data-testid="run-state"][data-state="running"]').waitFor();
    await page.getByTestId('run-progress').waitFor();
    await expect(page.getByTestId('run-now').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('run-now').textContent()).resolves.toBe('正在生成…');
    await session.shot(page, 'running');
    release();
    await page.locator('[data-testid="run-state"][data-state="finished"]').waitFor();
    await expect(page.getByTestId('run-state').textContent()).resolves.toBe('已生成');
    await expect(page.getByTestId('run-progress-text').textContent()).resolves.toBe(
      `已处理 ${households} / ${households} 户`,
    );
    await expect(page.getByTestId('run-issued').textContent()).resolves.toBe(
      `共开具 ${households} 份付款请求书，合计 ${dryTotal}`,
    );
    // One press, one run; a finished run offers no second one.
    expect(runCalls).toBe(1);
    await expect(page.getByTestId('run-now').count()).resolves.toBe(0);

    // The month's requests: every household, adding up to what the dry run said.
    const rows = page.getByTestId('request-row');
    await rows.first().waitFor();
    await viewShot(page, 'done');
    while (await page.getByRole('button', { name: '加载更多' }).count()) {
      const before = await rows.count();
      await page.getByRole('button', { name: '加载更多' }).click();
      await expect.poll(() => rows.count()).toBeGreaterThan(before);
    }
    await page.getByText('已全部显示').waitFor();
    await expect(rows.count()).resolves.toBe(households);
    const totals = await page.getByTestId('request-total').allTextContents();
    expect(totals.reduce((a, x) => a + fen(x), 0)).toBe(fen(dryTotal));
    await expectNoEnglish(page);
    await page.getByText('已全部显示').scrollIntoViewIfNeeded();
    await viewShot(page, 'list-end');

    // One household's request, as printed: its lines add up to the total the list shows.
    const row = rows.first();
    const listed = await row.getByTestId('request-total').textContent();
    const room = await row.getAttribute('data-room');
    await row.getByRole('link', { name: '打印' }).click();
    const sheet = page.getByTestId('request-sheet');
    await sheet.waitFor();
    await expect(sheet.textContent()).resolves.toContain(`房号：${room}`);
    const lines = sheet.locator('.print-grid tbody tr:not(.request-total)');
    const names = await lines.locator('td:first-child').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['物业管理费（住宅）', '房屋设备运行费', '公共设施维护费']));
    const management2 = lines.filter({ hasText: '物业管理费（住宅）' });
    await expect(management2.textContent()).resolves.toContain('× ¥2.45/m²');
    const amounts = await lines.locator('td.num').allTextContents();
    expect(amounts.reduce((a, x) => a + fen(x), 0)).toBe(fen(listed));
    await expect(sheet.locator('.request-total td.num').first().textContent()).resolves.toBe(listed);
    await expect(page.getByTestId('request-balance').textContent()).resolves.toBe(listed);
    await page.emulateMedia({ media: 'print' });
    await session.shot(page, 'print');
    expect(failures).toEqual([]);
    await context.close();
  });
});
