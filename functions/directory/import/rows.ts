import type * as z from 'zod/mini';
import {
  buildingCreate,
  householdCreate,
  type householdKinds,
  unitCreate,
  type unitTypes,
} from '../schemas.ts';
import { roomCodeOf } from '../units.ts';
import type { Problem } from './cells.ts';
import {
  normalizePhone,
  type Parsed,
  parseAreaX100,
  parseCount,
  parseDate,
  parseFloor,
  parseHouseholdKind,
  parseUnitType,
} from './cells.ts';
import { type Column, resolveHeader } from './columns.ts';
import type { Sheet, SheetLine } from './read-sheet.ts';

/**
 * A problem with the file, pinned to the row and column a person can find it in: `code` and `params`
 * for the page to word in the reader's language, `message` the same in English.
 */
export interface ImportError extends Problem {
  row: number;
  field: Column | 'file';
}

/** A schema's complaint about a cell (too long, too small, …) as a stable code with its limit. */
function schemaProblem(issue: z.core.$ZodIssue | undefined): Problem {
  const message = issue?.message ?? 'Not valid';
  if (issue?.code === 'too_big')
    return {
      code: issue.origin === 'string' ? 'too_long' : 'too_large',
      params: { max: Number(issue.maximum) },
      message,
    };
  if (issue?.code === 'too_small')
    return {
      code: issue.origin === 'string' ? 'too_short' : 'too_small',
      params: { min: Number(issue.minimum) },
      message,
    };
  return { code: 'not_valid', params: {}, message };
}

/** One valid row: a unit of a building, and maybe the household living in it. */
export interface ImportRow {
  row: number;
  building: { code: string; name: string; floors: number };
  unit: { room: string; floor: number; areaSqmX100: number; type: (typeof unitTypes)[number] };
  household?: {
    kind: (typeof householdKinds)[number];
    name: string;
    phone: string;
    moveInDate: string | null;
    status: 'active';
  };
}

export interface ReadRows {
  /** Data rows (blank lines not counted). */
  rows: number;
  valid: ImportRow[];
  errors: ImportError[];
  ignoredColumns: string[];
}

/** More rows than this is a data migration, not onboarding: the import would outlive an API request. */
export const maxRows = 2000;

const householdColumns: Column[] = ['household_kind', 'household_name', 'household_phone', 'move_in_date'];

/** Reads one line, checking each cell against the same schemas the API uses for single records. */
function readLine(
  line: SheetLine,
  positions: (Column | undefined)[],
  errors: ImportError[],
): ImportRow | undefined {
  const text = (column: Column) => {
    const at = positions.indexOf(column);
    return at < 0 ? '' : (line.cells[at] ?? '').trim();
  };
  let valid = true;
  const report = (column: Column, problem: Problem): undefined => {
    errors.push({ row: line.row, field: column, ...problem });
    valid = false;
    return undefined;
  };
  const field = <T>(column: Column, parsed: Parsed<T> | undefined, schema?: z.ZodMiniType): T | undefined => {
    if (!text(column) && parsed !== undefined)
      return report(column, { code: 'required', params: {}, message: 'Required' });
    if (!parsed) return undefined;
    if (!parsed.ok) return report(column, parsed);
    if (!schema) return parsed.value;
    const checked = schema.safeParse(parsed.value);
    return checked.success ? (parsed.value as T) : report(column, schemaProblem(checked.error.issues[0]));
  };
  const given = (column: Column) => ({ ok: true as const, value: text(column) });

  const code = field('building_code', given('building_code'), buildingCreate.shape.code);
  const name = field('building_name', given('building_name'), buildingCreate.shape.name);
  const floors = field('floors', parseCount(text('floors')), buildingCreate.shape.floors);
  const room = field('room', given('room'), unitCreate.shape.room);
  const floor = field('floor', parseFloor(text('floor')), unitCreate.shape.floor);
  const areaSqmX100 = field('area_sqm', parseAreaX100(text('area_sqm')), unitCreate.shape.areaSqmX100);
  const type = field('unit_type', parseUnitType(text('unit_type')));

  const hasHousehold = householdColumns.some((c) => text(c));
  const kind = hasHousehold ? field('household_kind', parseHouseholdKind(text('household_kind'))) : undefined;
  const householdName = hasHousehold
    ? field('household_name', given('household_name'), householdCreate.shape.name)
    : undefined;
  const phone = hasHousehold
    ? field(
        'household_phone',
        { ok: true, value: normalizePhone(text('household_phone')) },
        householdCreate.shape.phone,
      )
    : undefined;
  const moveIn = text('move_in_date') ? field('move_in_date', parseDate(text('move_in_date'))) : null;

  if (!valid) return undefined;
  return {
    row: line.row,
    building: { code: code!.toUpperCase(), name: name!, floors: floors! },
    unit: { room: room!.toUpperCase(), floor: floor!, areaSqmX100: areaSqmX100!, type: type! },
    ...(hasHousehold
      ? {
          household: {
            kind: kind!,
            name: householdName!,
            phone: phone!,
            moveInDate: moveIn ?? null,
            status: 'active' as const,
          },
        }
      : {}),
  };
}

/**
 * Rows that are each fine can still contradict each other: one building described two ways, a unit
 * above its building's top floor, the same room twice. Only rows free of all of these are planned.
 */
function crossCheck(rows: ImportRow[], errors: ImportError[]): ImportRow[] {
  const buildings = new Map<string, ImportRow>();
  const rooms = new Map<string, number>();
  return rows.filter((r) => {
    const before = errors.length;
    const first = buildings.get(r.building.code);
    if (!first) buildings.set(r.building.code, r);
    else {
      const { code, name, floors } = first.building;
      if (r.building.name !== name)
        errors.push({
          row: r.row,
          field: 'building_name',
          code: 'building_named_otherwise',
          params: { building: code, name, row: first.row },
          message: `Building ${code} is named "${name}" in row ${first.row}`,
        });
      if (r.building.floors !== floors)
        errors.push({
          row: r.row,
          field: 'floors',
          code: 'floors_given_otherwise',
          params: { building: code, floors, row: first.row },
          message: `Building ${code} has ${floors} floors in row ${first.row}`,
        });
    }
    if (r.unit.floor > r.building.floors)
      errors.push({
        row: r.row,
        field: 'floor',
        code: 'floor_above_top',
        params: { floor: r.unit.floor, building: r.building.code, floors: r.building.floors },
        message: `Floor ${r.unit.floor} is above the top floor of building ${r.building.code} (${r.building.floors})`,
      });
    const roomCode = roomCodeOf(r.building.code, r.unit.room);
    const seen = rooms.get(roomCode);
    if (seen !== undefined)
      errors.push({
        row: r.row,
        field: 'room',
        code: 'room_repeated',
        params: { room: roomCode, row: seen },
        message: `Room ${roomCode} is already in row ${seen}`,
      });
    else rooms.set(roomCode, r.row);
    return errors.length === before;
  });
}

/** The sheet's rows, each checked on its own and against the others; every problem is reported. */
export function readRows(sheet: Sheet): ReadRows {
  const [header, ...lines] = sheet;
  if (!header)
    return {
      rows: 0,
      valid: [],
      errors: [{ row: 1, field: 'file', code: 'file_empty', params: {}, message: 'The file is empty' }],
      ignoredColumns: [],
    };
  const { positions, ignored, problems } = resolveHeader(header.cells);
  const errors: ImportError[] = problems.map((p) => ({ row: header.row, ...p }));
  if (!lines.length)
    errors.push({
      row: header.row,
      field: 'file',
      code: 'no_data_rows',
      params: {},
      message: 'The file has a header row but no data rows',
    });
  if (lines.length > maxRows)
    errors.push({
      row: header.row,
      field: 'file',
      code: 'too_many_rows',
      params: { rows: lines.length, max: maxRows },
      message: `The file has ${lines.length} rows; import at most ${maxRows} at a time`,
    });
  // Without its columns no row can be read meaningfully: say so once, not once per row.
  if (errors.length) return { rows: lines.length, valid: [], errors, ignoredColumns: ignored };
  const read = lines
    .map((line) => readLine(line, positions, errors))
    .filter((r): r is ImportRow => r !== undefined);
  const valid = crossCheck(read, errors);
  errors.sort((a, b) => a.row - b.row);
  return { rows: lines.length, valid, errors, ignoredColumns: ignored };
}
