import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { afterAll, expect, test } from 'vitest';
import { domains } from '../../functions/domains.ts';
import { DomainFunction } from '../../infra/constructs/domain-function.ts';

const outdir = mkdtempSync(join(tmpdir(), 'propdesk-bundle-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

test('bundling: a declared domain bundles with esbuild into an ESM entry that loads in Node, lazy imports in chunks of their own', () => {
  const [domain] = domains;
  const app = new App({ outdir });
  const stack = new Stack(app, 'Bundling');
  const table = new Table(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
  new DomainFunction(stack, 'Function', {
    name: domain!.name,
    memory: domain!.memory,
    timeout: Duration.seconds(5),
    table,
  });
  app.synth();

  const [asset] = readdirSync(outdir).filter((entry) => entry.startsWith('asset.'));
  const bundle = join(outdir, asset!, 'index.mjs');
  expect(existsSync(`${bundle}.map`)).toBe(true);
  // What one route needs (e.g. spreadsheet parsing) is a chunk read only when that route runs.
  expect(readdirSync(join(outdir, asset!, 'chunks')).some((f) => f.endsWith('.mjs'))).toBe(true);
  // The SDK, Hono and zod are inside (the entry and the chunks it shares with the lazy ones): nothing is
  // left to node_modules in the Lambda.
  const cold = new Set<string>();
  const read = (file: string) => {
    if (cold.has(file)) return;
    cold.add(file);
    for (const [, chunk] of readFileSync(file, 'utf8').matchAll(
      /from\s*"\.\.?\/(?:chunks\/)?([\w-]+\.mjs)"/g,
    )) {
      read(join(outdir, asset!, 'chunks', chunk!));
    }
  };
  read(bundle);
  expect([...cold].reduce((sum, f) => sum + statSync(f).size, 0)).toBeGreaterThan(200_000);
  // Loading it runs the module's top level as a cold start would (in a child: no test runner transforms).
  const exported = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(pathToFileURL(bundle).href)}); console.log(typeof m.handler);`,
    ],
    { encoding: 'utf8', env: { ...process.env, AWS_REGION: 'ap-east-1' } },
  );
  expect(exported.trim()).toBe('function');
});
