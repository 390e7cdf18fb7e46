import * as z from 'zod/mini';
import { unitTypes } from '../../directory/enums.ts';
import { id } from '../../directory/schemas.ts';
import { components } from '../../shared/openapi.ts';
import { month as monthField } from '../close/months.ts';
import { maxRateScale } from '../money.ts';
import { feeBases, feeItems } from '../records.ts';

export const rate = z.strictObject({
  /** In 1/10^scale fen: ¥2.35 is 235 at scale 0, ¥2.355 is 2355 at scale 1. */
  amount: z.int().check(z.gte(0), z.lte(100_000_000)),
  scale: z.int().check(z.gte(0), z.lte(maxRateScale)),
});

/** A common meter's id, or a unit meter's kind: letters, digits and dashes. */
const meter = z.string().check(z.trim(), z.regex(/^[A-Za-z0-9-]{1,40}$/, 'Letters, digits and “-” only'));

const versionFields = {
  effectiveFrom: monthField,
  rate,
  basis: z.enum(feeBases),
  unitTypes: z.optional(z.array(z.enum(unitTypes)).check(z.maxLength(unitTypes.length))),
  unitIds: z.optional(z.array(id).check(z.maxLength(500))),
  vacantPercent: z._default(z.int().check(z.gte(0), z.lte(100)), 100),
  meter: z.optional(meter),
  note: z.optional(z.string().check(z.trim(), z.maxLength(200))),
};

/** A meter basis reads a meter, a shared basis splits one: either names it. */
const meterNamed = (v: { basis: string; meter?: string }) =>
  ['area', 'inner_area', 'unit', 'fixed'].includes(v.basis) || v.meter !== undefined;

export const feeStandardCreate = z
  .strictObject({
    item: z.enum(feeItems),
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(40)),
    ...versionFields,
  })
  .check(z.refine(meterNamed, { message: 'A meter or shared basis names its meter', path: ['meter'] }))
  .register(components, {
    id: 'FeeStandardCreate',
    example: {
      item: 'management',
      name: '物业管理费（住宅）',
      effectiveFrom: '2026-12',
      rate: { amount: 235, scale: 0 },
      basis: 'area',
      unitTypes: ['residential'],
      vacantPercent: 70,
    },
  });

export const feeStandardVersionCreate = z
  .strictObject({ version: z.int().check(z.gte(1)), ...versionFields })
  .check(z.refine(meterNamed, { message: 'A meter or shared basis names its meter', path: ['meter'] }))
  .register(components, {
    id: 'FeeStandardVersionCreate',
    example: {
      version: 1,
      effectiveFrom: '2027-01',
      rate: { amount: 2450, scale: 1 },
      basis: 'area',
      unitTypes: ['residential'],
      vacantPercent: 70,
      note: '业主大会 2026-12-10 决议',
    },
  });

export const feeStandardDeactivate = z
  .strictObject({ version: z.int().check(z.gte(1)) })
  .register(components, { id: 'FeeStandardDeactivate', example: { version: 2 } });

export const meterReadingCreate = z
  .strictObject({
    /** The unit whose meter it is; none for a common meter. */
    unitId: z.optional(id),
    meter,
    month: monthField,
    reading: z.int().check(z.gte(0), z.lte(1_000_000_000)),
    /** Needed for a meter's first reading; otherwise the month before's reading is used. */
    previousReading: z.optional(z.int().check(z.gte(0), z.lte(1_000_000_000))),
    replacement: z.optional(
      z.strictObject({
        finalReading: z.int().check(z.gte(0), z.lte(1_000_000_000)),
        startReading: z.int().check(z.gte(0), z.lte(1_000_000_000)),
      }),
    ),
    rolloverAt: z.optional(z.int().check(z.gte(9), z.lte(1_000_000_000))),
  })
  .register(components, {
    id: 'MeterReadingCreate',
    example: {
      unitId: '01exampleunit000000',
      meter: 'water',
      month: '2026-12',
      reading: 1520,
      previousReading: 1488,
    },
  });

export const standardsParams = z.object({ propertyId: id });
export const standardParams = z.extend(standardsParams, { standardId: id });
/** A meter: a unit's meter of a kind (`<unitId>-water`), or a common meter by its id. */
export const meterParams = z.extend(standardsParams, {
  meterId: z.string().check(z.regex(/^[A-Za-z0-9-]{1,80}$/, 'Not a meter id')),
});

const versionRecord = z.object({
  effectiveFrom: z.string(),
  rate: z.object({ amount: z.int(), scale: z.int() }),
  basis: z.enum(feeBases),
  unitTypes: z.optional(z.array(z.string())),
  unitIds: z.optional(z.array(z.string())),
  vacantPercent: z.int(),
  meter: z.optional(z.string()),
  changedBy: z.string(),
  changedAt: z.string(),
  note: z.optional(z.string()),
});

export const feeStandardRecord = z
  .object({
    id: z.string(),
    propertyId: z.string(),
    item: z.enum(feeItems),
    name: z.string(),
    versions: z.array(versionRecord),
    active: z.boolean(),
    version: z.int(),
  })
  .register(components, { id: 'FeeStandard' });

export const feeStandardList = z
  .object({ items: z.array(feeStandardRecord) })
  .register(components, { id: 'FeeStandardList' });

export const meterReadingRecord = z
  .object({
    meterId: z.string(),
    period: z.string(),
    reading: z.int(),
    previousReading: z.int(),
    replacement: z.optional(z.object({ finalReading: z.int(), startReading: z.int() })),
    rolloverAt: z.optional(z.int()),
    consumption: z.int(),
    consumptionText: z.string(),
    enteredBy: z.string(),
    enteredAt: z.string(),
  })
  .register(components, { id: 'MeterReading' });

export const meterReadingList = z
  .object({ items: z.array(meterReadingRecord) })
  .register(components, { id: 'MeterReadingList' });
