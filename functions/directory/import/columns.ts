/**
 * The onboarding sheet's columns. Property managers fill in templates by hand, usually in Chinese,
 * so each column is recognised by its English name and by the Chinese headers seen in practice.
 */
export const columns = [
  'building_code',
  'building_name',
  'floors',
  'room',
  'floor',
  'area_sqm',
  'unit_type',
  'household_kind',
  'household_name',
  'household_phone',
  'move_in_date',
] as const;
export type Column = (typeof columns)[number];

/** Without these a row cannot describe a unit; the household columns may be left out altogether. */
export const requiredColumns: readonly Column[] = [
  'building_code',
  'building_name',
  'floors',
  'room',
  'floor',
  'area_sqm',
  'unit_type',
];

const aliases: Record<Column, string[]> = {
  building_code: ['楼栋编号', '楼栋代码', '楼号', '栋号'],
  building_name: ['楼栋名称', '楼栋名'],
  floors: ['楼层数', '总楼层', '总层数', '楼栋层数'],
  room: ['房号', '房间号', '室号'],
  floor: ['所在楼层', '楼层'],
  area_sqm: ['面积', '建筑面积', '面积m2'],
  unit_type: ['类型', '房屋类型', '单元类型', '用途'],
  household_kind: ['住户类型', '住户身份'],
  household_name: ['住户姓名', '姓名', '住户'],
  household_phone: ['联系电话', '电话', '手机', '手机号', '手机号码'],
  move_in_date: ['入住日期', '入住时间'],
};

/**
 * "面积（㎡）", "Area_SQM ", "building code" and "Building-Code" all name a column the same way:
 * NFKC folds full-width brackets and ㎡, a bracketed unit at the end is dropped, spaces and dashes
 * become underscores.
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/\s*\((m2|m²|平方米|平米|㎡|sqm|yyyy-mm-dd)\)$/, '')
    .replace(/[\s-]+/g, '_');
}

const byHeader = new Map<string, Column>(
  columns.flatMap((c) => [[c, c] as const, ...aliases[c].map((a) => [normalizeHeader(a), c] as const)]),
);

export interface HeaderProblem {
  field: Column | 'file';
  message: string;
}

export interface ResolvedHeader {
  /** Column of each position of the header row; undefined for a column the importer does not know. */
  positions: (Column | undefined)[];
  /** Headers that named no known column: ignored, and reported so a typo does not go unnoticed. */
  ignored: string[];
  problems: HeaderProblem[];
}

export function resolveHeader(cells: string[]): ResolvedHeader {
  const positions: (Column | undefined)[] = [];
  const ignored: string[] = [];
  const problems: HeaderProblem[] = [];
  const seen = new Set<Column>();
  for (const cell of cells) {
    const column = byHeader.get(normalizeHeader(cell));
    if (column && seen.has(column)) {
      problems.push({
        field: column,
        message: `Column ${column} appears twice in the header row ("${cell}")`,
      });
      positions.push(undefined);
      continue;
    }
    if (column) seen.add(column);
    else if (cell.trim()) ignored.push(cell.trim());
    positions.push(column);
  }
  for (const column of requiredColumns) {
    if (!seen.has(column))
      problems.push({ field: column, message: `The header row has no ${column} column` });
  }
  return { positions, ignored, problems };
}
