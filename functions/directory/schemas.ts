import { z } from '@hono/zod-openapi';
import { stamped } from '../shared/openapi.ts';
import { departments, householdKinds, householdStatuses, occupancies, unitTypes } from './enums.ts';

export { departments, householdKinds, householdStatuses, unitTypes };

import { type Permission, permissions, roles } from '../shared/permissions.ts';

export const id = z.string().regex(/^[0-9a-z]{4,40}$/, 'Not a valid id');

/** Ids used in the OpenAPI examples; the generated tenant tests swap them for another property's. */
export const exampleIds = {
  property: '01exampleproperty00',
  building: '01examplebuilding00',
  unit: '01exampleunit000000',
  household: '01examplehousehold0',
  staff: '01examplestaff00000',
} as const;
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM');
const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9-]{5,19}$/, 'Not a phone number');
export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD');

export const servicePeriod = z
  .strictObject({
    /** ISO weekdays: 1 = Monday … 7 = Sunday. */
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    from: hhmm,
    to: hhmm,
  })
  .refine((p) => p.from < p.to, { message: 'A service period must end after it starts' });

export const defaultServiceHours = [{ days: [1, 2, 3, 4, 5, 6, 7], from: '09:00', to: '21:00' }];

const propertyFields = {
  name: z.string().trim().min(1).max(80),
  city: z.string().trim().min(1).max(40),
  address: z.string().trim().min(1).max(200),
  timeZone: z.string().refine(isTimeZone, 'Unknown time zone'),
  hotline: phone,
  serviceHours: z.array(servicePeriod).min(1).max(14),
  /** Day of month the payment requests go out (seed 001 §7: the 15th). */
  billingDay: z.number().int().min(1).max(28),
  /** Day of month payment is due (seed 001 §7: the 20th). */
  dueDay: z.number().int().min(1).max(28),
};

export const propertyCreate = z
  .strictObject({
    code: z
      .string()
      .trim()
      .regex(/^[A-Z][A-Z0-9]{1,11}$/, 'Upper-case letters and digits, 2–12 characters'),
    ...propertyFields,
    timeZone: propertyFields.timeZone.default('Asia/Shanghai'),
    serviceHours: propertyFields.serviceHours.default(defaultServiceHours),
    billingDay: propertyFields.billingDay.default(15),
    dueDay: propertyFields.dueDay.default(20),
  })
  .refine((p) => p.dueDay > p.billingDay, { message: 'The due day must come after the billing day' })
  .openapi('PropertyCreate', {
    example: {
      code: 'SHXH',
      name: '徐汇景苑',
      city: '上海',
      address: '上海市徐汇区漕溪北路 88 号',
      hotline: '021-64880000',
    },
  });

const versioned = { version: z.number().int().min(1) };

export const propertyUpdate = z
  .strictObject({ ...versioned, ...propertyFields })
  .partial()
  .required({ version: true })
  .openapi('PropertyUpdate', { example: { version: 1, hotline: '021-64880001' } });

export const buildingCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{1,8}$/, 'Letters and digits only, up to 8 (no “-”: it separates building and room)');

export const buildingCreate = z
  .strictObject({
    code: buildingCode,
    name: z.string().trim().min(1).max(40),
    floors: z.number().int().min(1).max(200),
  })
  .openapi('BuildingCreate', { example: { code: '5', name: '5号楼', floors: 18 } });

export const buildingUpdate = z
  .strictObject({ ...versioned, name: buildingCreate.shape.name, floors: buildingCreate.shape.floors })
  .partial()
  .required({ version: true })
  .openapi('BuildingUpdate', { example: { version: 1, name: '5号楼（东）' } });

export const roomNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{1,10}$/, 'Letters and digits only, up to 10');

const unitFields = {
  floor: z.number().int().min(-10).max(200),
  /** Area in hundredths of a square metre (8950 = 89.50 m²): integers keep sums exact. */
  areaSqmX100: z.number().int().min(1).max(100_000_000),
  type: z.enum(unitTypes),
};

export const unitCreate = z
  .strictObject({ buildingId: id, room: roomNumber, ...unitFields })
  .openapi('UnitCreate', {
    example: {
      buildingId: exampleIds.building,
      room: '1502',
      floor: 15,
      areaSqmX100: 8950,
      type: 'residential',
    },
  });

export const unitUpdate = z
  .strictObject({ ...versioned, ...unitFields })
  .partial()
  .required({ version: true })
  .openapi('UnitUpdate', { example: { version: 1, areaSqmX100: 9025 } });

const householdFields = {
  kind: z.enum(householdKinds),
  name: z.string().trim().min(1).max(60),
  phone,
  moveInDate: date.nullable(),
  status: z.enum(householdStatuses),
};

export const householdCreate = z
  .strictObject({
    unitId: id,
    ...householdFields,
    moveInDate: householdFields.moveInDate.default(null),
    status: householdFields.status.default('active'),
  })
  .openapi('HouseholdCreate', {
    example: {
      unitId: exampleIds.unit,
      kind: 'owner',
      name: '王芳',
      phone: '13812345678',
      moveInDate: '2024-05-01',
    },
  });

export const householdUpdate = z
  .strictObject({ ...versioned, ...householdFields })
  .partial()
  .required({ version: true })
  .openapi('HouseholdUpdate', { example: { version: 1, status: 'moved_out' } });

const staffFields = {
  name: z.string().trim().min(1).max(60),
  phone,
  department: z.enum(departments),
  roles: z.array(z.enum(roles)).min(1).max(roles.length),
  propertyIds: z.array(id).max(200),
  active: z.boolean(),
};

export const staffCreate = z
  .strictObject({
    email: z.string().trim().toLowerCase().pipe(z.email()),
    ...staffFields,
    active: staffFields.active.default(true),
  })
  .openapi('StaffCreate', {
    example: {
      email: 'new.clerk@example.cn',
      name: '李娜',
      phone: '13900001111',
      department: 'customer_service',
      roles: ['front_desk'],
      propertyIds: [exampleIds.property],
    },
  });

export const staffUpdate = z
  .strictObject({ ...versioned, ...staffFields })
  .partial()
  .required({ version: true })
  .openapi('StaffUpdate', { example: { version: 1, propertyIds: [exampleIds.property] } });

export const pageQuery = z.strictObject({
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export const unitQuery = pageQuery.extend({
  buildingId: id.optional(),
  /** A room code or its beginning, as the front desk types it: "3-1502", "3-15", "3 1502". */
  room: z.string().trim().max(24).optional(),
});

export const householdQuery = pageQuery.extend({ unitId: id.optional() });

export type PropertyCreate = z.infer<typeof propertyCreate>;
export type BuildingCreate = z.infer<typeof buildingCreate>;
export type UnitCreate = z.infer<typeof unitCreate>;
export type HouseholdCreate = z.infer<typeof householdCreate>;
export type StaffCreate = z.infer<typeof staffCreate>;

/* The records as the API returns them (storage attributes stripped); records.ts types are inferred from these. */

const period = z.object({ days: z.array(z.number().int()), from: z.string(), to: z.string() });

export const propertyRecord = z
  .object({
    ...stamped,
    code: z.string(),
    name: z.string(),
    city: z.string(),
    address: z.string(),
    timeZone: z.string(),
    hotline: z.string(),
    serviceHours: z.array(period),
    billingDay: z.number().int(),
    dueDay: z.number().int(),
  })
  .openapi('Property');

export const propertyStatsRecord = z
  .object({
    buildings: z.number().int(),
    units: z.number().int(),
    households: z.number().int(),
    occupiedUnits: z.number().int(),
  })
  .openapi('PropertyStats');

export const buildingRecord = z
  .object({
    ...stamped,
    propertyId: z.string(),
    code: z.string(),
    name: z.string(),
    floors: z.number().int(),
  })
  .openapi('Building');

export const unitRecord = z
  .object({
    ...stamped,
    propertyId: z.string(),
    buildingId: z.string(),
    buildingCode: z.string(),
    room: z.string(),
    /** Building and room, as the front desk says it: "3-1502". */
    roomCode: z.string(),
    floor: z.number().int(),
    areaSqmX100: z.number().int(),
    type: z.enum(unitTypes),
    occupancy: z.enum(occupancies),
    activeHouseholds: z.number().int(),
  })
  .openapi('Unit');

export const householdRecord = z
  .object({
    ...stamped,
    propertyId: z.string(),
    unitId: z.string(),
    roomCode: z.string(),
    kind: z.enum(householdKinds),
    name: z.string(),
    /** Masked (138****5678) except where revealed. */
    phone: z.string(),
    moveInDate: z.string().nullable(),
    status: z.enum(householdStatuses),
  })
  .openapi('Household');

export const unitWithHouseholds = unitRecord
  .extend({ households: z.array(householdRecord) })
  .openapi('UnitWithHouseholds');

export const staffRecord = z
  .object({
    ...stamped,
    email: z.string(),
    name: z.string(),
    phone: z.string(),
    department: z.enum(departments),
    roles: z.array(z.enum(roles)),
    propertyIds: z.array(z.string()),
    active: z.boolean(),
  })
  .openapi('Staff');

/** A staff member as a property's staff list shows them (phone masked). */
export const membershipRecord = staffRecord
  .pick({ name: true, email: true, phone: true, department: true, roles: true, active: true })
  .extend({ id: z.string(), propertyId: z.string() })
  .openapi('Membership');

export const auditRecord = z
  .object({
    id: z.string(),
    at: z.string(),
    actorId: z.string(),
    actorName: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string(),
    /** The fields that changed, as they were and as they became (phones masked). */
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('AuditEntry');

export const meRecord = z
  .object({
    staff: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string().optional(),
      roles: z.array(z.enum(roles)),
      department: z.enum(departments).optional(),
    }),
    properties: z.array(
      propertyRecord.pick({ id: true, code: true, name: true, city: true, timeZone: true }),
    ),
    permissions: z.array(z.enum(Object.keys(permissions) as [Permission, ...Permission[]])),
  })
  .openapi('Me');

export const overviewRecord = z
  .object({ items: z.array(z.object({ property: propertyRecord, stats: propertyStatsRecord })) })
  .openapi('Overview');

export const revealedPhone = z.object({ phone: z.string() }).openapi('RevealedPhone');
