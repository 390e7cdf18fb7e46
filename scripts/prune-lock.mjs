// The npm registry reachable from our machines lacks some platform builds of @biomejs/cli-* that
// @biomejs/biome lists as optional. npm records those edges in the lock without entries, and `npm ci`
// then refuses the lock. Dropping optional edges to packages the lock never resolved keeps it usable;
// it runs after every `npm install` (root postinstall).
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
let pruned = 0;
for (const entry of Object.values(lock.packages ?? {})) {
  for (const dep of Object.keys(entry.optionalDependencies ?? {})) {
    if (!lock.packages[`node_modules/${dep}`]) {
      delete entry.optionalDependencies[dep];
      pruned += 1;
    }
  }
}
if (pruned) writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
