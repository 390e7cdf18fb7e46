/**
 * The largest spreadsheet an import takes. An onboarding sheet of a few thousand rows is well under
 * this; a bigger upload is not a directory. Lambda takes at most 6 MB per request and an XLSX arrives
 * base64-encoded (4/3 of its size): 4 MB becomes 5.33 MB, which leaves room for the event's headers and
 * a CSV's JSON escapes. Zod-free: the dashboard checks a chosen file against it before sending.
 */
export const maxImportBytes = 4 * 1024 * 1024;

/** The spreadsheets an import reads (the route's body types, which the declaration names too). */
export const csvType = 'text/csv';
export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
