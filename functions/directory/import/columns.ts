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

/**
 * The header each column is shown under on the import page, in Chinese and in English. A sheet may use
 * either, or the column's code (`floors`), or one of the aliases below.
 */
export const columnNames: Record<Column, { zh: string; en: string }> = {
  building_code: { zh: '楼栋编号', en: 'Building code' },
  building_name: { zh: '楼栋名称', en: 'Building name' },
  floors: { zh: '楼栋总层数', en: 'Floors of the building' },
  room: { zh: '房号', en: 'Room' },
  floor: { zh: '所在楼层', en: 'Floor' },
  area_sqm: { zh: '建筑面积（平方米）', en: 'Floor area (m²)' },
  unit_type: { zh: '房间类型', en: 'Unit type' },
  household_kind: { zh: '住户身份', en: 'Household kind' },
  household_name: { zh: '住户姓名', en: 'Household name' },
  household_phone: { zh: '住户电话', en: 'Household phone' },
  move_in_date: { zh: '入住日期', en: 'Move-in date' },
};

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
  columns.flatMap((c) =>
    [c, columnNames[c].zh, columnNames[c].en, ...aliases[c]].map((a) => [normalizeHeader(a), c] as const),
  ),
);

export interface HeaderProblem {
  field: Column | 'file';
  code: 'column_repeated' | 'column_missing';
  params: Record<string, string>;
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
        code: 'column_repeated',
        params: { column, header: cell.trim() },
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
      problems.push({
        field: column,
        code: 'column_missing',
        params: { column },
        message: `The header row has no ${column} column`,
      });
  }
  return { positions, ignored, problems };
}
