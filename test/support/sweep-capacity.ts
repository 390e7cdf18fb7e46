/**
 * The SLA sweep's capacity scenario, shared by test/integration/sla-sweep-capacity.test.ts and the
 * `sla` bench module: a property with open tickets that are not due, and the same due set each time.
 */
import { createBuilding } from '../../functions/directory/buildings.ts';
import { createHousehold } from '../../functions/directory/households.ts';
import { createProperty } from '../../functions/directory/properties.ts';
import { createStaff } from '../../functions/directory/staff.ts';
import { createUnit } from '../../functions/directory/units.ts';
import { type Actor, withActor } from '../../functions/shared/actor.ts';
import { trackDbUsage } from '../../functions/shared/db.ts';
import type { Ticket } from '../../functions/tickets/records.ts';
import { recordContact } from '../../functions/tickets/service.ts';
import { sweepSla } from '../../functions/tickets/sla-sweep.ts';
import { companyActor } from '../../infra/local/company-actor.ts';
import { loadOpenTickets } from './bulk-tickets.ts';

const MINUTE = 60_000;

export interface CapacityPlace {
  propertyId: string;
  unitId: string;
  householdId: string;
  /** The front desk member who records the due set (its first-question owner, notified by the sweep). */
  frontDesk: Actor;
  /** A repair opened through the ledger: the model of the bulk-loaded open tickets. */
  model: Ticket;
}

export async function capacityPlace(code: string): Promise<CapacityPlace> {
  return withActor(companyActor, async () => {
    const property = await createProperty({
      code,
      name: `容量测试${code}`,
      city: '上海',
      address: '测试路 9 号',
      hotline: '021-12345678',
    });
    const propertyId = property.id;
    const building = await createBuilding({ propertyId, building: { code: '1', name: '1号楼', floors: 30 } });
    const unit = await createUnit({
      propertyId,
      unit: { buildingId: building.id, room: '0801', floor: 8, areaSqmX100: 8950, type: 'residential' },
    });
    const household = await createHousehold({
      propertyId,
      household: {
        unitId: unit.id,
        kind: 'owner',
        name: '王芳',
        phone: '13812345678',
        moveInDate: '2023-04-01',
      },
    });
    const staff = await createStaff({
      email: `front.${code.toLowerCase()}.${Date.now()}@test.propdesk.cn`,
      name: '前台',
      phone: '13900000000',
      department: 'customer_service',
      roles: ['front_desk'],
      propertyIds: [propertyId],
    });
    const frontDesk: Actor = {
      staffId: staff.id,
      name: staff.name,
      roles: ['front_desk'],
      propertyIds: [propertyId],
    };
    const { ticket } = await withActor(frontDesk, () =>
      recordContact({
        propertyId,
        contact: {
          time: new Date().toISOString(),
          channel: 'phone',
          caller: { name: '王芳', phone: '13812345678' },
          unitId: unit.id,
          householdId: household.id,
          category: 'repair',
          summary: '卫生间下水管漏水',
        },
      }),
    );
    return { propertyId, unitId: unit.id, householdId: household.id, frontDesk, model: ticket! };
  });
}

/** Open tickets that are not due: copies of the model repair, their next SLA moment days away. */
export const openFarFromDue = (place: CapacityPlace, count: number) =>
  loadOpenTickets(place.model, count, { dueAt: new Date(Date.now() + 3 * 24 * 60 * MINUTE).toISOString() });

/** Open tickets out of the due index altogether (their clocks paused or done): the bulk of a big property. */
export const openWithoutClock = (place: CapacityPlace, count: number) =>
  loadOpenTickets(place.model, count, { concurrency: 16 });

/** The same due set each time: three urgent complaints recorded 30 s ago, to be swept a minute later. */
export async function dueSet(place: CapacityPlace): Promise<{ tickets: Ticket[]; now: Date }> {
  const time = new Date(Date.now() - 30_000).toISOString();
  const tickets: Ticket[] = [];
  for (let i = 0; i < 3; i++) {
    const { ticket } = await withActor(place.frontDesk, () =>
      recordContact({
        propertyId: place.propertyId,
        contact: {
          time,
          channel: 'phone',
          caller: { name: '王芳', phone: '13812345678' },
          unitId: place.unitId,
          householdId: place.householdId,
          category: 'complaint',
          summary: '电梯困人',
          ticket: { category: 'facilities', severity: 'urgent' },
        },
      }),
    );
    tickets.push(ticket!);
  }
  return { tickets, now: new Date(Date.parse(time) + MINUTE) };
}

/** One sweep at `now`, as the job runs it (system actor), with the DynamoDB capacity it consumed. */
/** As the job runs it: as nobody, each due ticket handled as its property's system. */
export const measuredSweep = (now: Date) => trackDbUsage(() => sweepSla(now));

/** Settles whatever is already due, so a measured run has exactly its own due set. */
export const settle = () => sweepSla(new Date(Date.now() + MINUTE));
