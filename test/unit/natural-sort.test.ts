import { describe, expect, it } from 'vitest';
import { buildingCode, roomNumber } from '../../functions/directory/schemas.ts';
import { normalizeRoomCode } from '../../functions/directory/units.ts';
import { naturalCompare, naturalKey } from '../../functions/shared/natural-sort.ts';

describe('room and building numbers in natural order', () => {
  it('3-201 before 3-1502, P-101 before P-1001, building 2 before 10', () => {
    expect(['3-1502', '3-201', '3-0202', '3-99'].sort(naturalCompare)).toEqual([
      '3-99',
      '3-201',
      '3-0202',
      '3-1502',
    ]);
    expect(['P-1001', 'P-101', 'p-102'].sort(naturalCompare)).toEqual(['P-101', 'p-102', 'P-1001']);
    expect(['10', '2', 'A1', '1'].sort(naturalCompare)).toEqual(['1', '2', '10', 'A1']);
    // The key sorts the same way as plain strings (a DynamoDB sort key).
    expect(naturalKey('201') < naturalKey('1502')).toBe(true);
  });
});

describe('full-width digits are read as ASCII, as floors are', () => {
  it('a clerk types １５０２ and ３: stored as 1502 and 3; ３－１５ searches 3-15', () => {
    expect(roomNumber.parse('１５０２')).toBe('1502');
    expect(roomNumber.parse(' Ａ１２ ')).toBe('A12');
    expect(buildingCode.parse('３')).toBe('3');
    expect(normalizeRoomCode('３－１５')).toBe('3-15');
    expect(roomNumber.safeParse('15-02').success).toBe(false);
  });
});
