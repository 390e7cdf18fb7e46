import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  parseAreaX100,
  parseDate,
  parseFloor,
  parseUnitType,
} from '../../functions/directory/import/cells.ts';
import { normalizeHeader, resolveHeader } from '../../functions/directory/import/columns.ts';
import { cellText, readCsv, readXlsx } from '../../functions/directory/import/read-sheet.ts';
import { readRows } from '../../functions/directory/import/rows.ts';

const header =
  'building_code,building_name,floors,room,floor,area_sqm,unit_type,household_kind,household_name,household_phone,move_in_date';
const chineseHeader = '楼栋编号,楼栋名称,楼层数,房号,所在楼层,面积,类型,住户类型,住户姓名,联系电话,入住日期';
const bytes = (text: string) => new TextEncoder().encode(text);
const csvRows = async (...lines: string[]) => readRows(await readCsv(bytes(lines.join('\n'))));

describe('area in m² → integer hundredths', () => {
  it('reads the decimal digits, not a float product', () => {
    expect(parseAreaX100('89.5')).toEqual({ ok: true, value: 8950 });
    expect(parseAreaX100('1.15')).toEqual({ ok: true, value: 115 }); // 1.15 * 100 = 114.99999999999999
    expect(parseAreaX100('0.29')).toEqual({ ok: true, value: 29 }); // 0.29 * 100 = 28.999999999999996
    expect(parseAreaX100('120')).toEqual({ ok: true, value: 12000 });
    expect(parseAreaX100('89.50')).toEqual({ ok: true, value: 8950 });
    expect(parseAreaX100('89.500')).toEqual({ ok: true, value: 8950 });
    expect(parseAreaX100('1,234.56㎡')).toEqual({ ok: true, value: 123456 });
    expect(parseAreaX100('89.5平米')).toEqual({ ok: true, value: 8950 });
  });

  it('refuses what is not an area to 0.01 m²', () => {
    for (const bad of ['', 'abc', '89.555', '-5', '0', '0.00', '1e3', '89,5.1.2']) {
      expect(parseAreaX100(bad).ok, bad).toBe(false);
    }
  });
});

describe('cells', () => {
  it('floors as written on signs: 18层, 18F, B2', () => {
    expect(parseFloor('18层')).toEqual({ ok: true, value: 18 });
    expect(parseFloor('18f')).toEqual({ ok: true, value: 18 });
    expect(parseFloor('B2')).toEqual({ ok: true, value: -2 });
    expect(parseFloor('-1')).toEqual({ ok: true, value: -1 });
    expect(parseFloor('十八').ok).toBe(false);
  });

  it('dates in the ways Excel and people write them, if the day exists', () => {
    expect(parseDate('2024/3/5')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDate('2024年3月5日')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDate('2024-02-30').ok).toBe(false);
    expect(parseDate('05/03/2024').ok).toBe(false);
  });

  it('unit types in English or Chinese', () => {
    expect(parseUnitType('住宅')).toEqual({ ok: true, value: 'residential' });
    expect(parseUnitType('Parking')).toEqual({ ok: true, value: 'parking' });
    expect(parseUnitType('别墅').ok).toBe(false);
  });
});

describe('header row', () => {
  it('accepts the English names and the Chinese headers, in any order', () => {
    expect(resolveHeader(header.split(',')).problems).toEqual([]);
    const chinese = resolveHeader(chineseHeader.split(','));
    expect(chinese.problems).toEqual([]);
    expect(chinese.positions).toEqual(header.split(','));
    expect(
      resolveHeader(['房号', 'Building Code', '楼栋名称', '楼层数', '所在楼层', '面积（㎡）', '类型'])
        .problems,
    ).toEqual([]);
  });

  it('folds full-width brackets, units and spacing', () => {
    expect(normalizeHeader(' 面积（m²） ')).toBe('面积');
    expect(normalizeHeader('Area SQM')).toBe('area_sqm');
    expect(normalizeHeader('building-code')).toBe('building_code');
  });

  it('names missing and doubled columns, and lists unknown ones as ignored', () => {
    const resolved = resolveHeader(['楼栋编号', '楼号', '房号', '备注']);
    expect(resolved.ignored).toEqual(['备注']);
    expect(resolved.problems.map((p) => p.field)).toEqual([
      'building_code',
      'building_name',
      'floors',
      'floor',
      'area_sqm',
      'unit_type',
    ]);
  });
});

describe('rows', () => {
  it('a valid file becomes typed rows, numbered as the spreadsheet shows them', async () => {
    const read = await csvRows(
      header,
      '3,3号楼,20,1502,15,89.5,住宅,业主,王芳,138 1234 5678,2023/4/1',
      '',
      '3,3号楼,20,b1,B1,12,车位,,,,',
    );
    expect(read.errors).toEqual([]);
    expect(read.rows).toBe(2);
    expect(read.valid).toEqual([
      {
        row: 2,
        building: { code: '3', name: '3号楼', floors: 20 },
        unit: { room: '1502', floor: 15, areaSqmX100: 8950, type: 'residential' },
        household: {
          kind: 'owner',
          name: '王芳',
          phone: '13812345678',
          moveInDate: '2023-04-01',
          status: 'active',
        },
      },
      {
        row: 4,
        building: { code: '3', name: '3号楼', floors: 20 },
        unit: { room: 'B1', floor: -1, areaSqmX100: 1200, type: 'parking' },
      },
    ]);
  });

  it('every problem of every row is listed with its row and column', async () => {
    const read = await csvRows(
      header,
      '3,3号楼,20,1502,21,89.5,住宅,,,,', // 2: floor above the top floor
      '3,三号楼,18,1503,15,89.555,住宅,,,,', // 3: other name, other floors, 3 decimals
      ',,,,,,,,,,x', // 4: everything missing, bad date
      '3,3号楼,20,1502,15,89.5,住宅,业主,王芳,,', // 5: room of row 2 again? no: row 2 failed; phone missing
      '3,3号楼,20,1601,16,90,住宅,,,,',
      '3,3号楼,20,1601,16,90,住宅,,,,', // 7: duplicate of row 6
    );
    expect(read.rows).toBe(6);
    expect(read.errors.map(({ row, field }) => `${row}:${field}`)).toEqual([
      '2:floor',
      '3:area_sqm',
      '4:building_code',
      '4:building_name',
      '4:floors',
      '4:room',
      '4:floor',
      '4:area_sqm',
      '4:unit_type',
      '4:household_kind',
      '4:household_name',
      '4:household_phone',
      '4:move_in_date',
      '5:household_phone',
      '7:room',
    ]);
    expect(read.errors.find((e) => e.row === 7)?.message).toBe('Room 3-1601 is already in row 6');
    expect(read.valid.map((r) => r.row)).toEqual([6]);
  });

  it('one building described two ways is an error on the later row', async () => {
    const read = await csvRows(
      header,
      '3,3号楼,20,1502,15,89.5,住宅,,,,',
      '3,三号楼,18,1503,15,89.5,住宅,,,,',
    );
    expect(read.errors).toEqual([
      {
        row: 3,
        field: 'building_name',
        code: 'building_named_otherwise',
        params: { building: '3', name: '3号楼', row: 2 },
        message: 'Building 3 is named "3号楼" in row 2',
      },
      {
        row: 3,
        field: 'floors',
        code: 'floors_given_otherwise',
        params: { building: '3', floors: 20, row: 2 },
        message: 'Building 3 has 20 floors in row 2',
      },
    ]);
  });

  it('a header without data, or no header at all, is one error on row 1', async () => {
    expect((await csvRows(header)).errors).toEqual([
      {
        row: 1,
        field: 'file',
        code: 'no_data_rows',
        params: {},
        message: 'The file has a header row but no data rows',
      },
    ]);
    expect((await csvRows('房号,备注', '1502,x')).errors.every((e) => e.row === 1)).toBe(true);
  });
});

describe('reading files', () => {
  it('CSV saved by Excel: UTF-8 with BOM and CRLF, Chinese headers', async () => {
    const text = `\uFEFF${chineseHeader}\r\n3,3号楼,20,1502,15,89.5,住宅,业主,王芳,13812345678,2023-04-01\r\n`;
    const read = readRows(await readCsv(bytes(text)));
    expect(read.errors).toEqual([]);
    expect(read.valid[0]?.building.code).toBe('3');
  });

  it('CSV saved as plain "CSV" on a Chinese Windows (GB18030) is read too', async () => {
    // 楼栋编号 in GB18030: C2A5 B6B0 B1E0 BAC5
    const gbHeader = Uint8Array.from([0xc2, 0xa5, 0xb6, 0xb0, 0xb1, 0xe0, 0xba, 0xc5, 0x0a]);
    expect((await readCsv(gbHeader))[0]?.cells).toEqual(['楼栋编号']);
  });

  it('a quoted cell spanning lines is one row', async () => {
    const lines = await readCsv(
      bytes(`${header}\n3,"3号楼\n东",20,1502,15,89.5,住宅,,,,\n3,x,20,1503,15,89.5,住宅,,,,`),
    );
    expect(lines.map((l) => l.row)).toEqual([1, 2, 3]);
  });

  it('XLSX: first worksheet, real row numbers, numbers and dates as shown in Excel', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('房屋');
    workbook.addWorksheet('说明').addRow(['ignored']);
    sheet.addRow(chineseHeader.split(','));
    sheet.addRow([]);
    sheet.addRow([
      '3',
      '3号楼',
      20,
      '1502',
      15,
      89.5,
      '住宅',
      '业主',
      '王芳',
      13812345678,
      new Date(Date.UTC(2023, 3, 1)),
    ]);
    sheet.addRow(['3', '3号楼', 20, '1503', 15, { formula: 'F3*1.1', result: 89.5 * 1.1 }, '住宅']);
    const lines = await readXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(lines.map((l) => l.row)).toEqual([1, 3, 4]);
    const read = readRows(lines);
    expect(read.errors).toEqual([]);
    expect(
      read.valid.map((r) => [r.row, r.unit.areaSqmX100, r.household?.phone, r.household?.moveInDate]),
    ).toEqual([
      [3, 8950, '13812345678', '2023-04-01'],
      [4, 9845, undefined, undefined],
    ]);
  });

  it('cells of every exceljs kind read as their text', () => {
    expect(cellText({ richText: [{ text: '3号' }, { text: '楼' }] })).toBe('3号楼');
    expect(cellText({ text: '1502', hyperlink: 'x' })).toBe('1502');
    expect(cellText(null)).toBe('');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
  });
});
