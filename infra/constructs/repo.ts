import { fileURLToPath } from 'node:url';

/** The repository root: entries, the lock file and web/dist are resolved from here, not from the cwd. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
