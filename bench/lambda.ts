import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { domains, lambdaEntry } from '../functions/domains.ts';
import { bundleLambda, type LambdaBundle, lambdaTarget } from './bundle.ts';
import type { BenchModule } from './context.ts';
import { median, round } from './stats.ts';

const run = promisify(execFile);
const loadsPerBundle = 7;

/** Imports one bundle in a fresh `node` and prints how long `await import()` took (module init included). */
const loaderSource = `import { pathToFileURL } from 'node:url';
const url = pathToFileURL(process.argv[2]).href;
const started = performance.now();
await import(url);
process.stdout.write(JSON.stringify({ ms: performance.now() - started }));
process.exit(0);
`;

/** Enough for module init to run without AWS: nothing reaches the network at import time. */
const childEnv = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  NODE_OPTIONS: '',
  TABLE_NAME: 'propdesk-bench',
  AUTH_ISSUER: 'http://127.0.0.1/x',
  AUTH_AUDIENCE: 'x',
  AWS_REGION: 'local',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  POWERTOOLS_SERVICE_NAME: 'bench',
};

async function loadTime(loader: string, file: string, nodeArgs: string[] = []): Promise<number> {
  const { stdout } = await run(process.execPath, [...nodeArgs, loader, file], {
    env: childEnv,
    timeout: 30_000,
  });
  const ms = (JSON.parse(stdout) as { ms: number }).ms;
  if (!Number.isFinite(ms)) throw new Error(`loading ${file} printed ${stdout}`);
  return ms;
}

/**
 * Lambda bundles as the CDK builds them (esbuild, ESM, minified, SDK bundled): size of each, and how much
 * longer the largest domain's module init takes than an empty handler's, in fresh node processes.
 */
const lambda: BenchModule = async (ctx) => {
  const target = await lambdaTarget(ctx.log);
  const dir = join(ctx.tmpDir, 'lambda');
  const out: Record<string, number> = {};

  const bundles = new Map<string, LambdaBundle>();
  const entries = [...domains.map((d) => ({ name: d.name, entry: lambdaEntry(d.name) }))];
  entries.push({ name: 'jobs', entry: 'functions/jobs/lambda.ts' });
  for (const { name, entry } of entries) {
    const bundle = await bundleLambda({ root: ctx.root, entry, outDir: join(dir, name), target });
    bundles.set(name, bundle);
    out[`lambda.bundle_kb.${name}`] = round(bundle.bytes / 1024, 1);
  }

  const emptyEntry = join(dir, 'empty-handler.ts');
  writeFileSync(emptyEntry, 'export const handler = async () => ({ statusCode: 200 });\n');
  const empty = await bundleLambda({ root: ctx.root, entry: emptyEntry, outDir: join(dir, 'empty'), target });

  const [largestName, largest] = [...bundles]
    .filter(([n]) => n !== 'jobs')
    .sort((a, b) => b[1].bytes - a[1].bytes)[0]!;
  ctx.log(`bundled with target ${target}; timing module init of ${largestName} vs an empty handler`);

  mkdirSync(dir, { recursive: true });
  const loader = join(dir, 'load.mjs');
  writeFileSync(loader, loaderSource);
  // One unmeasured load of each warms the file cache; then the runs alternate so drift hits both alike.
  await loadTime(loader, empty.file);
  await loadTime(loader, largest.file);
  const emptyMs: number[] = [];
  const largestMs: number[] = [];
  const largestMapsMs: number[] = [];
  for (let i = 0; i < loadsPerBundle; i++) {
    emptyMs.push(await loadTime(loader, empty.file));
    largestMs.push(await loadTime(loader, largest.file));
    // As deployed: the construct sets NODE_OPTIONS=--enable-source-maps, which parses the .map at load.
    largestMapsMs.push(await loadTime(loader, largest.file, ['--enable-source-maps']));
  }
  const emptyMedian = median(emptyMs);
  out['lambda.init_ms.empty'] = round(emptyMedian);
  out[`lambda.init_ms.${largestName}`] = round(median(largestMs));
  out[`lambda.init_ms_source_maps.${largestName}`] = round(median(largestMapsMs));
  out['lambda.init_ratio'] = round(median(largestMs) / emptyMedian);
  out['lambda.init_ratio_source_maps'] = round(median(largestMapsMs) / emptyMedian);
  return out;
};

export default lambda;
