import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { databaseDown } from '../test/support/faults-db-down.ts';
import type { BenchModule } from './context.ts';
import { round } from './stats.ts';

/** The fuzz, faults and conflicts run in a child process: its DynamoDB client carries the fault middleware. */
async function inProcessSuite(
  root: string,
  seed: number,
  log: (m: string) => void,
  onCleanup: (fn: () => void) => void,
) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/reliability-suite.ts', '--seed', String(seed)],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  onCleanup(stop);
  process.on('exit', stop);
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
    for (const line of d.toString().split('\n')) if (line.startsWith('[reliability]')) log(line.slice(14));
  });
  // Bounded: the suite's loops are, and this is the backstop.
  const timer = setTimeout(stop, 45 * 60_000);
  const [code] = await once(child, 'exit');
  clearTimeout(timer);
  process.off('exit', stop);
  const last = stdout.trim().split('\n').pop() ?? '';
  if (code !== 0 || !last.startsWith('{'))
    throw new Error(`the reliability suite exited ${code}: ${stdout.slice(-1000)}\n${stderr}`);
  return JSON.parse(last) as Record<string, number>;
}

/**
 * The reliability suite (docs/reliability.md): fuzz from the OpenAPI document, injected DynamoDB faults,
 * parallel conflicting saves, and the database killed under a running local host. A fresh seed each
 * run (logged, so a finding can be replayed with `--seed` on bench/reliability-suite.ts).
 */
const reliability: BenchModule = async (ctx) => {
  const seed = Number(process.env.RELIABILITY_SEED ?? Math.floor(Date.now() / 1000) % 1_000_000);
  ctx.log(`reliability: seed ${seed}`);
  const suite = await inProcessSuite(ctx.root, seed, ctx.log, ctx.onCleanup);

  const dbDown = await databaseDown({ root: ctx.root, log: ctx.log });
  for (const line of dbDown.wrong.slice(0, 10)) ctx.log(`database down finding: ${line}`);
  const restoredOk = dbDown.restored.every((a) => a.status === 200);
  return {
    ...suite,
    'reliability.seed': seed,
    'reliability.db_down_requests': dbDown.down.length,
    'reliability.db_down_not_503': dbDown.wrong.length,
    'reliability.db_down_max_ms': round(Math.max(...dbDown.down.map((a) => a.ms))),
    'reliability.db_restored': restoredOk ? 1 : 0,
  };
};

export default reliability;
