/** Billing months (YYYY-MM) as paths and bodies name them, and where one stands in a property's time zone. */
import * as z from 'zod/mini';
import { notFound } from '../../shared/errors.ts';
import { localDay } from '../../tickets/local-day.ts';

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A month in a path: any well-formed token; one that names no month is a 404, like an unknown id. */
export const monthParam = z.string().check(z.regex(/^[0-9A-Za-z-]{4,20}$/, 'A billing month (YYYY-MM)'));

/** A month in a body or a query: exactly YYYY-MM. */
export const month = z.string().check(z.regex(monthPattern, 'Use YYYY-MM'));

export function realMonth(value: string): string {
  if (!monthPattern.test(value)) throw notFound('Billing month');
  return value;
}

/** The property-local month of `at`. */
export const localMonth = (at: Date, timeZone: string) => localDay(at, timeZone).slice(0, 7);

export function addMonths(value: string, by: number): string {
  const [y, m] = value.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** A half year in a path, `2026-H1` (January–June) or `2026-H2` (July–December); another token is a 404. */
export const halfYearParam = z
  .string()
  .check(z.regex(/^[0-9A-Za-z-]{4,20}$/, 'A half year (YYYY-H1 or YYYY-H2)'));

/** The six months of a half year. */
export function monthsOfHalf(half: string): string[] {
  if (!/^\d{4}-H[12]$/.test(half)) throw notFound('Half year');
  const [year, h] = half.split('-H') as [string, string];
  const first = h === '1' ? 1 : 7;
  return Array.from({ length: 6 }, (_, i) => `${year}-${String(first + i).padStart(2, '0')}`);
}
