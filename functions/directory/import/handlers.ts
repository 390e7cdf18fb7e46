/** What the import routes (./routes.ts) run, loaded by the first request to one of them. */
export { importDirectory } from './run.ts';
export { lastImport } from './status.ts';
