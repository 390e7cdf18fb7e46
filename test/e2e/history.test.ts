import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { desktop, e2eSession, propertyIdOf, signInAs } from './support.ts';

const session = e2eSession({ shotPrefix: 'history-' });
const manager = 'manager.shja@demo.propdesk.cn';

/**
 * Internal code on a screen: a dotted code (`sla.escalate`, `ticket.close`), an arrow between states,
 * an ISO timestamp (`@2026-…`). A dotted code starts with a letter: "50.00 元" is an amount, not code.
 */
const rawCode = /[A-Za-z_]\w*\.[A-Za-z_]\w*|→|@20/;

async function lines(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).allTextContents();
}

/** How many lines each actor cell of the audit table takes (a wrapped name takes two). */
function actorLines(page: Page): Promise<number[]> {
  return page.locator('tbody td.audit-actor').evaluateAll((cells) =>
    cells.map((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    }),
  );
}

describe('readable history', () => {
  it('property manager: an overdue ticket’s timeline reads as sentences, the SLA sweep’s steps too', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, manager);
    const propertyId = propertyIdOf(page);
    await page.goto(`/p/${propertyId}/tickets`);
    const overdue = page.locator('tr[data-ticket]:has(.sla-badge[data-sla="overdue"])').first();
    await overdue.waitFor();
    const overduePath = `/p/${propertyId}/tickets/${await overdue.getAttribute('data-ticket')}`;
    await page.goto(overduePath);
    // The local host's SLA check runs every minute: wait for it to record the breach on the timeline.
    await expect
      .poll(async () => {
        await page.reload();
        await page.getByTestId('timeline').waitFor();
        return page.getByTestId('timeline').textContent();
      })
      .toMatch(/已超时|系统升级/);
    const entries = await lines(page, '[data-testid="timeline"] li');
    expect(entries.length).toBeGreaterThan(1);
    for (const entry of entries) expect(entry).not.toMatch(rawCode);
    await session.shot(page, 'timeline-zh');

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('timeline').textContent()).toMatch(/overdue|escalated/);
    for (const entry of await lines(page, '[data-testid="timeline"] li')) expect(entry).not.toMatch(rawCode);
    await session.shot(page, 'timeline-en');
    await context.close();
  });

  it('property manager: the audit trail reads as sentences in either language, with no internal code', async () => {
    const { context, page } = await session.newPage(desktop);
    await signInAs(page, manager);
    await page.goto(`/p/${propertyIdOf(page)}/settings`);
    await page.getByRole('tab', { name: '操作记录' }).click();
    await page.getByTestId('audit-entry').first().waitFor();
    const zh = await lines(page, '[data-testid="audit-entry"]');
    for (const row of zh) expect(row).not.toMatch(rawCode);
    // The sweep's entry of the overdue ticket is among them, named by its clock, not its key.
    expect(zh.some((row) => row.includes('系统记录了'))).toBe(true);
    // No sentence ends on a colon with nothing after it.
    for (const sentence of await lines(page, 'td.audit-sentence')) expect(sentence).not.toMatch(/[：:]\s*$/);
    // Each actor's name is on one line, however long the sentence beside it.
    expect(new Set(await actorLines(page))).toEqual(new Set([1]));
    await session.shot(page, 'audit-zh');

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('audit-entry').first().textContent()).toMatch(/[A-Za-z]{3}/);
    const en = await lines(page, '[data-testid="audit-entry"]');
    for (const row of en) expect(row).not.toMatch(rawCode);
    expect(en.some((row) => row.includes('The system recorded'))).toBe(true);
    expect(new Set(await actorLines(page))).toEqual(new Set([1]));
    await session.shot(page, 'audit-en');
    await context.close();
  });
});
