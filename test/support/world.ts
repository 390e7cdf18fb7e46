import { expect } from 'vitest';
import type { Payment } from '../../functions/billing/payments/records.ts';
import { takePayment } from '../../functions/billing/payments/take.ts';
import type { FeeStandard } from '../../functions/billing/records.ts';
import type { Shift } from '../../functions/billing/shifts/records.ts';
import { openShift } from '../../functions/billing/shifts/service.ts';
import { enterMeterReading } from '../../functions/billing/standards/meters.ts';
import { createFeeStandard } from '../../functions/billing/standards/service.ts';
import { createBuilding } from '../../functions/directory/buildings.ts';
import { createHousehold } from '../../functions/directory/households.ts';
import { createProperty } from '../../functions/directory/properties.ts';
import type { Building, Household, Property, Staff, Unit } from '../../functions/directory/records.ts';
import { createStaff } from '../../functions/directory/staff.ts';
import { createUnit } from '../../functions/directory/units.ts';
import { notify } from '../../functions/notifications/notify.ts';
import type { Notification } from '../../functions/notifications/records.ts';
import { type Role, roles } from '../../functions/shared/permissions.ts';
import { createUpload } from '../../functions/tickets/attachments/service.ts';
import { createInfoEntry, type InfoEntry } from '../../functions/tickets/info-file.ts';
import type { Ticket } from '../../functions/tickets/records.ts';
import { recordContact } from '../../functions/tickets/service.ts';
import { asSystem, call, tokenFor } from './api.ts';

export interface PropertyWorld {
  property: Property;
  building: Building;
  unit: Unit;
  vacantUnit: Unit;
  household: Household;
  staff: Record<Exclude<Role, 'head_office'>, Staff>;
  tokens: Record<Exclude<Role, 'head_office'>, string>;
  /** One unread notification (in-app and e-mail) for the front desk, about the household. */
  notification: Notification;
  /** One registered repair for the household (taken through the ledger by the system). */
  ticket: Ticket;
  /** One information-file entry (the local police station). */
  infoEntry: InfoEntry;
  /** One photo upload, asked for but not yet sent. */
  attachmentId: string;
  /** One fee standard (物业管理费 per m², from 2026-11), and the unit's water meter with a reading of 2026-11. */
  feeStandard: FeeStandard;
  meterId: string;
  /** One payment at the desk (¥1.00 cash, kept as credit: the household has no request): receipt 1. */
  receipt: Payment;
  /** One open cashier shift (the system's, for the routes that read one). */
  shift: Shift;
}

let counter = 0;

/** The names and numbers a world's people and places carry; the defaults are the same in every world. */
export interface WorldPeople {
  buildingName: string;
  householdName: string;
  householdPhone: string;
  staffPhone: string;
  hotline: string;
  infoTitle: string;
  infoPhone: string;
}

const samePeople: WorldPeople = {
  buildingName: '3号楼',
  householdName: '王芳',
  householdPhone: '13812345678',
  staffPhone: '13900000000',
  hotline: '021-12345678',
  infoTitle: '辖区派出所',
  infoPhone: '021-62718110',
};

/**
 * A property with a building, two units (one occupied), a household, one staff member per role and
 * one notification for the front desk. `people` makes its names and numbers its own (the isolation
 * test looks for another property's in every answer).
 */
export async function makeProperty(code: string, people: Partial<WorldPeople> = {}): Promise<PropertyWorld> {
  const who = { ...samePeople, ...people };
  return asSystem(async () => {
    const property = await createProperty({
      code,
      name: `测试小区${code}`,
      city: '上海',
      address: '测试路 1 号',
      hotline: who.hotline,
    });
    const building = await createBuilding({
      propertyId: property.id,
      building: { code: '3', name: who.buildingName, floors: 20 },
    });
    const unit = await createUnit({
      propertyId: property.id,
      unit: { buildingId: building.id, room: '1502', floor: 15, areaSqmX100: 8950, type: 'residential' },
    });
    const vacantUnit = await createUnit({
      propertyId: property.id,
      unit: { buildingId: building.id, room: '1503', floor: 15, areaSqmX100: 10420, type: 'residential' },
    });
    const household = await createHousehold({
      propertyId: property.id,
      household: {
        unitId: unit.id,
        kind: 'owner',
        name: who.householdName,
        phone: who.householdPhone,
        moveInDate: '2023-04-01',
      },
    });
    const staff = {} as PropertyWorld['staff'];
    const tokens = {} as PropertyWorld['tokens'];
    for (const role of roles.filter((r): r is Exclude<Role, 'head_office'> => r !== 'head_office')) {
      counter += 1;
      staff[role] = await createStaff({
        email: `${role}.${code.toLowerCase()}.${counter}@test.propdesk.cn`,
        name: `${role} ${code}`,
        phone: who.staffPhone,
        department: 'customer_service',
        roles: [role],
        propertyIds: [property.id],
      });
      tokens[role] = await tokenFor(staff[role]);
    }
    const notification = await notify({
      propertyId: property.id,
      recipientId: staff.front_desk.id,
      kind: 'ticket.assigned',
      title: `${unit.roomCode} ${who.householdName}：报修已派给你`,
      link: `/properties/${property.id}/households/${household.id}`,
      subject: { type: 'household', id: household.id },
      channels: ['inApp', 'email'],
      idempotencyKey: `world:${property.id}:front_desk`,
    });
    const { ticket } = await recordContact({
      propertyId: property.id,
      contact: {
        time: new Date().toISOString(),
        channel: 'phone',
        caller: { name: who.householdName, phone: who.householdPhone },
        unitId: unit.id,
        householdId: household.id,
        category: 'repair',
        summary: '卫生间下水管漏水',
      },
    });
    const infoEntry = await createInfoEntry({
      propertyId: property.id,
      entry: {
        title: who.infoTitle,
        category: 'police',
        phones: [{ label: '值班室', number: who.infoPhone }],
      },
    });
    const { attachmentId } = await createUpload({
      propertyId: property.id,
      upload: { fileName: 'leak.jpg', contentType: 'image/jpeg', size: 1000, thumbnailSize: 100 },
    });
    const feeStandard = await createFeeStandard({
      propertyId: property.id,
      standard: {
        item: 'management',
        name: '物业管理费',
        effectiveFrom: '2026-11',
        rate: { amount: 235, scale: 0 },
        basis: 'area',
      },
    });
    const reading = await enterMeterReading({
      propertyId: property.id,
      reading: { unitId: unit.id, meter: 'water', month: '2026-11', reading: 1520, previousReading: 1488 },
    });
    const receipt = await takePayment({
      propertyId: property.id,
      body: { householdId: household.id, amountCents: 100, channel: 'cash' },
    });
    const shift = await openShift({ propertyId: property.id, body: {} });
    return {
      property,
      building,
      unit,
      vacantUnit,
      household,
      staff,
      tokens,
      notification,
      ticket: ticket!,
      infoEntry,
      attachmentId,
      feeStandard,
      meterId: reading.meterId,
      receipt,
      shift,
    };
  });
}

export async function makeHeadOffice(): Promise<{ staff: Staff; token: string }> {
  counter += 1;
  const staff = await asSystem(() =>
    createStaff({
      email: `hq.${counter}@test.propdesk.cn`,
      name: '总部',
      phone: '13900000009',
      department: 'management',
      roles: ['head_office'],
      propertyIds: [],
    }),
  );
  return { staff, token: await tokenFor(staff) };
}

/** What the front desk types for a call from the world's household about its unit: a ledger contact. */
export const deskContact = (
  w: PropertyWorld,
  contact: Record<string, unknown>,
  time = new Date().toISOString(),
) => ({
  time,
  channel: 'phone',
  caller: { name: '王芳', phone: '13812345678' },
  unitId: w.unit.id,
  householdId: w.household.id,
  ...contact,
});

/** The front desk records a repair call from the world's household, through the API: its new ticket. */
export async function deskRepair(w: PropertyWorld, summary: string): Promise<Ticket> {
  const reply = await call<{ ticket: Ticket }>(
    w.tokens.front_desk,
    'POST',
    `/api/tickets/properties/${w.property.id}/contacts`,
    deskContact(w, { category: 'repair', summary }),
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.ticket;
}

/** `token` takes `action` on `ticket` at the version it has: the ticket after the action. */
export async function actOn(
  w: PropertyWorld,
  token: string,
  ticket: Ticket,
  action: string,
  input: Record<string, unknown> = {},
): Promise<Ticket> {
  const reply = await call<{ ticket: Ticket }>(
    token,
    'POST',
    `/api/tickets/properties/${w.property.id}/tickets/${ticket.id}/actions/${action}`,
    { version: ticket.version, input },
  );
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.ticket;
}
