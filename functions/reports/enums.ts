/** The report kinds, free of zod so that the dashboard imports the list without a schema library. */
export const reportKindNames = ['complaints-daily', 'repairs-daily', 'repairs-weekly'] as const;
export type ReportKind = (typeof reportKindNames)[number];
