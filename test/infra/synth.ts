import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Environment, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/app.ts';

/**
 * The whole app synthesized as `cdk synth` would, except that Lambda bundling is skipped (the bundling
 * test covers it) and a placeholder stands in for the built dashboard, so no test needs
 * `npm run build:web`. Call `dispose()` in afterAll: the BucketDeployment layer alone is ~21 MB.
 */
export function synthPropDesk(env?: Environment, context: Record<string, unknown> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'propdesk-infra-'));
  const webDist = join(root, 'dist');
  mkdirSync(join(webDist, 'assets'), { recursive: true });
  writeFileSync(
    join(webDist, 'index.html'),
    '<!doctype html><title>PropDesk</title><script src="/assets/app.js"></script>',
  );
  writeFileSync(join(webDist, 'assets/app.js'), 'document.title = "PropDesk";');

  const app = new App({
    outdir: join(root, 'cdk.out'),
    context: { 'aws:cdk:bundling-stacks': [], ...context },
  });
  const built = buildApp({ app, webDist, env });
  return {
    ...built,
    outdir: join(root, 'cdk.out'),
    template: (stack: Stack) => Template.fromStack(stack),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
