/**
 * Shapes of the directory API as the dashboard uses them. Kept as plain types (no runtime schema in the
 * bundle); they mirror functions/directory's zod schemas.
 */
export type Role =
  | 'head_office'
  | 'property_manager'
  | 'front_desk'
  | 'technician'
  | 'finance'
  | 'security'
  | 'service_lead';

export type Permission =
  | 'property.read'
  | 'property.create'
  | 'property.update'
  | 'building.read'
  | 'building.write'
  | 'unit.read'
  | 'unit.write'
  | 'household.read'
  | 'household.write'
  | 'household.revealPhone'
  | 'staff.read'
  | 'staff.write'
  | 'directory.import'
  | 'audit.read'
  | 'ledger.read'
  | 'ledger.write'
  | 'ticket.read'
  | 'ticket.act'
  | 'notification.read'
  | 'outbox.read'
  | 'sla.configure'
  | 'info.read'
  | 'info.write'
  | 'ledger.reviewDay'
  | 'ledger.reviewWeek';

export interface Versioned {
  id: string;
  version: number;
  createdAt?: string;
  updatedAt?: string;
}

export interface ServiceHours {
  /** 1 = Monday … 7 = Sunday */
  days: number[];
  from: string;
  to: string;
}

export interface Property extends Versioned {
  code: string;
  name: string;
  city: string;
  address?: string;
  timeZone?: string;
  hotline?: string;
  serviceHours?: ServiceHours[];
  billingDay?: number;
  dueDay?: number;
}

export interface Stats {
  buildings: number;
  units: number;
  households: number;
  occupiedUnits: number;
}

export interface Me {
  staff: { id: string; name: string; email: string; roles: Role[]; department?: string };
  properties: Property[];
  permissions: Permission[];
}

export interface Building extends Versioned {
  code: string;
  name: string;
  floors: number;
}

export type UnitType = 'residential' | 'commercial' | 'parking' | 'storage' | 'office';
export const unitTypes: UnitType[] = ['residential', 'commercial', 'parking', 'storage', 'office'];

export interface Unit extends Versioned {
  buildingId: string;
  buildingCode: string;
  room: string;
  roomCode: string;
  floor: number;
  areaSqmX100: number;
  type: UnitType;
  occupancy: 'vacant' | 'occupied';
}

export interface Household extends Versioned {
  unitId: string;
  roomCode: string;
  kind: 'owner' | 'tenant';
  name: string;
  phone: string;
  moveInDate: string | null;
  status: 'active' | 'moved_out';
}

export type Department =
  | 'customer_service'
  | 'engineering'
  | 'security'
  | 'cleaning'
  | 'finance'
  | 'management';
export const departments: Department[] = [
  'customer_service',
  'engineering',
  'security',
  'cleaning',
  'finance',
  'management',
];
export const roles: Role[] = [
  'head_office',
  'property_manager',
  'front_desk',
  'technician',
  'finance',
  'security',
  'service_lead',
];

export interface Staff extends Versioned {
  name: string;
  email: string;
  phone: string;
  department: Department;
  roles: Role[];
  active: boolean;
  propertyIds?: string[];
}

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorName: string;
  action: string;
  entity: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface ImportCounts {
  create: number;
  update: number;
  unchanged: number;
}

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  errors: { row: number; field: string; message: string }[];
  summary: { buildings: ImportCounts; units: ImportCounts; households: ImportCounts };
  /** Headers that named no known column; shown so that a misspelt one is noticed. */
  ignoredColumns?: string[];
  importId?: string | null;
}

export interface DemoAccount {
  email: string;
  name: string;
  roles: Role[];
  properties: string[];
}

export type AppConfig =
  | { auth: { mode: 'local' }; stage?: string }
  | { auth: { mode: 'cognito'; domain: string; clientId: string; region: string }; stage?: string };
