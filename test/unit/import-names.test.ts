import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnNames, columns, resolveHeader } from '../../functions/directory/import/columns.ts';
import { readCsv } from '../../functions/directory/import/read-sheet.ts';
import { readRows } from '../../functions/directory/import/rows.ts';
import * as messages from '../../web/src/i18n/import-errors.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const csvRows = async (...lines: string[]) => readRows(await readCsv(bytes(lines.join('\n'))));

describe('import: the column names the page shows', () => {
  it.each(['zh', 'en'] as const)(
    'a sheet headed with the page’s %s names is read, every column found',
    (l) => {
      const resolved = resolveHeader(columns.map((c) => columnNames[c][l]));
      expect(resolved.problems).toEqual([]);
      expect(resolved.ignored).toEqual([]);
      expect(resolved.positions).toEqual([...columns]);
    },
  );

  it('楼栋总层数 and 房间类型, the names the page uses, are accepted', async () => {
    const read = await csvRows(
      '楼栋编号,楼栋名称,楼栋总层数,房号,所在楼层,建筑面积（平方米）,房间类型',
      '3,3号楼,18,1502,15,89.5,住宅',
    );
    expect(read.errors).toEqual([]);
    expect(read.valid[0]?.building.floors).toBe(18);
    expect(read.valid[0]?.unit.type).toBe('residential');
  });
});

describe('import: row errors the page can word in either language', () => {
  it('a row error carries a stable code and the values it is about', async () => {
    const read = await csvRows(
      'building_code,building_name,floors,room,floor,area_sqm,unit_type',
      '3,3号楼,18,1502,15,89.555,villa',
    );
    expect(read.errors.map(({ field, code, params }) => ({ field, code, params }))).toEqual([
      { field: 'area_sqm', code: 'area_decimals', params: { value: '89.555' } },
      { field: 'unit_type', code: 'not_a_unit_type', params: { value: 'villa' } },
    ]);
    // The English message stays for API users.
    expect(read.errors[1]?.message).toContain('is not a unit type');
  });

  it('a cell too long for its field says its limit', async () => {
    const read = await csvRows(
      'building_code,building_name,floors,room,floor,area_sqm,unit_type',
      `3,${'楼'.repeat(200)},18,1502,15,89.5,住宅`,
    );
    expect(read.errors[0]).toMatchObject({ field: 'building_name', code: 'too_long' });
    expect(typeof read.errors[0]?.params?.max).toBe('number');
  });

  it('every code the importer can send has its sentence in Chinese and in English', () => {
    const dir = join(import.meta.dirname, '../../functions/directory/import');
    const codes = new Set<string>(['too_long', 'too_short', 'too_large', 'too_small', 'not_valid']);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const m of text.matchAll(/\bcode: '([a-z_]+)'/g)) codes.add(m[1]!);
      for (const m of text.matchAll(/\bfail\(\s*'([a-z_]+)'/g)) codes.add(m[1]!);
      for (const m of text.matchAll(/parseWord\([^)]*'(not_a_[a-z_]+)'/g)) codes.add(m[1]!);
    }
    // Not row errors: the import's own outcome codes (a run interrupted), worded elsewhere.
    codes.delete('import_interrupted');
    expect(codes.size).toBeGreaterThan(20);
    const missing = [...codes].filter(
      (c) => !(`import.err.${c}` in messages.zh && `import.err.${c}` in messages.en),
    );
    expect(missing).toEqual([]);
  });
});
