import * as z from 'zod/mini';
import type { Domain } from '../../shared/http.ts';
import { components, ok } from '../../shared/openapi.ts';
import { id } from '../schemas.ts';
import { csvType, maxImportBytes, xlsxType } from './limits.ts';

const exampleCsv =
  'building_code,building_name,floors,room,floor,area_sqm,unit_type,household_kind,household_name,household_phone,move_in_date\n' +
  '5,5号楼,18,1502,15,89.5,residential,owner,王芳,13812345678,2024-05-01\n';

const tally = z.object({ create: z.number(), update: z.number(), unchanged: z.number() });
export const importReport = z
  .object({
    dryRun: z.boolean(),
    rows: z.number(),
    errors: z.array(
      z.object({
        row: z.number(),
        field: z.string(),
        /** Stable: the page words it in the reader's language from `code` and `params`. */
        code: z.string(),
        params: z.optional(z.record(z.string(), z.union([z.string(), z.number()]))),
        /** The same problem in English. */
        message: z.string(),
      }),
    ),
    summary: z.object({ buildings: tally, units: tally, households: tally }),
    ignoredColumns: z.array(z.string()),
    importId: z.nullable(z.string()),
    transactions: z.number(),
  })
  .register(components, { id: 'ImportReport' });
const run = z
  .object({
    id: z.string(),
    state: z.enum(['running', 'completed', 'rolled_back']),
    startedAt: z.string(),
    startedBy: z.string(),
    finishedAt: z.nullable(z.string()),
    rows: z.number(),
    summary: z.object({ buildings: tally, units: tally, households: tally }),
    transactions: z.number(),
    interrupted: z.boolean(),
    reason: z.nullable(z.object({ code: z.string(), message: z.string() })),
    leftovers: z.array(z.string()),
  })
  .register(components, { id: 'ImportRun' });

/** Used when a property is onboarded: the import's code (./handlers.ts) loads on the first request. */
export function registerImportRoutes(domain: Domain) {
  const imports = domain.lazy(() => import('./handlers.ts'));
  imports.route(
    {
      method: 'get',
      path: '/properties/{propertyId}/imports/latest',
      operationId: 'getLatestImport',
      summary: 'Read how the latest import of a property ended',
      permission: 'directory.import',
      request: { params: z.object({ propertyId: id }) },
      responses: ok(
        z.object({ import: z.nullable(run) }).register(components, { id: 'LatestImport' }),
        'The latest import and how it ended; one cut off by a crash is rolled back first and shown so',
      ),
    },
    async (c, imports) => c.json({ import: await imports.lastImport(c.req.valid('param').propertyId) }, 200),
  );

  imports.route(
    {
      method: 'post',
      path: '/properties/{propertyId}/imports',
      operationId: 'importDirectory',
      summary: 'Import buildings, units and households from a spreadsheet (dry run by default)',
      permission: 'directory.import',
      maxBodyBytes: maxImportBytes,
      request: {
        params: z.object({ propertyId: id }),
        // A forgotten parameter must not write: the default is the dry run.
        query: z.strictObject({ dryRun: z._default(z.enum(['true', 'false']), 'true') }),
        body: {
          required: true,
          description:
            'The spreadsheet itself (first worksheet of an XLSX; CSV in UTF-8, with or without BOM)',
          content: {
            [csvType]: { schema: z.string().register(components, { example: exampleCsv }) },
            [xlsxType]: { schema: z.string().register(components, { format: 'binary' }) },
          },
        },
      },
      errors: {
        409: 'Another import is running, or the import met a conflict and was taken back',
        413: `The file is larger than ${maxImportBytes / 1024 / 1024} MB`,
        415: 'Not a CSV or XLSX body',
        422: 'The file has problems (error.details lists every one); nothing was written',
      },
      responses: ok(importReport, 'The plan (dry run) or what was imported'),
    },
    async (c, imports) => {
      const { propertyId } = c.req.valid('param');
      const report = await imports.importDirectory({
        propertyId,
        contentType: c.req.header('content-type'),
        file: new Uint8Array(await c.req.arrayBuffer()),
        dryRun: c.req.valid('query').dryRun === 'true',
      });
      return c.json(report, 200);
    },
  );
}
