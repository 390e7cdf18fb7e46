/**
 * The directory's enumerations, kept free of zod so that the dashboard can import the lists themselves
 * (its forms and labels) without bundling a schema library. The schemas build their enums from these.
 */
export const unitTypes = ['residential', 'commercial', 'parking', 'storage', 'office'] as const;
export const occupancies = ['vacant', 'occupied'] as const;
export const householdKinds = ['owner', 'tenant'] as const;
export const householdStatuses = ['active', 'moved_out'] as const;
export const departments = [
  'customer_service',
  'engineering',
  'security',
  'cleaning',
  'finance',
  'management',
] as const;
/** The language a staff member reads their notifications in (zh-CN unless they chose English). */
export const staffLanguages = ['zh-CN', 'en'] as const;
export type StaffLanguage = (typeof staffLanguages)[number];
