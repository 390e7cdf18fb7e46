import type { Role } from '../shared/permissions.ts';
import type { departments, householdKinds, householdStatuses, unitTypes } from './schemas.ts';

/** The directory's records as the API returns them (storage attributes stripped). */
interface Stamped {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Property extends Stamped {
  code: string;
  name: string;
  city: string;
  address: string;
  timeZone: string;
  hotline: string;
  serviceHours: { days: number[]; from: string; to: string }[];
  billingDay: number;
  dueDay: number;
}

export interface PropertyStats {
  buildings: number;
  units: number;
  households: number;
  occupiedUnits: number;
}

export interface Building extends Stamped {
  propertyId: string;
  code: string;
  name: string;
  floors: number;
}

export interface Unit extends Stamped {
  propertyId: string;
  buildingId: string;
  buildingCode: string;
  room: string;
  roomCode: string;
  floor: number;
  areaSqmX100: number;
  type: (typeof unitTypes)[number];
  occupancy: 'vacant' | 'occupied';
  activeHouseholds: number;
}

export interface Household extends Stamped {
  propertyId: string;
  unitId: string;
  roomCode: string;
  kind: (typeof householdKinds)[number];
  name: string;
  phone: string;
  moveInDate: string | null;
  status: (typeof householdStatuses)[number];
}

export interface Staff extends Stamped {
  email: string;
  name: string;
  phone: string;
  department: (typeof departments)[number];
  roles: Role[];
  propertyIds: string[];
  active: boolean;
}

export type Membership = Pick<Staff, 'name' | 'email' | 'phone' | 'department' | 'roles' | 'active'> & {
  id: string;
  propertyId: string;
};
