import { describe, expect, it } from 'vitest';
import {
  changedFields,
  dayRanges,
  formatArea,
  normalizeRoomQuery,
  occupancyPercent,
  parseArea,
  safeNext,
  splitMatch,
  templateColumns,
  templateCsv,
} from '../../web/src/format.ts';
import { isActive, navHref, navItems, propertyFromPath, switchPath, visibleNav } from '../../web/src/nav.ts';

describe('area (integer hundredths of m²)', () => {
  it('formats without float drift', () => {
    expect(formatArea(8950)).toBe('89.50');
    expect(formatArea(10420)).toBe('104.20');
    expect(formatArea(5)).toBe('0.05');
    expect(formatArea(100_000_000)).toBe('1000000.00');
  });

  it('parses what a clerk types, exactly', () => {
    expect(parseArea('89.5')).toBe(8950);
    expect(parseArea(' 89.50 ')).toBe(8950);
    expect(parseArea('104')).toBe(10400);
    expect(parseArea('0.29')).toBe(29); // 0.29 * 100 = 28.999999999999996 in floating point
    expect(parseArea('89.505')).toBeNull();
    expect(parseArea('-3')).toBeNull();
    expect(parseArea('')).toBeNull();
    expect(parseArea('8九')).toBeNull();
  });

  it('round-trips', () => {
    for (const n of [1, 29, 8950, 10420, 14375, 99999]) expect(parseArea(formatArea(n))).toBe(n);
  });
});

describe('room search', () => {
  it.each([
    ['3-1502', '3-1502'],
    ['3-15', '3-15'],
    ['３－１５', '3-15'],
    ['3—1502', '3-1502'],
    ['3 1502', '3-1502'],
    ['3栋1502', '3-1502'],
    ['3号楼1502室', '3-1502'],
    ['3号楼 15', '3-15'],
    ['3栋', '3-'],
    ['  3-  ', '3-'],
    ['A座', 'A-'],
    ['', ''],
  ])('%s → %s', (typed, prefix) => {
    expect(normalizeRoomQuery(typed)).toBe(prefix);
  });

  it('highlights the matched prefix', () => {
    expect(splitMatch('3-1502', '3-15')).toEqual(['3-15', '02']);
    expect(splitMatch('3-1502', '')).toEqual(['', '3-1502']);
    expect(splitMatch('3-1502', '4-')).toEqual(['', '3-1502']);
  });
});

describe('small helpers', () => {
  it('occupancy percent', () => {
    expect(occupancyPercent(203, 240)).toBe(85);
    expect(occupancyPercent(0, 0)).toBeNull();
  });

  it('weekday ranges', () => {
    expect(dayRanges([1, 2, 3, 4, 5])).toEqual([[1, 2, 3, 4, 5]]);
    expect(dayRanges([7, 6, 1, 3, 3])).toEqual([[1], [3], [6, 7]]);
    expect(dayRanges([0, 8])).toEqual([]);
  });

  it('the import template has the columns the API reads, with a BOM for Excel', () => {
    const csv = templateCsv();
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).trim().split(',')).toEqual([...templateColumns]);
    expect(templateColumns).toContain('household_phone');
  });

  it('audit: only the fields that changed, no ids or bookkeeping', () => {
    const before = { id: 'x', version: 1, name: '3号楼', floors: 18, buildingId: 'b', updatedAt: 'a' };
    const after = { id: 'x', version: 2, name: '3号楼', floors: 24, buildingId: 'c', updatedAt: 'b' };
    expect(changedFields(before, after)).toEqual([{ field: 'floors', from: 18, to: 24 }]);
  });

  it('only in-app paths are followed after sign-in', () => {
    expect(safeNext('/p/abc/units?room=3')).toBe('/p/abc/units?room=3');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('/sign-in?next=/x')).toBe('/');
    expect(safeNext(undefined)).toBe('/');
  });
});

describe('navigation', () => {
  const all = [...new Set(navItems.flatMap((i) => (i.permission ? [i.permission] : [])))];

  it('shows each role only what it may open', () => {
    const keys = (permissions: string[], roles: Parameters<typeof visibleNav>[1]) =>
      visibleNav(permissions, roles).map((i) => i.key);
    expect(keys(all, ['head_office'])).toEqual(navItems.map((i) => i.key));
    expect(keys(['property.read', 'unit.read', 'household.read', 'building.read'], ['technician'])).toEqual([
      'home',
      'units',
      'households',
      'buildings',
      'settings',
      'sla',
    ]);
    expect(keys(all, ['property_manager'])).not.toContain('overview');
    const technician = keys(['property.read', 'ticket.read', 'ticket.act'], ['technician']);
    expect(technician).toContain('myJobs');
    expect(technician).not.toContain('tickets');
    expect(technician).not.toContain('ledger');
  });

  it('builds and recognises property paths', () => {
    const units = navItems.find((i) => i.key === 'units')!;
    expect(navHref(units, 'p1')).toBe('/p/p1/units');
    expect(navHref(units, null)).toBeNull();
    expect(isActive(units, '/p/p1/units', '/p/p1/units/u9')).toBe(true);
    const home = navItems.find((i) => i.key === 'home')!;
    expect(isActive(home, '/p/p1', '/p/p1/units')).toBe(false);
    expect(propertyFromPath('/p/p1/units/u9')).toEqual({ propertyId: 'p1', sub: 'units/u9' });
    expect(propertyFromPath('/')).toEqual({ propertyId: null, sub: '' });
    expect(switchPath('units/u9', 'p2')).toBe('/p/p2/units');
    expect(switchPath('', 'p2')).toBe('/p/p2');
  });
});
