import { describe, expect, it } from 'vitest';
import {
  changedFields,
  dayRanges,
  formatArea,
  isoToZonedInput,
  normalizeRoomQuery,
  occupancyPercent,
  parseArea,
  parseYuan,
  safeNext,
  splitMatch,
  templateColumns,
  templateCsv,
  zonedInputToIso,
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

describe('ticket times are typed and shown in the property’s time zone, not the browser’s', () => {
  it('Asia/Shanghai: a visit typed as 09:30 is 01:30 UTC, and shows as 09:30 again', () => {
    expect(zonedInputToIso('2026-11-23T09:30', 'Asia/Shanghai')).toBe('2026-11-23T01:30:00.000Z');
    expect(isoToZonedInput('2026-11-23T01:30:00.000Z', 'Asia/Shanghai')).toBe('2026-11-23T09:30');
    // Past local midnight the day moves too.
    expect(zonedInputToIso('2026-12-01T07:00', 'Asia/Shanghai')).toBe('2026-11-30T23:00:00.000Z');
    expect(isoToZonedInput('2026-11-30T23:00:00.000Z', 'Asia/Shanghai')).toBe('2026-12-01T07:00');
  });

  it('Europe/Berlin: winter is UTC+1 and summer UTC+2', () => {
    expect(zonedInputToIso('2026-01-15T12:00', 'Europe/Berlin')).toBe('2026-01-15T11:00:00.000Z');
    expect(zonedInputToIso('2026-07-01T12:00', 'Europe/Berlin')).toBe('2026-07-01T10:00:00.000Z');
    expect(isoToZonedInput('2026-07-01T10:00:00.000Z', 'Europe/Berlin')).toBe('2026-07-01T12:00');
  });

  it('Europe/Berlin, spring night (29 March 2026): just before and after the change, and a skipped time reads as the hour after', () => {
    expect(zonedInputToIso('2026-03-29T01:59', 'Europe/Berlin')).toBe('2026-03-29T00:59:00.000Z');
    expect(zonedInputToIso('2026-03-29T03:00', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z');
    // 02:30 never happens that night: the clocks go from 02:00 to 03:00.
    expect(zonedInputToIso('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    expect(isoToZonedInput('2026-03-29T01:30:00.000Z', 'Europe/Berlin')).toBe('2026-03-29T03:30');
  });

  it('Europe/Berlin, autumn night (25 October 2026): a time that happens twice is the first, and both show as typed', () => {
    expect(zonedInputToIso('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedInputToIso('2026-10-25T03:30', 'Europe/Berlin')).toBe('2026-10-25T02:30:00.000Z');
    expect(isoToZonedInput('2026-10-25T00:30:00.000Z', 'Europe/Berlin')).toBe('2026-10-25T02:30');
    expect(isoToZonedInput('2026-10-25T01:30:00.000Z', 'Europe/Berlin')).toBe('2026-10-25T02:30');
  });

  it('every minute of both change days round-trips, apart from the skipped hour', () => {
    for (const day of ['2026-03-29', '2026-10-25']) {
      for (let minute = 0; minute < 24 * 60; minute += 15) {
        const typed = `${day}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
        if (day === '2026-03-29' && typed >= `${day}T02:00` && typed < `${day}T03:00`) continue;
        expect(isoToZonedInput(zonedInputToIso(typed, 'Europe/Berlin')!, 'Europe/Berlin')).toBe(typed);
      }
    }
  });

  it('what is not a datetime-local value is refused', () => {
    expect(zonedInputToIso('', 'Asia/Shanghai')).toBeNull();
    expect(zonedInputToIso('23/11/2026 09:30', 'Asia/Shanghai')).toBeNull();
  });
});

describe('typed amounts in yuan', () => {
  it('finance: types a fund balance of tens of millions and gets it to the fen', () => {
    expect(parseYuan('35640000.07')).toBe(3_564_000_007);
    expect(parseYuan(' 12.5 ')).toBe(1250);
    expect(parseYuan('999999999.99')).toBe(99_999_999_999);
  });

  it('what is not an amount is refused, never rounded', () => {
    for (const typed of ['', '-1', '1.005', '1e3', '12,50', '1000000000'])
      expect(parseYuan(typed)).toBeNull();
  });
});
