import type { householdKinds, unitTypes } from '../schemas.ts';

/**
 * A cell turned into a value, or the reason it could not be: a stable `code` with its `params`, which
 * the import page words in the reader's language, and the same in English for the API's JSON.
 */
export type Parsed<T> = { ok: true; value: T } | ({ ok: false } & Problem);
export interface Problem {
  code: string;
  params?: Record<string, string | number>;
  message: string;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (code: string, params: Record<string, string | number>, message: string): Parsed<never> => ({
  ok: false,
  code,
  params,
  message,
});

/**
 * "89.5" → 8950 hundredths of a m², read digit by digit: 89.5 * 100 in floating point is fine, but
 * 1.15 * 100 is 114.99999999999999, and area sums must be exact. A unit suffix and thousands
 * separators are tolerated because people paste areas from contracts.
 */
export function parseAreaX100(text: string): Parsed<number> {
  const cleaned = text
    .normalize('NFKC')
    .trim()
    .replace(/(m2|平方米|平米)$/i, '')
    .replace(/,/g, '')
    .trim();
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return fail('not_an_area', { value: text }, `"${text}" is not an area in m² (e.g. 89.5)`);
  const whole = match[1]!;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > 2)
    return fail(
      'area_decimals',
      { value: text },
      `"${text}" has more than 2 decimals; give the area to 0.01 m²`,
    );
  if (whole.length > 7) return fail('area_too_large', { value: text }, `"${text}" is too large for an area`);
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (value <= 0) return fail('area_not_positive', { value: text }, 'The area must be more than 0');
  return ok(value);
}

/** "18", "18层", "18F" → 18; "B2" or "-2" → -2 (basements, as they are written on signs). */
export function parseFloor(text: string): Parsed<number> {
  const cleaned = text.normalize('NFKC').trim().toUpperCase();
  const basement = /^B(\d{1,2})$/.exec(cleaned);
  if (basement) return ok(-Number(basement[1]));
  const match = /^(-?\d{1,3})(?:层|楼|F)?$/.exec(cleaned);
  if (!match) return fail('not_a_floor', { value: text }, `"${text}" is not a floor number`);
  return ok(Number(match[1]));
}

/** A whole number of floors: "18" or "18层". */
export function parseCount(text: string): Parsed<number> {
  const match = /^(\d{1,4})(?:层)?$/.exec(text.normalize('NFKC').trim());
  if (!match) return fail('not_a_count', { value: text }, `"${text}" is not a whole number`);
  return ok(Number(match[1]));
}

/** "2024-03-05", "2024/3/5", "2024.3.5" and "2024年3月5日" → "2024-03-05", if that day exists. */
export function parseDate(text: string): Parsed<string> {
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.normalize('NFKC').trim());
  if (!match) return fail('not_a_date', { value: text }, `"${text}" is not a date; use YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return fail('no_such_day', { value: text }, `${text} is not a day of the calendar`);
  return ok(date.toISOString().slice(0, 10));
}

/** "138 1234 5678" and "138-1234-5678" as typed; spaces and full-width digits are folded away. */
export const normalizePhone = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

type UnitType = (typeof unitTypes)[number];
type HouseholdKind = (typeof householdKinds)[number];

const unitTypeWords: Record<string, UnitType> = {
  residential: 'residential',
  住宅: 'residential',
  住房: 'residential',
  公寓: 'residential',
  commercial: 'commercial',
  商铺: 'commercial',
  商业: 'commercial',
  底商: 'commercial',
  parking: 'parking',
  车位: 'parking',
  停车位: 'parking',
  storage: 'storage',
  储藏室: 'storage',
  储物间: 'storage',
  库房: 'storage',
  office: 'office',
  办公: 'office',
  写字楼: 'office',
};

const householdKindWords: Record<string, HouseholdKind> = {
  owner: 'owner',
  业主: 'owner',
  tenant: 'tenant',
  租户: 'tenant',
  租客: 'tenant',
};

function parseWord<T>(words: Record<string, T>, text: string, code: string, what: string): Parsed<T> {
  const value = words[text.normalize('NFKC').trim().toLowerCase()];
  if (value === undefined)
    return fail(code, { value: text }, `"${text}" is not a ${what} (${Object.keys(words).join(', ')})`);
  return ok(value);
}

export const parseUnitType = (text: string) => parseWord(unitTypeWords, text, 'not_a_unit_type', 'unit type');
export const parseHouseholdKind = (text: string) =>
  parseWord(householdKindWords, text, 'not_a_household_kind', 'household kind');
