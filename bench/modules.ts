import api from './api.ts';
import billing from './billing.ts';
import billingReports from './billing-reports.ts';
import type { BenchModule } from './context.ts';
import lambda from './lambda.ts';
import load from './load.ts';
import reliability from './reliability.ts';
import reports from './reports.ts';
import search from './search.ts';
import sla from './sla.ts';
import tickets from './tickets.ts';
import web from './web.ts';

/**
 * The bench modules, run in this order; their metrics are merged into one flat results.json.
 * Add a module here: `export default (async (ctx) => ({ 'area.metric': 1 })) satisfies BenchModule`.
 * Timing-sensitive modules come before the local host so its seeding does not compete for the CPU.
 */
export const benchModules: { name: string; run: BenchModule }[] = [
  { name: 'web', run: web },
  { name: 'lambda', run: lambda },
  { name: 'tickets', run: tickets },
  { name: 'api', run: api },
  // Sustained load (throughput and p95 as context, errors and lost writes must be 0), then the
  // reliability suite (counts only): after the timing-sensitive modules, before the 100,000-ticket load.
  { name: 'load', run: load },
  { name: 'reliability', run: reliability },
  // Capacity units, not time: last, so its 100,000-ticket load does not disturb the timings.
  { name: 'sla', run: sla },
  // Items read, not time: a 100,000-ticket history of its own, like `sla`.
  { name: 'search', run: search },
  // Items read, not time: the 17:10 report with 100× more history.
  { name: 'reports', run: reports },
  // Items read, not time: the head-office billing overview with 10× more households.
  { name: 'billing-reports', run: billingReports },
  // Write units and rate of the bill run, 20,000 households in a table of its own.
  { name: 'billing', run: billing },
];
