/** The staff roles, in a leaf of their own so that the dashboard imports the list without the matrix. */
export const roles = [
  'head_office',
  'property_manager',
  'front_desk',
  'technician',
  'finance',
  'security',
  'service_lead',
] as const;
export type Role = (typeof roles)[number];
