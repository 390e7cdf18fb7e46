import { z } from 'zod';
import { AppError, unprocessable } from '../../shared/errors.ts';
import { fn } from '../../shared/fn.ts';
import { newId } from '../../shared/ids.ts';
import { propertyStore } from '../../shared/store.ts';
import { keys } from '../../shared/table.ts';
import { id } from '../schemas.ts';
import { loadExisting } from './existing.ts';
import { acquireImportLock, releaseImportLock } from './lock.ts';
import { planImport, type Summary } from './plan.ts';
import { csvType, formatOf, readSheet, xlsxType } from './read-sheet.ts';
import { type ImportError, readRows } from './rows.ts';
import { writePlan } from './write.ts';

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
 * write all of it or none of it. See docs/decisions/003-import-all-or-nothing.md.
 */
export const importDirectory = fn(
  z.object({
    propertyId: id,
    contentType: z.string().optional(),
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

    const planned = async () => {
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
      return { plan, report };
    };

    if (dryRun) {
      const { report } = await planned();
      return { dryRun, ...report, importId: null, transactions: 0 };
    }
    // The plan is made under the lock, so no other import can change what it was made against.
    await acquireImportLock(store, propertyId, importId);
    try {
      const { plan, report } = await planned();
      if (report.errors.length)
        throw unprocessable(
          'import_invalid',
          `The file has ${report.errors.length} problems; nothing was imported`,
          report,
        );
      // Re-importing the same file writes nothing at all, not even an audit entry: nothing changed.
      if (!plan.groups.length) return { dryRun, ...report, importId: null, transactions: 0 };
      const transactions = await writePlan(store, propertyId, importId, plan);
      return { dryRun, ...report, importId, transactions };
    } finally {
      await releaseImportLock(propertyId, importId);
    }
  },
);
