import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createContext } from './context.ts';
import { benchModules } from './modules.ts';

/**
 * `npm run bench` (or `node --import tsx bench/run.ts [--only api,lambda]`): runs every bench module in
 * order, merges their metrics into bench/results.json (a flat object of numbers) and prints a table.
 * A failing module is reported and the others still run; the exit code is then 1.
 */
const { values: args } = parseArgs({ options: { only: { type: 'string' } } });
const only = args.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((n) => !benchModules.some((m) => m.name === n)) ?? [];
if (unknown.length) {
  console.error(
    `unknown bench module(s): ${unknown.join(', ')}; known: ${benchModules.map((m) => m.name).join(', ')}`,
  );
  process.exit(2);
}

const ctx = createContext();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    ctx.log(`${signal}: stopping`);
    void ctx.cleanup().finally(() => process.exit(130));
  });
}

const failures: string[] = [];
const started = performance.now();
try {
  for (const module of benchModules) {
    if (only && !only.includes(module.name)) continue;
    const t0 = performance.now();
    ctx.log(`${module.name}…`);
    try {
      const metrics = await module.run(ctx);
      for (const [name, value] of Object.entries(metrics)) {
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          throw new Error(`metric ${name} is not a finite number: ${value}`);
        }
        if (name in ctx.results) throw new Error(`metric ${name} is reported twice`);
      }
      Object.assign(ctx.results, metrics);
      ctx.log(`${module.name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } catch (error) {
      failures.push(module.name);
      ctx.log(`${module.name} FAILED: ${(error as Error).stack ?? error}`);
    }
  }
} finally {
  await ctx.cleanup();
}

const results = ctx.results;
writeFileSync(join(ctx.root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);

const names = Object.keys(results);
const width = Math.max(6, ...names.map((n) => n.length));
const values = names.map((n) => String(results[n]));
const valueWidth = Math.max(5, ...values.map((v) => v.length));
console.log(`${'metric'.padEnd(width)}  ${'value'.padStart(valueWidth)}`);
console.log(`${'-'.repeat(width)}  ${'-'.repeat(valueWidth)}`);
names.forEach((n, i) => {
  console.log(`${n.padEnd(width)}  ${values[i]!.padStart(valueWidth)}`);
});
ctx.log(`wrote bench/results.json in ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (failures.length) {
  ctx.log(`failed: ${failures.join(', ')}`);
  process.exitCode = 1;
}
