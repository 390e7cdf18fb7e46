import { statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * The esbuild options of `infra/constructs/domain-function.ts` (NodejsFunction with local esbuild):
 * `esbuild --bundle <entry> --target=node<runtime> --platform=node --format=esm --outfile=index.mjs --minify
 * --sourcemap --sources-content=false --banner:js=... --main-fields=module,main`, SDK included (no externals).
 * Keep in step with that construct.
 */
export const lambdaBanner =
  "import { createRequire as __propdeskRequire } from 'node:module'; const require = __propdeskRequire(import.meta.url);";

/** The target NodejsFunction derives from the runtime (`nodejs24.x` → `node24`); node22 if the construct won't load. */
export async function lambdaTarget(log: (m: string) => void): Promise<string> {
  try {
    const { lambdaRuntime } = await import('../infra/constructs/domain-function.ts');
    const match = /nodejs(\d+)/.exec(lambdaRuntime.name);
    if (match) return `node${match[1]}`;
  } catch (error) {
    log(
      `could not read the Lambda runtime from infra/constructs/domain-function.ts (${(error as Error).message})`,
    );
  }
  return 'node22';
}

export interface LambdaBundle {
  file: string;
  bytes: number;
}

/** Bundles one Lambda entry as the CDK does into `outDir/index.mjs` (+ `.map`); returns the code size. */
export async function bundleLambda(options: {
  root: string;
  entry: string;
  outDir: string;
  target: string;
}): Promise<LambdaBundle> {
  const file = join(options.outDir, 'index.mjs');
  await build({
    absWorkingDir: options.root,
    entryPoints: [options.entry],
    bundle: true,
    target: options.target,
    platform: 'node',
    format: 'esm',
    outfile: file,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    banner: { js: lambdaBanner },
    mainFields: ['module', 'main'],
    external: [],
    logLevel: 'error',
  });
  return { file, bytes: statSync(file).size };
}
