import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CapacityPlace,
  capacityPlace,
  dueSet,
  measuredSweep,
  openFarFromDue,
  openWithoutClock,
  settle,
} from '../support/sweep-capacity.ts';

let place: CapacityPlace;

beforeAll(async () => {
  place = await capacityPlace('CP');
});

describe('SLA check job reads only what is due', () => {
  it('a sweep with 1,000 and with 100,000 open not-yet-due tickets and the same due set reads the same units', async () => {
    await settle();
    // 1,000 open tickets (the model repair and 999 copies) whose next moment is days away: in the due
    // index, beyond the sweep's `now`.
    await openFarFromDue(place, 999);
    const first = await dueSet(place);
    const small = await measuredSweep(first.now);
    expect(small.result.events).toHaveLength(3);
    expect(small.result.read).toBe(3);

    // 99,000 more open tickets: the property now has 100,000 open, the due index the same 1,000 far ones.
    await openWithoutClock(place, 99_000);
    const second = await dueSet(place);
    const large = await measuredSweep(second.now);
    // The same kinds of moment (keys name their clock's start, which differs between the two due sets).
    const moments = (events: { key: string }[]) => events.map((e) => e.key.split('@')[0]).sort();
    expect(moments(large.result.events)).toEqual(moments(small.result.events));
    expect(large.result.read).toBe(3);
    expect(large.usage.readUnits).toBeGreaterThan(0);
    // The same work: only the due entries' sizes (rounded per 4 KB of a Query page) may differ by a
    // half unit; reading the 99,000 extra open tickets would cost thousands of units.
    expect(Math.abs(large.usage.readUnits - small.usage.readUnits)).toBeLessThanOrEqual(1);
    // Only a bound on a hang: writing 100,000 tickets took over 10 minutes on a loaded 2-core machine.
  }, 1_800_000);
});
