import * as z from 'zod/mini';
import { useActor } from '../../shared/actor.ts';
import { AppError, unprocessable } from '../../shared/errors.ts';
import { fn } from '../../shared/fn.ts';
import { newId } from '../../shared/ids.ts';
import { propertyStore } from '../../shared/store.ts';
import { keys } from '../../shared/table.ts';
import { id } from '../schemas.ts';
import { loadExisting } from './existing.ts';
import { acquireImportLock, finishImport, holding } from './lock.ts';
import { planImport, type Summary } from './plan.ts';
import { csvType, formatOf, readSheet, xlsxType } from './read-sheet.ts';
import { recoverInterruptedImport } from './recover.ts';
import { type ImportError, readRows } from './rows.ts';
import { packTransactions, writePlan } from './write.ts';

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  errors: ImportError[];
  summary: Summary;
  /** Headers that named no known column (e.g. 备注): ignored, listed so a misspelt one is noticed. */
  ignoredColumns: string[];
  /** Set when something was written: every record created carries it. */
  importId: string | null;
  transactions: number;
}

const byRow = (a: ImportError, b: ImportError) => a.row - b.row;

/**
 * The onboarding import: read, check every row, plan against what exists, and (unless a dry run)
 * write all of it or none of it — a run cut off by a crash included, which the next request rolls
 * back. See docs/decisions/003-import-all-or-nothing.md and 011-one-door-to-the-data.md.
 */
export const importDirectory = fn(
  z.object({
    propertyId: id,
    contentType: z.optional(z.string()),
    file: z.instanceof(Uint8Array),
    dryRun: z.boolean(),
  }),
  async ({ propertyId, contentType, file, dryRun }): Promise<ImportReport> => {
    // The tenant guard comes first: another company's property is a 404 whatever the body.
    const store = propertyStore(propertyId);
    await store.mustGet(keys.property(propertyId), 'Property');
    const format = formatOf(contentType);
    if (!format)
      throw new AppError(415, 'unsupported_media_type', `Send the file as ${csvType} or ${xlsxType}`, {
        contentType: contentType ?? null,
      });
    const read = readRows(await readSheet(format, file));
    const importId = newId();
    // An import cut off earlier (a crash) is rolled back first: a plan must not count its half-estate
    // as existing, and it must not hold this import up.
    await recoverInterruptedImport(store, propertyId);
    const plan = planImport(
      propertyId,
      read.valid,
      await loadExisting(store, propertyId, read.valid),
      importId,
    );
    const report = {
      rows: read.rows,
      errors: [...read.errors, ...plan.errors].sort(byRow),
      summary: plan.summary,
      ignoredColumns: read.ignoredColumns,
    };
    if (dryRun) return { dryRun, ...report, importId: null, transactions: 0 };
    if (report.errors.length)
      throw unprocessable(
        'import_invalid',
        `The file has ${report.errors.length} problems; nothing was imported`,
        report,
      );
    // Re-importing the same file writes nothing at all, not even an audit entry: nothing changed.
    if (!plan.groups.length) return { dryRun, ...report, importId: null, transactions: 0 };

    // Every write of the plan is conditioned on the state it was planned against (guards, versions,
    // household counts), so a plan overtaken meanwhile fails and is taken back; the lock keeps two
    // imports from interleaving.
    const transactions = packTransactions(plan.groups);
    await holding(importId, async () => {
      await acquireImportLock(
        store,
        propertyId,
        { importId, rows: read.rows, summary: plan.summary, transactions: transactions.length },
        useActor(),
      );
      await writePlan(store, propertyId, importId, transactions, plan.snapshots);
      await finishImport(store, propertyId, importId, importId, { state: 'completed' });
    });
    return { dryRun, ...report, importId, transactions: transactions.length };
  },
);
