#!/usr/bin/env node
/**
 * Runs the test suite with the node processes' clock set to fixed instants (libfaketime), so that a
 * result depending on the hour, the weekday or a holiday shows up here rather than at 05:00 in CI.
 *
 *   node scripts/test-at.mjs                      # the four standard instants, unit+integration then e2e
 *   node scripts/test-at.mjs --phases unit        # only unit+integration
 *   node scripts/test-at.mjs --phases e2e 2026-10-10T10:00:00+08:00
 *   node scripts/test-at.mjs --phases e2e --no-build weekday-03:00   (a standard instant by its name)
 *
 * Each phase starts at the instant itself: the offset to the real clock is computed just before the
 * phase starts and handed to every node process (vitest, its workers, the local host it spawns) as
 * FAKETIME="<offset>s", so they all agree and time runs on at its normal speed. DynamoDB Local (java)
 * keeps the real clock (it takes > 30 s to start under libfaketime); Chromium keeps it too (it slows to
 * a crawl under libfaketime) and the e2e support shifts the page's clock by the same offset instead
 * (PROPDESK_CLOCK_OFFSET_MS, see test/e2e/support.ts). Monotonic clocks are left alone, so timers and
 * timeouts keep real durations.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');

/** The instants every run proves, in Asia/Shanghai (the demo properties' zone). */
const standardInstants = [
  // A weekday night: service hours (09:00–21:00) closed, working-time clocks stand still.
  ['weekday 03:00', '2026-11-18T03:00:00+08:00'],
  // A weekday afternoon: everything open.
  ['weekday 14:00', '2026-11-19T14:00:00+08:00'],
  // Saturday 2026-10-10 is a make-up working day (调休上班) after the National Day holiday.
  ['make-up Saturday 10:00', '2026-10-10T10:00:00+08:00'],
  // The eve of National Day: the run crosses midnight into the holiday.
  ['holiday eve 23:50', '2026-09-30T23:50:00+08:00'],
];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    phases: { type: 'string', default: 'unit,e2e' },
    // When the dashboard is already built (e.g. two runs side by side).
    'no-build': { type: 'boolean', default: false },
  },
});
const phases = values.phases.split(',');
const byName = (p) => standardInstants.find(([name]) => name.replaceAll(' ', '-') === p) ?? [p, p];
const instants = positionals.length ? positionals.map(byName) : standardInstants;

function fakeTimeLibrary() {
  const found = spawnSync(
    'sh',
    [
      '-c',
      'ls /usr/lib/*/faketime/libfaketimeMT.so.1 /usr/local/lib/faketime/libfaketimeMT.so.1 2>/dev/null',
    ],
    {
      encoding: 'utf8',
    },
  ).stdout.split('\n')[0];
  if (!found || !existsSync(found)) {
    console.error('test-at: libfaketime not found; install it (Debian: apt-get install faketime)');
    process.exit(2);
  }
  return found;
}
const library = fakeTimeLibrary();

const vitest = join(root, 'node_modules/vitest/vitest.mjs');
const projects = {
  unit: ['--project', 'unit', '--project', 'integration'],
  e2e: ['--project', 'e2e'],
};

function run(args, env) {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

/** One phase at one instant: counts from vitest's JSON report. */
async function phaseAt(instant, phase) {
  const target = Date.parse(instant);
  if (Number.isNaN(target)) throw new Error(`Not an instant: ${instant}`);
  const report = join(mkdtempSync(join(tmpdir(), 'test-at-')), 'report.json');
  const offsetMs = target - Date.now();
  const env = {
    ...process.env,
    LD_PRELOAD: [library, process.env.LD_PRELOAD].filter(Boolean).join(':'),
    FAKETIME: `${offsetMs >= 0 ? '+' : ''}${(offsetMs / 1000).toFixed(3)}`,
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
    FAKETIME_SKIP_CMDS: 'java,chromium,chrome,chrome_crashpad_handler',
    PROPDESK_CLOCK_OFFSET_MS: String(offsetMs),
    PROPDESK_CLOCK_INSTANT: new Date(target).toISOString(),
  };
  const started = performance.now();
  const code = await run(
    [
      vitest,
      'run',
      ...projects[phase],
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    env,
  );
  const seconds = Math.round((performance.now() - started) / 1000);
  let counts = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    counts = {
      passed: r.numPassedTests,
      failed: r.numFailedTests,
      skipped: r.numPendingTests + r.numTodoTests,
    };
  }
  return { code, seconds, ...counts };
}

if (phases.includes('e2e') && !values['no-build']) {
  // Built once with the real clock: the bundle does not depend on the time.
  const built = spawnSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const results = [];
for (const [name, instant] of instants) {
  for (const phase of ['unit', 'e2e'].filter((p) => phases.includes(p))) {
    console.log(`\ntest-at: ${phase === 'unit' ? 'unit+integration' : 'e2e'} at ${name} (${instant})\n`);
    results.push({ name, instant, phase, ...(await phaseAt(instant, phase)) });
  }
}

console.log('\ntest-at: results');
for (const r of results) {
  const what = r.phase === 'unit' ? 'unit+integration' : 'e2e';
  console.log(
    `  ${r.name.padEnd(24)} ${r.instant}  ${what.padEnd(16)} ${r.code === 0 ? 'PASS' : 'FAIL'}  ` +
      `${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped  ${r.seconds} s`,
  );
}
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
