import { statSync } from 'node:fs';
import { join } from 'node:path';
import { type BuildOptions, build, buildSync, type Metafile, type Plugin } from 'esbuild';

/** CommonJS dependencies call require() for Node built-ins, which an ESM bundle lacks. */
export const lambdaBanner =
  "import { createRequire as __propdeskRequire } from 'node:module'; const require = __propdeskRequire(import.meta.url);";

/** Stack traces in the logs point into functions/*.ts instead of the minified bundle. */
export const lambdaNodeOptions = '--enable-source-maps';

/** The file Lambda loads (the construct's `handler: 'index.handler'`). */
export const lambdaEntryFile = 'index.mjs';

/**
 * The one set of esbuild options for every Lambda asset: the construct bundles with it and the bench
 * measures what it produces. ESM for node<runtime>, minified, a source map without sources, and the SDK
 * bundled (a bundled SDK loads faster than the runtime's copy and is the version the tests ran against).
 */
export function lambdaBuildOptions(options: {
  root: string;
  entry: string;
  outDir: string;
  target: string;
}): BuildOptions {
  return {
    absWorkingDir: options.root,
    entryPoints: [options.entry],
    bundle: true,
    target: options.target,
    platform: 'node',
    format: 'esm',
    // What only one route or job needs is an `import()`: with splitting it is a chunk of its own that
    // loads when that route runs, so a cold start reads only the entry and its static chunks.
    splitting: true,
    outdir: options.outDir,
    entryNames: 'index',
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    banner: { js: lambdaBanner },
    mainFields: ['module', 'main'],
    metafile: true,
    logLevel: 'error',
  };
}

export interface LambdaBundle {
  /** The entry file Lambda imports. */
  file: string;
  /** Bytes Lambda reads at a cold start: the entry and every chunk it imports statically (no `.map`). */
  bytes: number;
  /** Those outputs (metafile keys): what a module in none of them costs is paid when it is imported. */
  coldOutputs: string[];
  metafile: Metafile;
}

/** `file` and the outputs it imports statically, each once. */
function coldOutputsOf(metafile: Metafile, root: string, file: string): string[] {
  const seen = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const i of metafile.outputs[output]?.imports ?? []) {
      if (i.kind === 'import-statement' && !i.external) visit(i.path);
    }
  };
  const entry = Object.keys(metafile.outputs).find((o) => join(root, o) === file);
  if (!entry) throw new Error(`esbuild wrote no ${file}`);
  visit(entry);
  return [...seen];
}

/** The bench's way (`plugins` only for its prototypes; the construct never has any). */
export async function bundleLambda(
  options: Parameters<typeof lambdaBuildOptions>[0],
  plugins: Plugin[] = [],
): Promise<LambdaBundle> {
  const { metafile } = await build({ ...lambdaBuildOptions(options), plugins });
  const file = join(options.outDir, lambdaEntryFile);
  const coldOutputs = coldOutputsOf(metafile!, options.root, file);
  const bytes = coldOutputs.reduce((sum, o) => sum + statSync(join(options.root, o)).size, 0);
  return { file, bytes, coldOutputs, metafile: metafile! };
}

/** The construct's way: CDK's local bundling hook is synchronous. */
export function buildLambdaSync(options: Parameters<typeof lambdaBuildOptions>[0]): void {
  buildSync(lambdaBuildOptions(options));
}
