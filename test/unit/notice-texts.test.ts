import { describe, expect, it } from 'vitest';
import { inBoth, localTime, titled } from '../../functions/tickets/notice-texts.ts';
import type { Ticket } from '../../functions/tickets/records.ts';
import { appointmentMissed, minutesToVisit } from '../../web/src/tickets/countdown.ts';

const repair = (fields: Record<string, unknown>) =>
  ({ kind: 'repair', content: '卫生间漏水', ...fields }) as unknown as Ticket;

describe('notification texts', () => {
  it('technician: a notice names the ticket by its number when it has one, else by what it is about', () => {
    expect(titled('报修已派给你', repair({ number: 'SHJA-BX-20261201-007' }), 'zh')).toBe(
      '报修已派给你：SHJA-BX-20261201-007 卫生间漏水',
    );
    expect(titled('Repair assigned to you', repair({}), 'en')).toBe('Repair assigned to you: 卫生间漏水');
  });

  it('technician: times are written in the property’s time zone, in the reader’s language', () => {
    const at = '2026-12-01T06:30:00Z';
    expect(localTime(at, 'Asia/Shanghai', 'zh')).toBe('12/01 14:30');
    expect(localTime(at, 'Asia/Shanghai', 'en')).toBe('01 Dec, 14:30');
  });

  it('notify gets Chinese as the default and English for who chose it', () => {
    expect(inBoth({ zh: '标题', en: 'Title' }, { zh: '正文', en: 'Body' })).toEqual({
      title: '标题',
      body: '正文',
      en: { title: 'Title', body: 'Body' },
    });
  });
});

describe('my jobs: the agreed visit', () => {
  const at = Date.parse('2026-12-01T10:00:00Z');
  const job = { kind: 'repair', state: 'dispatched', appointmentAt: '2026-12-01T10:00:00Z' };

  it('technician: counts down to a visit ahead and flags one passed with the work not started', () => {
    expect(minutesToVisit(job, at - 90 * 60_000)).toBe(90);
    expect(appointmentMissed(job, at - 60_000)).toBe(false);
    expect(appointmentMissed(job, at)).toBe(false);
    expect(appointmentMissed(job, at + 60_000)).toBe(true);
    expect(minutesToVisit(job, at + 60_000)).toBeNull();
  });

  it('technician: a job started is never flagged missed', () => {
    expect(appointmentMissed({ ...job, state: 'in_progress' }, at + 3_600_000)).toBe(false);
  });
});
