import type * as z from 'zod/mini';
import type {
  buildingRecord,
  householdRecord,
  membershipRecord,
  propertyRecord,
  propertyStatsRecord,
  staffRecord,
  unitRecord,
} from './schemas.ts';

/** The directory's records as the API returns them, typed from the schemas its OpenAPI document shows. */
export type Property = z.infer<typeof propertyRecord>;
export type PropertyStats = z.infer<typeof propertyStatsRecord>;
export type Building = z.infer<typeof buildingRecord>;
export type Unit = z.infer<typeof unitRecord>;
export type Household = z.infer<typeof householdRecord>;
export type Staff = z.infer<typeof staffRecord>;
export type Membership = z.infer<typeof membershipRecord>;
