/** YYYY-MM-DD of `at` in the property's time zone: the day a ledger entry, a counter or a bill belongs to. */
export function localDay(at: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(at));
}
