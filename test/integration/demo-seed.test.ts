import { describe, expect, it } from 'vitest';
import { createBuilding } from '../../functions/directory/buildings.ts';
import { createHousehold } from '../../functions/directory/households.ts';
import { createProperty } from '../../functions/directory/properties.ts';
import { createStaff } from '../../functions/directory/staff.ts';
import { createUnit } from '../../functions/directory/units.ts';
import { listContacts, listTickets } from '../../functions/tickets/reads.ts';
import type { TicketSla } from '../../functions/tickets/records.ts';
import { seedDemoTickets } from '../../infra/local/seed-tickets.ts';
import { asSystem } from '../support/api.ts';

/**
 * The demo seed builds its situations from the property's own calendar, so whoever opens the demo —
 * at night, on a Sunday, at the minute past midnight — finds an overdue repair, one due soon, an urgent
 * complaint and today's calls. Seeded "as of" instants before the real now (a contact may not be in
 * the future); the days are counted back from today, so the test holds whatever the machine's date.
 */
const DAY = 86_400_000;
const zone = 'Asia/Shanghai';
const dayIn = (at: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);

/** `HH:MM` Shanghai time on the last `isoWeekday` (1 = Monday) at least a week before today. */
function lastWeekAt(isoWeekday: number, hhmm: string): Date {
  const [y, m, d] = dayIn(new Date()).split('-').map(Number) as [number, number, number];
  let date = Date.UTC(y, m - 1, d) - 7 * DAY;
  while (((new Date(date).getUTCDay() + 6) % 7) + 1 !== isoWeekday) date -= DAY;
  return new Date(`${new Date(date).toISOString().slice(0, 10)}T${hhmm}:00+08:00`);
}

let counter = 0;
async function demoProperty() {
  counter += 1;
  return asSystem(async () => {
    const property = await createProperty({
      code: `SEED${counter}`,
      name: `演示小区${counter}`,
      city: '上海',
      address: '演示路 1 号',
      hotline: '021-12345678',
    });
    const building = await createBuilding({
      propertyId: property.id,
      building: { code: '1', name: '1号楼', floors: 8 },
    });
    for (let floor = 1; floor <= 8; floor++) {
      const unit = await createUnit({
        propertyId: property.id,
        unit: { buildingId: building.id, room: `${floor}01`, floor, areaSqmX100: 8950, type: 'residential' },
      });
      await createHousehold({
        propertyId: property.id,
        household: { unitId: unit.id, kind: 'owner', name: `业户${floor}`, phone: `1381234567${floor}` },
      });
    }
    for (const [prefix, role, department] of [
      ['frontdesk', 'front_desk', 'customer_service'],
      ['tech', 'technician', 'engineering'],
      ['tech2', 'technician', 'engineering'],
    ] as const) {
      await createStaff({
        email: `${prefix}.seed${counter}@test.propdesk.cn`,
        name: `${prefix} ${counter}`,
        phone: '13900000000',
        department,
        roles: [role],
        propertyIds: [property.id],
      });
    }
    return property;
  });
}

const running = (sla: TicketSla | undefined) => sla?.status === 'running' && sla.dueAt !== null;

describe('demo seed', () => {
  it.each([
    ['a weekday at 03:00, service hours closed', lastWeekAt(3, '03:00')],
    ['a weekday at 14:00, service hours open', lastWeekAt(4, '14:00')],
    ['a Sunday at 21:30, just after closing', lastWeekAt(7, '21:30')],
    ['a Monday at 00:05, five minutes into the day', lastWeekAt(1, '00:05')],
  ])(
    'front desk opening the demo on %s finds an overdue repair, one due soon, an urgent complaint and today’s calls',
    async (_, now) => {
      const property = await demoProperty();
      await asSystem(() => seedDemoTickets(property, now));
      const tickets = await asSystem(() => listTickets({ propertyId: property.id, query: { limit: 100 } }));
      const repairs = tickets.items.filter((t) => t.kind === 'repair' && running(t.slas?.firstResponse));
      const due = (t: (typeof repairs)[number]) => Date.parse(t.slas.firstResponse!.dueAt!);

      const overdue = repairs.filter((t) => due(t) < now.getTime());
      expect(overdue.map((t) => t.content)).toEqual(['公共区域走廊灯不亮']);
      const soon = repairs.filter(
        (t) => Date.parse(t.slas.firstResponse!.warningAt!) <= now.getTime() && now.getTime() < due(t),
      );
      expect(soon.map((t) => t.content)).toEqual(['厨房水龙头一直滴水']);

      const urgent = tickets.items.find((t) => t.kind === 'complaint' && t.severity === 'urgent');
      expect(urgent, 'an urgent complaint').toBeTruthy();
      expect(Date.parse(urgent!.slas.notify!.dueAt!)).toBeGreaterThan(now.getTime());

      // Today's ledger (the property's day, not the machine's) has the calls of the last hours.
      const today = await asSystem(() =>
        listContacts({ propertyId: property.id, query: { day: dayIn(now), limit: 100 } }),
      );
      expect(today.items.length).toBeGreaterThanOrEqual(7);
      for (const c of today.items) expect(Date.parse(c.time as string)).toBeLessThanOrEqual(now.getTime());
    },
    // A bound on a hang only: seeding a property takes well over 30 s on a loaded 2-core machine.
    300_000,
  );
});
