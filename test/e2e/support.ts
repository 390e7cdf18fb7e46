import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { localCredentials } from '../../infra/local/dynamo.ts';

export const root = resolve(import.meta.dirname, '../..');
export const screenshotDir = resolve(import.meta.dirname, 'screenshots');

export const desktop = { width: 1366, height: 768 };
export const tablet = { width: 768, height: 1024 };

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Host {
  url: string;
  stop: () => Promise<void>;
  output: () => string;
}

/**
 * Starts the real local host (in-memory DynamoDB Local, demo seed) as `node` directly — never through
 * npx, so that killing the PID stops it. Resolves once it prints its URL, fails if it exits first: no
 * deadline of its own (a loaded machine takes what it takes; the hook's timeout is the safety net).
 * PROPDESK_E2E_URL=http://127.0.0.1:3000 reuses a host that is already running.
 */
/**
 * Points this test process's data layer at the running host's own DynamoDB Local, so a test can put in
 * place what the jobs' and services' code would (a request of a fixed past month, a report run).
 */
export function useHostDatabase(host: Host): void {
  const endpoint = /DynamoDB Local .* at (http:\/\/127\.0\.0\.1:\d+)/.exec(host.output())?.[1];
  if (!endpoint) throw new Error(`The host did not say where its database is:\n${host.output()}`);
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    TABLE_NAME: 'propdesk',
  });
}

export async function startHost(): Promise<Host> {
  const existing = process.env.PROPDESK_E2E_URL;
  if (existing) return { url: existing.replace(/\/$/, ''), stop: async () => {}, output: () => '' };
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'infra/local/main.ts', '--in-memory', '--port', String(port)],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'test' } },
  );
  let log = '';
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
      }, 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        done();
      });
      child.kill('SIGTERM');
    });
  await new Promise<void>((ready, fail) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes(url)) ready();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.once('exit', (code) => {
      fail(new Error(`The local host exited with code ${code}:\n${log.slice(-3000)}`));
    });
  }).catch(async (error) => {
    await stop();
    throw error;
  });
  return { url, stop, output: () => log };
}

/**
 * Under `npm run test:clocks` (scripts/test-at.mjs) the node processes run on a clock shifted by
 * libfaketime; Chromium does not (it crawls under libfaketime), so each page's `Date` is shifted by
 * the same offset instead, before any of the page's scripts run.
 */
const clockOffsetMs = Number(process.env.PROPDESK_CLOCK_OFFSET_MS ?? 0);

function shiftPageClock(offset: number) {
  const Real = Date;
  const now = () => Real.now() + offset;
  const Shifted = function (this: unknown, ...args: unknown[]) {
    if (!new.target) return new Real(now()).toString();
    return args.length === 0 ? new Real(now()) : Reflect.construct(Real, args, new.target);
  } as unknown as DateConstructor;
  Object.setPrototypeOf(Shifted, Real);
  Object.defineProperty(Shifted, 'prototype', { value: Real.prototype });
  Object.defineProperty(Shifted, 'now', { value: now });
  globalThis.Date = Shifted;
}

/** The environment without libfaketime, for processes that keep the real clock. */
function realClockEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && k !== 'LD_PRELOAD' && !k.startsWith('FAKETIME')) env[k] = v;
  }
  return env;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    env: realClockEnv(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface DemoAccount {
  email: string;
  name: string;
  roles: string[];
  properties: string[];
}

export async function demoAccounts(url: string): Promise<DemoAccount[]> {
  const response = await fetch(`${url}/auth/local/accounts`);
  if (!response.ok) throw new Error(`GET /auth/local/accounts: ${response.status}`);
  return (await response.json()) as DemoAccount[];
}

/**
 * A fresh browser context (own sessionStorage/localStorage) at the given viewport; `timezoneId` puts
 * the browser in another time zone than the machine's.
 */
export async function newPage(
  browser: Browser,
  baseURL: string,
  viewport = desktop,
  locale = 'zh-CN',
  timezoneId?: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    locale,
    ...(timezoneId ? { timezoneId } : {}),
  });
  if (clockOffsetMs) await context.addInitScript(shiftPageClock, clockOffsetMs);
  // Waits are on conditions; this only bounds a hang, far above what a loaded machine needs.
  context.setDefaultTimeout(120_000);
  const page = await context.newPage();
  return { context, page };
}

/** Signs in through the sign-in page by clicking the demo account's one-click button. */
export async function signInAs(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await expectSameNow(page);
  await page.locator(`button.demo-account[data-email="${email}"]`).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  await page.locator('.topbar').waitFor();
  // `/` shows the shell before the account is known, then sends staff of a property to its home:
  // reading the URL before that redirect (a loaded machine) would name no property.
  await page.waitForFunction(
    () => location.pathname !== '/' || document.querySelector('[data-testid="overview"]') !== null,
  );
}

/** The property of the page the signed-in account is on (`/p/{id}/…`). */
export function propertyIdOf(page: Page): string {
  const id = /^\/p\/([^/]+)/.exec(new URL(page.url()).pathname)?.[1];
  if (!id) throw new Error(`${page.url()} is not a property's page`);
  return id;
}

/**
 * The page and the host agree about "now" (SLA badges compare the host's due times with the page's
 * clock): the host's `Date` header lies between the page's clock just before and just after the call,
 * to the header's one-second resolution. Under a test clock, the host also runs at that instant.
 */
export async function expectSameNow(page: Page): Promise<void> {
  const { before, after, header } = await page.evaluate(async () => {
    const before = Date.now();
    const response = await fetch('/api/health');
    return { before, after: Date.now(), header: response.headers.get('date') ?? '' };
  });
  const host = Date.parse(header);
  if (!(host >= Math.floor(before / 1000) * 1000 - 1000 && host <= after + 1000)) {
    throw new Error(
      `The page's clock (${new Date(before).toISOString()}) and the host's (${header}) disagree`,
    );
  }
  const instant = process.env.PROPDESK_CLOCK_INSTANT;
  if (instant && !(host >= Date.parse(instant) - 60_000 && host <= Date.now() + 1000)) {
    throw new Error(`The host's clock (${header}) is not the test clock started at ${instant}`);
  }
}

/** The ID token of a demo account (password `propdesk`), signed in through the local issuer. */
export async function tokenFor(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/auth/local/sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: 'propdesk' }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${email}: ${response.status}`);
  return ((await response.json()) as { idToken: string }).idToken;
}

/** Calls the host's API with a token: GET without a body, POST with one. */
export async function callApi<T>(
  url: string,
  token: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/**
 * A test file's local host and browser, started together before its tests and stopped after them, with
 * the calls every file makes against them. Screenshots go to `screenshots/<prefix><name>.png`, of the
 * whole page unless `fullPage: false` (a phone test shows what fits on the screen).
 */
export function e2eSession(options: { shotPrefix?: string; fullPage?: boolean } = {}) {
  const { shotPrefix = '', fullPage = true } = options;
  const session = {
    host: undefined as unknown as Host,
    browser: undefined as unknown as Browser,
    newPage: (viewport = desktop, locale = 'zh-CN', timezoneId?: string) =>
      newPage(session.browser, session.host.url, viewport, locale, timezoneId),
    tokenFor: (email: string) => tokenFor(session.host.url, email),
    api: <T>(path: string, token: string, body?: unknown) => callApi<T>(session.host.url, token, path, body),
    shot: (page: Page, name: string) =>
      page.screenshot({ path: join(screenshotDir, `${shotPrefix}${name}.png`), fullPage }),
  };
  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    [session.host, session.browser] = await Promise.all([startHost(), launchBrowser()]);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.host?.stop();
  });
  return session;
}
