/**
 * The working-time calendar answers the same whatever the process time zone: a laptop in New York
 * running the local host, a Lambda in UTC, a server in Shanghai. Each zone is a separate node process
 * (the time zone of a running process is fixed when it starts).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const script = `
import { addWorkingTime, chinaDayKind, createWorkCalendar, isWorking } from './functions/sla/calendar.ts';
const office = createWorkCalendar({
  timeZone: 'Asia/Shanghai',
  periods: [
    { days: [1, 2, 3, 4, 5], from: '08:30', to: '12:00' },
    { days: [1, 2, 3, 4, 5], from: '13:30', to: '17:30' },
  ],
  observeHolidays: true,
});
const sh = (local) => new Date(local + ':00+08:00');
const days = [];
for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
  const d = new Date(t).toISOString().slice(0, 10);
  days.push(d + ' ' + chinaDayKind(d));
}
console.log(JSON.stringify({
  fridayEvening: addWorkingTime(office, sh('2026-03-20T17:00'), 60).toISOString(),
  ordinarySaturdayWorking: isWorking(office, sh('2026-03-21T10:00')),
  makeUpSaturdayWorking: isWorking(office, sh('2026-10-10T10:00')),
  days,
}));
`;

function runIn(timeZone: string) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: process.cwd(),
    env: { ...process.env, TZ: timeZone },
    encoding: 'utf8',
  });
  return JSON.parse(out) as {
    fridayEvening: string;
    ordinarySaturdayWorking: boolean;
    makeUpSaturdayWorking: boolean;
    days: string[];
  };
}

describe('office calendar in any process time zone', () => {
  const zones = ['America/New_York', 'UTC', 'Asia/Shanghai'] as const;
  const answers = Object.fromEntries(zones.map((z) => [z, runIn(z)]));

  it.each(zones)('in %s: Friday 17:00 + 60 working minutes is Monday 09:00, never Saturday', (zone) => {
    const a = answers[zone]!;
    expect(a.fridayEvening).toBe(new Date('2026-03-23T09:00:00+08:00').toISOString());
    expect(a.ordinarySaturdayWorking).toBe(false);
    expect(a.makeUpSaturdayWorking).toBe(true);
  });

  it('every day of 2025 and 2026 has the same kind in New York, UTC and Shanghai', () => {
    const shanghai = answers['Asia/Shanghai']!.days;
    expect(shanghai).toHaveLength(730);
    expect(shanghai.filter((d) => d.endsWith('makeUpWorkday')).length).toBeLessThan(20);
    expect(answers['America/New_York']!.days).toEqual(shanghai);
    expect(answers.UTC!.days).toEqual(shanghai);
  });
});
