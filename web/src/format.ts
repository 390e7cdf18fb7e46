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

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** The wall clock of `ms` in `timeZone`, as the UTC instant with the same fields (minutes precision). */
function wallClock(ms: number, timeZone: string): number {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    wallClocks.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, Number(p.value)]));
  return Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * An instant as a `datetime-local` input shows it in the property's time zone (not the browser's):
 * "2026-11-23T01:30:00Z" in Asia/Shanghai → "2026-11-23T09:30".
 */
export function isoToZonedInput(iso: string | number, timeZone: string): string {
  const d = new Date(wallClock(new Date(iso).getTime(), timeZone));
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/**
 * What a `datetime-local` input holds ("2026-11-23T09:30"), read as the wall clock of the property's
 * time zone: the ISO instant, or null for anything else. Across a daylight-saving change it answers as
 * clocks do: a time the change skips (Berlin 02:30 on the spring night) is the hour after it; a time
 * that happens twice (02:30 on the autumn night) is the first one.
 */
export function zonedInputToIso(input: string, timeZone: string): string | null {
  const m = input.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(wall)) return null;
  const day = 86_400_000;
  // The zone's offsets a day either side cover any change that night; try both, earlier first.
  const offsets = [
    wallClock(wall - day, timeZone) - (wall - day),
    wallClock(wall + day, timeZone) - (wall + day),
  ];
  const candidates = offsets.map((offset) => wall - offset).sort((a, b) => a - b);
  const exact = candidates.find((at) => wallClock(at, timeZone) === wall);
  // None matches only in a skipped hour: the offset before the change moves it past the gap.
  return new Date(exact ?? wall - offsets[0]!).toISOString();
}

/**
 * "12.5" → 1250 (cents from the typed string, no float arithmetic); anything else → null. Up to
 * ¥999,999,999.99: a maintenance fund's bank balance runs to tens of millions; each route sets its own cap.
 */
export function parseYuan(input: string): number | null {
  const m = input.trim().match(/^(\d{1,9})(?:\.(\d{1,2}))?$/);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}
