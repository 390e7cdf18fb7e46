import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { beforeAll, describe, expect, test } from 'vitest';
import { webFiles } from '../../infra/local/web-files.ts';

/** The local host serves the built dashboard the way CloudFront does in AWS. */
let app: Hono;
const bundle = `export const pages = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `页面 ${i}`))};\n`;
const shell = `<!doctype html><html lang="zh-CN"><head><script type="module" src="/assets/index-Ab12Cd.js"></script></head><body>${'<div></div>'.repeat(200)}</body></html>`;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'propdesk-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), shell);
  writeFileSync(join(dir, 'assets', 'index-Ab12Cd.js'), bundle);
  writeFileSync(join(dir, 'assets', 'tiny-9z.css'), 'a{}');
  writeFileSync(join(tmpdir(), 'propdesk-secret.txt'), 'not for the browser');
  const serve = webFiles(dir);
  app = new Hono();
  app.get('*', async (c) => (await serve(c, c.req.path)) ?? c.text('Not found', 404));
});

const get = (path: string, headers: Record<string, string> = {}) =>
  app.request(path, { headers: new Headers(headers) });

describe('local host: dashboard files', () => {
  test('a browser that takes brotli gets the bundle brotli-compressed, smaller, with the same bytes inside', async () => {
    const res = await get('/assets/index-Ab12Cd.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBeLessThan(Buffer.byteLength(bundle) / 2);
    expect(brotliDecompressSync(body).toString()).toBe(bundle);
  });

  test('a browser that takes only gzip gets gzip; one that takes neither gets the file as it is', async () => {
    const gz = await get('/assets/index-Ab12Cd.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(bundle);
    const plain = await get('/assets/index-Ab12Cd.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(bundle);
    expect(plain.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  test('hashed bundles are cached for a year and immutable; the page shell is revalidated on every load', async () => {
    const asset = await get('/assets/index-Ab12Cd.js');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const page = await get('/index.html', { 'accept-encoding': 'br' });
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const etag = page.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const again = await get('/index.html', { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  test('a tiny file is sent uncompressed (compressing it would not pay)', async () => {
    const res = await get('/assets/tiny-9z.css', { 'accept-encoding': 'br, gzip' });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.text()).toBe('a{}');
  });

  test('nothing outside the build is served, and a missing file is not found', async () => {
    expect((await get('/assets/%2e%2e/%2e%2e/propdesk-secret.txt')).status).toBe(404);
    expect((await get('/assets/gone-1.js')).status).toBe(404);
    expect((await get('/assets/%E0%A4%A.js')).status).toBe(404);
  });
});
