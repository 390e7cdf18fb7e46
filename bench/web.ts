import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { BenchModule } from './context.ts';
import { round } from './stats.ts';

const run = promisify(execFile);

/** The JS a first visit downloads before anything is lazy-loaded: module scripts and modulepreload links. */
export function initialScripts(html: string): string[] {
  const found = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = /\ssrc\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (src) found.add(src);
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const rel = /\srel\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1]?.toLowerCase().split(/\s+/) ?? [];
    const href = /\shref\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (href && rel.includes('modulepreload')) found.add(href);
  }
  return [...found].filter((u) => !/^(https?:)?\/\//i.test(u) && !u.startsWith('data:'));
}

/** The dashboard's initial JavaScript, gzipped (zlib default level, as vite's size report). */
const web: BenchModule = async (ctx) => {
  const dist = join(ctx.root, 'web/dist');
  if (!existsSync(join(dist, 'index.html'))) {
    ctx.log('web/dist is missing: npm run build:web');
    await run('npm', ['run', 'build:web'], { cwd: ctx.root, maxBuffer: 16 * 1024 * 1024 });
  }
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const scripts = initialScripts(html);
  if (scripts.length === 0) throw new Error('web/dist/index.html loads no script');
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const src of scripts) {
    const file = join(dist, src.split(/[?#]/)[0]!.replace(/^\.?\//, ''));
    const code = readFileSync(file);
    rawBytes += code.length;
    gzipBytes += gzipSync(code).length;
  }
  return {
    'web.initial_js_gzip_kb': round(gzipBytes / 1024, 1),
    'web.initial_js_kb': round(rawBytes / 1024, 1),
    'web.initial_js_files': scripts.length,
  };
};

export default web;
