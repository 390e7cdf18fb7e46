import { describe, expect, it } from 'vitest';
import { normalizeRoomCode } from '../../functions/directory/units.ts';
import { jobs, toCronerPattern } from '../../functions/jobs/index.ts';
import { decodeCursor, encodeCursor } from '../../functions/shared/cursor.ts';
import { AppError } from '../../functions/shared/errors.ts';
import { newId } from '../../functions/shared/ids.ts';
import { maskPhone, redactPersonalData } from '../../functions/shared/personal-data.ts';

describe('personal data', () => {
  it('lists show a mobile number as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('021-62880001')).toBe('021****0001');
    expect(maskPhone('12')).toBe('12');
  });

  it('audit entries keep phones masked', () => {
    expect(redactPersonalData({ name: '王芳', phone: '13812345678' })).toEqual({
      name: '王芳',
      phone: '138****5678',
    });
  });
});

describe('room codes', () => {
  it('front desk: "3 1502", "3/1502" and "3－1502" all mean room 3-1502', () => {
    for (const typed of ['3 1502', '3/1502', '3－1502', ' 3-1502 ', 'a-0101']) {
      expect(normalizeRoomCode(typed)).toMatch(/^[A0-9]+-\d+$/);
    }
    expect(normalizeRoomCode('3 1502')).toBe('3-1502');
  });
});

describe('page cursors', () => {
  it('round-trip within their own list', () => {
    const key = { pk: 'P#a', sk: 'UNIT#1' };
    expect(decodeCursor(encodeCursor(key)!, { attribute: 'pk', value: 'P#a' })).toEqual(key);
  });

  it('are refused for another partition or when garbled', () => {
    const cursor = encodeCursor({ pk: 'P#b', sk: 'UNIT#1' })!;
    expect(() => decodeCursor(cursor, { attribute: 'pk', value: 'P#a' })).toThrow(AppError);
    expect(() => decodeCursor('%%%not-base64', { attribute: 'pk', value: 'P#a' })).toThrow(AppError);
  });
});

describe('ids', () => {
  it('sort by creation time', () => {
    const first = newId(1_700_000_000_000);
    const later = newId(1_700_000_000_001);
    expect(first < later).toBe(true);
    expect(first).toMatch(/^[0-9a-z]{22}$/);
  });
});

describe('scheduled jobs', () => {
  it('the local cron runs the same schedule as EventBridge Scheduler', () => {
    expect(toCronerPattern('30 3 * * ? *')).toBe('30 3 * * *');
    expect(toCronerPattern('10 17 ? * MON-FRI *')).toBe('10 17 * * MON-FRI');
    for (const job of jobs) expect(() => toCronerPattern(job.cron)).not.toThrow();
  });
});
