/** Pure helpers (no DOM, no signals): unit-tested in test/unit/web-format.test.ts. */
import { columns } from '../../functions/directory/import/columns.ts';

/** 8950 → "89.50" (integer hundredths of m², no float drift). */
export function formatArea(areaSqmX100: number): string {
  const sign = areaSqmX100 < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(areaSqmX100));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "89.5" → 8950; "89.505" / "abc" / "" → null. Parses the string, never multiplies a float. */
export function parseArea(input: string): number | null {
  const m = input.trim().match(/^(\d{1,7})(?:\.(\d{1,2}))?$/);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const fullWidth = /[\uFF01-\uFF5E]/g;
const dashes = /[\u2010-\u2015\u2212\u30FC\uFF0D\uFE63_/\\.·]/g;

/**
 * What a clerk types into the room search, turned into the room-code prefix the API expects
 * (`<buildingCode>-<room>`): "３－１５" → "3-15", "3栋1502" → "3-1502", "3号楼 15" → "3-15", "3 1502" → "3-1502".
 */
export function normalizeRoomQuery(input: string): string {
  let q = input
    .replace(fullWidth, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
  q = q.trim().replace(dashes, '-');
  q = q.replace(/(号楼|栋|幢|座|楼|号|单元)\s*/g, '-').replace(/室$/, '');
  q = q.replace(/\s+/g, '-').replace(/-+/g, '-').replace(/^-/, '');
  return q;
}

/** Splits a room code into the part that matched the query and the rest, for highlighting. */
export function splitMatch(roomCode: string, query: string): [string, string] {
  if (query && roomCode.toLowerCase().startsWith(query.toLowerCase())) {
    return [roomCode.slice(0, query.length), roomCode.slice(query.length)];
  }
  return ['', roomCode];
}

/** Share of occupied units as a whole percent; 0 units → null (nothing to show). */
export function occupancyPercent(occupied: number, units: number): number | null {
  if (!units) return null;
  return Math.round((occupied / units) * 100);
}

/** Compact ranges of weekdays: [1,2,3,4,5] → "1–5", [1,3,6,7] → "1, 3, 6–7" (numbers, labelled by the caller). */
export function dayRanges(days: number[]): number[][] {
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  const out: number[][] = [];
  for (const d of sorted) {
    const last = out[out.length - 1];
    if (last && last[last.length - 1] === d - 1) last.push(d);
    else out.push([d]);
  }
  return out;
}

/** The import template's columns are the importer's own: one list, so the two cannot drift apart. */
export const templateColumns = columns;

/** CSV text for the import template: UTF-8 with BOM so that Excel shows Chinese correctly. */
export function templateCsv(): string {
  return `\uFEFF${templateColumns.join(',')}\r\n`;
}

/** Fields of `after` that differ from `before`, for the audit trail. */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): { field: string; from: unknown; to: unknown }[] {
  const skip = new Set([
    'version',
    'updatedAt',
    'createdAt',
    'id',
    'pk',
    'sk',
    'activeHouseholds',
    'actorId',
  ]);
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: { field: string; from: unknown; to: unknown }[] = [];
  for (const field of keys) {
    if (skip.has(field) || /^(gsi|lookup)/i.test(field) || /Ids?$/.test(field)) continue;
    const from = before?.[field];
    const to = after?.[field];
    if (JSON.stringify(from) !== JSON.stringify(to)) out.push({ field, from, to });
  }
  return out;
}

/** A value from an audit record, short enough for a table cell. */
export function displayValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** A safe in-app path to return to after sign-in ("/p/x/units?room=3"), or "/" for anything else. */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/sign-in')) return '/';
  if (next.startsWith('/auth/')) return '/';
  return next;
}
