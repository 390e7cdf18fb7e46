import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** What every bench module gets: where the repo is, a scratch folder, a logger and a cleanup hook. */
export interface BenchContext {
  /** Absolute path of the repository root. */
  root: string;
  /** A scratch folder for this run, removed at the end. */
  tmpDir: string;
  /** Progress output (stderr, so the table on stdout stays clean). */
  log: (message: string) => void;
  /** Registers cleanup that runs when the bench ends, even on error or Ctrl-C (last registered runs first). */
  onCleanup: (fn: () => Promise<void> | void) => void;
  /** Metrics measured so far in this run, for modules that build on earlier ones. */
  results: Readonly<Record<string, number>>;
}

/** A bench module: measures something and returns flat, named numbers (`area.metric[.detail]`). */
export type BenchModule = (ctx: BenchContext) => Promise<Record<string, number>>;

export function createContext(): BenchContext & {
  cleanup: () => Promise<void>;
  results: Record<string, number>;
} {
  const root = resolve(import.meta.dirname, '..');
  const tmpDir = mkdtempSync(join(tmpdir(), 'propdesk-bench-'));
  const cleanups: (() => Promise<void> | void)[] = [() => rmSync(tmpDir, { recursive: true, force: true })];
  let cleaned = false;
  return {
    root,
    tmpDir,
    results: {},
    log: (message) => process.stderr.write(`[bench] ${message}\n`),
    onCleanup: (fn) => {
      cleanups.push(fn);
    },
    cleanup: async () => {
      if (cleaned) return;
      cleaned = true;
      for (const fn of cleanups.reverse()) {
        try {
          await fn();
        } catch (error) {
          process.stderr.write(`[bench] cleanup failed: ${(error as Error).message}\n`);
        }
      }
    },
  };
}
