import { join } from 'node:path';
import preact from '@preact/preset-vite';
import type { Browser, Page } from 'playwright-core';
import { build, type Rollup } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Host, launchBrowser, newPage, root, screenshotDir, signInAs, startHost } from './support.ts';

/**
 * PhotoPicker and PhotoStrip in a real browser against the real local host. The components are not on
 * a dashboard page yet (the ticket pages mount them), so this test builds a small host page of its own
 * (test/e2e/photos-harness) with vite and serves it on the local host's origin through Playwright's
 * routing: same origin, same session, same API and /local-files/ endpoint as the dashboard, and nothing
 * of it ships in the production build.
 */
let host: Host;
let browser: Browser;
let harness: Map<string, string | Uint8Array>;
const phone = { width: 390, height: 844 };
const harnessBase = '/__e2e/photos/';

async function buildHarness() {
  const output = (await build({
    configFile: false,
    root: join(root, 'test/e2e/photos-harness'),
    base: harnessBase,
    plugins: [preact()],
    logLevel: 'warn',
    build: { write: false, target: 'es2022', modulePreload: false },
  })) as Rollup.RollupOutput;
  return new Map(
    output.output.map((f) => [f.fileName, f.type === 'chunk' ? f.code : (f.source as string | Uint8Array)]),
  );
}

beforeAll(async () => {
  [host, browser, harness] = await Promise.all([startHost(), launchBrowser(), buildHarness()]);
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

async function openHarness(page: Page): Promise<string> {
  await page.route(`${host.url}${harnessBase}**`, (route) => {
    const path = new URL(route.request().url()).pathname.slice(harnessBase.length) || 'index.html';
    const body = harness.get(path);
    if (body === undefined) return route.fulfill({ status: 404 });
    const type = path.endsWith('.js') ? 'text/javascript' : path.endsWith('.css') ? 'text/css' : 'text/html';
    return route.fulfill({ status: 200, body: Buffer.from(body), contentType: type });
  });
  await signInAs(page, 'frontdesk.shja@demo.propdesk.cn');
  const me = await page.evaluate(async () => {
    const token = sessionStorage.getItem('propdesk.idToken');
    const response = await fetch('/api/directory/me', { headers: { Authorization: `Bearer ${token}` } });
    return (await response.json()) as { properties: { id: string; name: string }[] };
  });
  const propertyId = me.properties.find((p) => p.name === '静安悦府')!.id;
  await page.goto(`${harnessBase}?propertyId=${propertyId}`);
  await page.getByRole('heading', { name: '登记报修' }).waitFor();
  return propertyId;
}

/** A real photo made by the browser itself: a 1600×1200 picture with some colour, as JPEG or PNG. */
async function picture(page: Page, type: 'image/jpeg' | 'image/png'): Promise<Buffer> {
  const data = await page.evaluate(async (mime) => {
    const canvas = document.createElement('canvas');
    canvas.width = 1600;
    canvas.height = 1200;
    const g = canvas.getContext('2d')!;
    const gradient = g.createLinearGradient(0, 0, 1600, 1200);
    gradient.addColorStop(0, '#1f5f8b');
    gradient.addColorStop(1, '#f2c14e');
    g.fillStyle = gradient;
    g.fillRect(0, 0, 1600, 1200);
    g.fillStyle = '#fff';
    g.font = 'bold 160px sans-serif';
    g.fillText('漏水 3-1502', 200, 650);
    return canvas.toDataURL(mime, 0.9).split(',')[1]!;
  }, type);
  return Buffer.from(data, 'base64');
}

/** Polls until the condition holds (the e2e project's poll limit only ends a hang). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn);

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });

it('front desk on a phone: picks photos (too big and wrong ones refused in Chinese), registers the repair, and sees the thumbnails full size', async () => {
  const { context, page } = await newPage(browser, host.url, phone);
  try {
    await openHarness(page);
    const jpeg = await picture(page, 'image/jpeg');
    const png = await picture(page, 'image/png');
    const input = page.locator('.photo-picker input[type=file]');
    expect(await input.getAttribute('accept')).toBe('image/*');
    expect(await input.getAttribute('capture')).toBe('environment');

    await input.setInputFiles([
      { name: '漏水.jpg', mimeType: 'image/jpeg', buffer: jpeg },
      { name: '全景.png', mimeType: 'image/png', buffer: png },
      { name: '太大.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0xff) },
      { name: '合同.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7') },
      // A PNG saying it is a JPEG: the browser can draw it, the server reads its real bytes.
      { name: '改名.jpg', mimeType: 'image/jpeg', buffer: png },
    ]);
    const rejected = page.locator('.photo-picker-rejected');
    await poll(() => rejected.textContent()).toContain('太大.jpg：照片不能超过 10MB');
    expect(await rejected.textContent()).toContain('合同.pdf：只能上传 JPG、PNG、WebP 或 HEIC 格式的照片');

    const tiles = page.locator('.photo-picker .photo-tile[data-status]');
    await poll(() => tiles.count()).toBe(3);
    await poll(() =>
      tiles.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')).sort()),
    ).toEqual(['failed', 'ready', 'ready']);
    const failed = page.locator('.photo-tile[data-status=failed]');
    expect(await failed.textContent()).toContain('文件内容与格式不符');
    // Not a network hiccup: uploading the same file again would not help, so it is not offered.
    expect(await failed.getByRole('button', { name: '重新上传' }).count()).toBe(0);
    await shot(page, 'photos-picker-phone');

    await failed.getByRole('button', { name: /移除照片/ }).click();
    await poll(() => tiles.count()).toBe(2);
    const register = page.locator('#register');
    expect(await register.isEnabled()).toBe(true);
    await register.click();

    const strip = page.locator('.photo-strip img');
    await poll(() => strip.count()).toBe(2);
    // The thumbnails were made in the browser: 320 px on the long side, served by a signed link.
    await poll(() =>
      strip.evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth)),
    ).toEqual([320, 320]);
    expect(await strip.first().getAttribute('src')).toMatch(
      /^\/local-files\/.+\/thumbnail\?expires=\d+&signature=/,
    );
    expect(await page.locator('.photo-picker .photo-tile[data-status]').count()).toBe(0);
    expect(await rejected.count()).toBe(0);

    await page.getByRole('button', { name: /查看大图: 漏水\.jpg/ }).click();
    const viewer = page.getByRole('dialog', { name: '照片 1/2' });
    await viewer.waitFor();
    const large = viewer.locator('img');
    await poll(() => large.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBe(1600);
    await shot(page, 'photos-viewer-phone');
    await viewer.getByRole('button', { name: '下一张' }).click();
    await page.getByRole('dialog', { name: '照片 2/2' }).waitFor();
    await page.keyboard.press('Escape');
    await poll(() => page.getByRole('dialog').count()).toBe(0);
  } finally {
    await context.close();
  }
});
