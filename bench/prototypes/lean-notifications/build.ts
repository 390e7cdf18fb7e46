import { dirname, join, resolve } from 'node:path';
import type { Plugin } from 'esbuild';

const here = import.meta.dirname;
const notificationsDir = resolve(here, '../../../functions/notifications');

/** What the real notifications modules import, and the zod/mini stand-in the prototype builds them with. */
const standIns: Record<string, string> = {
  './schemas.ts': join(here, 'schemas.ts'),
  '../shared/fn.ts': join(here, 'fn.ts'),
  '../directory/properties.ts': join(here, 'properties.ts'),
};

/**
 * Builds the real functions/notifications/{inbox,outbox,records}.ts with their schema layer in zod/mini:
 * the bundle is what the domain becomes once its schemas are rewritten, with its own data code unchanged.
 */
export const leanNotifications: Plugin = {
  name: 'lean-notifications',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (dirname(args.importer) !== notificationsDir) return undefined;
      const standIn = standIns[args.path];
      if (standIn) return { path: standIn };
      // Their `import { z } from 'zod'`, as the rewrite writes it: named zod/mini imports.
      if (args.path === 'zod') return { path: join(here, 'zod-named.ts') };
      return undefined;
    });
  },
};
