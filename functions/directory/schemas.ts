import * as z from 'zod/mini';
import { components, stamped } from '../shared/openapi.ts';
import {
  departments,
  householdKinds,
  householdStatuses,
  occupancies,
  staffLanguages,
  unitTypes,
} from './enums.ts';

export { departments, householdKinds, householdStatuses, unitTypes };

import { type Permission, permissions, roles } from '../shared/permissions.ts';

export const id = z.string().check(z.regex(/^[0-9a-z]{4,40}$/, 'Not a valid id'));

/** Ids used in the OpenAPI examples; the generated tenant tests swap them for another property's. */
export const exampleIds = {
  property: '01exampleproperty00',
  building: '01examplebuilding00',
  unit: '01exampleunit000000',
  household: '01examplehousehold0',
  staff: '01examplestaff00000',
} as const;
const hhmm = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM'));
const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const phone = z.string().check(z.trim(), z.regex(/^\+?[0-9][0-9-]{5,19}$/, 'Not a phone number'));
export const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD'));

export const servicePeriod = z
  .strictObject({
    /** ISO weekdays: 1 = Monday … 7 = Sunday. */
    days: z.array(z.int().check(z.gte(1), z.lte(7))).check(z.minLength(1), z.maxLength(7)),
    from: hhmm,
    to: hhmm,
  })
  .check(z.refine((p) => p.from < p.to, { message: 'A service period must end after it starts' }));

export const defaultServiceHours = [{ days: [1, 2, 3, 4, 5, 6, 7], from: '09:00', to: '21:00' }];

const propertyFields = {
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  city: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
  address: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  timeZone: z.string().check(z.refine(isTimeZone, 'Unknown time zone')),
  hotline: phone,
  serviceHours: z.array(servicePeriod).check(z.minLength(1), z.maxLength(14)),
  /** Day of month the payment requests go out (seed 001 §7: the 15th). */
  billingDay: z.int().check(z.gte(1), z.lte(28)),
  /** Day of month payment is due (seed 001 §7: the 20th). */
  dueDay: z.int().check(z.gte(1), z.lte(28)),
  /** Property-local time of the billing day the bill run starts (absent: 09:00). */
  billingTime: z.optional(hhmm),
};

export const propertyCreate = z
  .strictObject({
    code: z
      .string()
      .check(z.trim(), z.regex(/^[A-Z][A-Z0-9]{1,11}$/, 'Upper-case letters and digits, 2–12 characters')),
    ...propertyFields,
    timeZone: z._default(propertyFields.timeZone, 'Asia/Shanghai'),
    serviceHours: z._default(propertyFields.serviceHours, defaultServiceHours),
    billingDay: z._default(propertyFields.billingDay, 15),
    dueDay: z._default(propertyFields.dueDay, 20),
  })
  .check(z.refine((p) => p.dueDay > p.billingDay, { message: 'The due day must come after the billing day' }))
  .register(components, {
    id: 'PropertyCreate',
    example: {
      code: 'SHXH',
      name: '徐汇景苑',
      city: '上海',
      address: '上海市徐汇区漕溪北路 88 号',
      hotline: '021-64880000',
    },
  });

const versioned = { version: z.int().check(z.gte(1)) };

export const propertyUpdate = z
  .required(z.partial(z.strictObject({ ...versioned, ...propertyFields })), { version: true })
  .register(components, { id: 'PropertyUpdate', example: { version: 1, hotline: '021-64880001' } });

/** Full-width digits and letters (３, １５０２) are what a Chinese keyboard types: read as ASCII (NFKC). */
export const buildingCode = z
  .string()
  .check(
    z.normalize('NFKC'),
    z.trim(),
    z.regex(
      /^[A-Za-z0-9]{1,8}$/,
      'Letters and digits only, up to 8 (no “-”: it separates building and room)',
    ),
  );

export const buildingCreate = z
  .strictObject({
    code: buildingCode,
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
    floors: z.int().check(z.gte(1), z.lte(200)),
  })
  .register(components, { id: 'BuildingCreate', example: { code: '5', name: '5号楼', floors: 18 } });

export const buildingUpdate = z
  .required(
    z.partial(
      z.strictObject({ ...versioned, name: buildingCreate.shape.name, floors: buildingCreate.shape.floors }),
    ),
    { version: true },
  )
  .register(components, { id: 'BuildingUpdate', example: { version: 1, name: '5号楼（东）' } });

export const roomNumber = z
  .string()
  .check(z.normalize('NFKC'), z.trim(), z.regex(/^[A-Za-z0-9]{1,10}$/, 'Letters and digits only, up to 10'));

const unitFields = {
  floor: z.int().check(z.gte(-10), z.lte(200)),
  /** Area in hundredths of a square metre (8950 = 89.50 m²): integers keep sums exact. */
  areaSqmX100: z.int().check(z.gte(1), z.lte(100_000_000)),
  /** Inner (套内) area in hundredths of a square metre, when known: what an inner-area fee standard bills. */
  innerAreaSqmX100: z.optional(z.int().check(z.gte(1), z.lte(100_000_000))),
  type: z.enum(unitTypes),
};

export const unitCreate = z
  .strictObject({ buildingId: id, room: roomNumber, ...unitFields })
  .register(components, {
    id: 'UnitCreate',
    example: {
      buildingId: exampleIds.building,
      room: '1502',
      floor: 15,
      areaSqmX100: 8950,
      type: 'residential',
    },
  });

export const unitUpdate = z
  .required(z.partial(z.strictObject({ ...versioned, ...unitFields })), { version: true })
  .register(components, { id: 'UnitUpdate', example: { version: 1, areaSqmX100: 9025 } });

const householdFields = {
  kind: z.enum(householdKinds),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
  phone,
  moveInDate: z.nullable(date),
  status: z.enum(householdStatuses),
};

export const householdCreate = z
  .strictObject({
    unitId: id,
    ...householdFields,
    moveInDate: z._default(householdFields.moveInDate, null),
    status: z._default(householdFields.status, 'active'),
  })
  .register(components, {
    id: 'HouseholdCreate',
    example: {
      unitId: exampleIds.unit,
      kind: 'owner',
      name: '王芳',
      phone: '13812345678',
      moveInDate: '2024-05-01',
    },
  });

export const householdUpdate = z
  .required(z.partial(z.strictObject({ ...versioned, ...householdFields })), { version: true })
  .register(components, { id: 'HouseholdUpdate', example: { version: 1, status: 'moved_out' } });

const staffFields = {
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
  phone,
  department: z.enum(departments),
  roles: z.array(z.enum(roles)).check(z.minLength(1), z.maxLength(roles.length)),
  propertyIds: z.array(id).check(z.maxLength(200)),
  active: z.boolean(),
  /** The language their notifications are written in. */
  language: z.enum(staffLanguages),
};

export const staffCreate = z
  .strictObject({
    email: z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.email()),
    ...staffFields,
    active: z._default(staffFields.active, true),
    language: z._default(staffFields.language, 'zh-CN'),
  })
  .register(components, {
    id: 'StaffCreate',
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
  .required(z.partial(z.strictObject({ ...versioned, ...staffFields })), { version: true })
  .register(components, { id: 'StaffUpdate', example: { version: 1, propertyIds: [exampleIds.property] } });

export const pageQuery = z.strictObject({
  cursor: z.optional(z.string().check(z.maxLength(2048))),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100))),
});

export const unitQuery = z.extend(pageQuery, {
  buildingId: z.optional(id),
  /** A room code or its beginning, as the front desk types it: "3-1502", "3-15", "3 1502". */
  room: z.optional(z.string().check(z.trim(), z.maxLength(24))),
});

export const householdQuery = z.extend(pageQuery, { unitId: z.optional(id) });

export type PropertyCreate = z.infer<typeof propertyCreate>;
export type BuildingCreate = z.infer<typeof buildingCreate>;
export type UnitCreate = z.infer<typeof unitCreate>;
export type HouseholdCreate = z.infer<typeof householdCreate>;
export type StaffCreate = z.infer<typeof staffCreate>;

/* The records as the API returns them (storage attributes stripped); records.ts types are inferred from these. */

const period = z.object({ days: z.array(z.int()), from: z.string(), to: z.string() });

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
    billingDay: z.int(),
    dueDay: z.int(),
    billingTime: z.optional(z.string()),
  })
  .register(components, { id: 'Property' });

export const propertyStatsRecord = z
  .object({
    buildings: z.int(),
    units: z.int(),
    households: z.int(),
    occupiedUnits: z.int(),
  })
  .register(components, { id: 'PropertyStats' });

export const buildingRecord = z
  .object({
    ...stamped,
    propertyId: z.string(),
    code: z.string(),
    name: z.string(),
    floors: z.int(),
  })
  .register(components, { id: 'Building' });

export const unitRecord = z
  .object({
    ...stamped,
    propertyId: z.string(),
    buildingId: z.string(),
    buildingCode: z.string(),
    room: z.string(),
    /** Building and room, as the front desk says it: "3-1502". */
    roomCode: z.string(),
    floor: z.int(),
    areaSqmX100: z.int(),
    innerAreaSqmX100: z.optional(z.int()),
    type: z.enum(unitTypes),
    occupancy: z.enum(occupancies),
    activeHouseholds: z.int(),
  })
  .register(components, { id: 'Unit' });

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
    moveInDate: z.nullable(z.string()),
    status: z.enum(householdStatuses),
  })
  .register(components, { id: 'Household' });

export const unitWithHouseholds = z
  .extend(unitRecord, { households: z.array(householdRecord) })
  .register(components, { id: 'UnitWithHouseholds' });

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
    /** Absent on a record made before languages were chosen: zh-CN. */
    language: z.optional(z.enum(staffLanguages)),
  })
  .register(components, { id: 'Staff' });

/** A staff member as a property's staff list shows them (phone masked). */
export const membershipRecord = z
  .extend(
    z.pick(staffRecord, {
      name: true,
      email: true,
      phone: true,
      department: true,
      roles: true,
      active: true,
      language: true,
    }),
    { id: z.string(), propertyId: z.string() },
  )
  .register(components, { id: 'Membership' });

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
    before: z.nullable(z.record(z.string(), z.unknown())),
    after: z.nullable(z.record(z.string(), z.unknown())),
  })
  .register(components, { id: 'AuditEntry' });

export const meRecord = z
  .object({
    staff: z.object({
      id: z.string(),
      name: z.string(),
      email: z.optional(z.string()),
      roles: z.array(z.enum(roles)),
      department: z.optional(z.enum(departments)),
    }),
    properties: z.array(
      z.pick(propertyRecord, { id: true, code: true, name: true, city: true, timeZone: true }),
    ),
    permissions: z.array(z.enum(Object.keys(permissions) as [Permission, ...Permission[]])),
  })
  .register(components, { id: 'Me' });

export const overviewRecord = z
  .object({ items: z.array(z.object({ property: propertyRecord, stats: propertyStatsRecord })) })
  .register(components, { id: 'Overview' });

export const revealedPhone = z.object({ phone: z.string() }).register(components, { id: 'RevealedPhone' });
