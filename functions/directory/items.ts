/**
 * The stored item of every directory record, one builder per record type: the primary key and every
 * index key computed from the record's own fields each time it is written. Creates put the builder's
 * item; updates write the changed fields plus the keys the builder computes for the record after the
 * change (`Store.update`'s `item`, `updateFrom`), so a key never lags behind the field it is made of.
 */
import type { Item } from '../shared/store.ts';
import { indexKeys, keys } from '../shared/table.ts';
import type { Building, Household, Membership, Property, Staff, Unit } from './records.ts';

/** A record as written: the store sets its version and times; an imported one names its import. */
type Fields<T> = Omit<T, 'version' | 'createdAt' | 'updatedAt'> & { importId?: string };

export const propertyItem = (p: Fields<Property>): Item => ({
  ...keys.property(p.id),
  ...indexKeys.allProperties(p.code),
  recordType: 'property',
  ...p,
});

export const buildingItem = (b: Fields<Building>): Item => ({
  ...keys.building(b.propertyId, b.id),
  recordType: 'building',
  ...b,
});

/** Found by room code (exact or prefix) and listed per building by floor, rooms in natural order. */
export const unitItem = (u: Fields<Unit>): Item => ({
  ...keys.unit(u.propertyId, u.id),
  ...indexKeys.unitByRoom(u.propertyId, u.roomCode),
  ...indexKeys.unitsOfBuilding(u.propertyId, u.buildingId, u.floor, u.room),
  recordType: 'unit',
  ...u,
});

/** Listed per unit, and found by phone. */
export const householdItem = (h: Fields<Household>): Item => ({
  ...keys.household(h.propertyId, h.id),
  ...indexKeys.householdsOfUnit(h.propertyId, h.unitId, h.id),
  ...indexKeys.householdByPhone(h.propertyId, h.phone, h.id),
  recordType: 'household',
  ...h,
});

/** Found by login (the e-mail, which never changes). */
export const staffItem = (s: Fields<Staff>): Item => ({
  ...keys.staff(s.id),
  ...indexKeys.staffByLogin(s.email),
  recordType: 'staff',
  ...s,
});

/** A staff member's place in one property, listed per staff member across their properties. */
export const membershipItem = (m: Fields<Membership>): Item => ({
  ...keys.membership(m.propertyId, m.id),
  ...indexKeys.membershipsOfStaff(m.id, m.propertyId),
  recordType: 'membership',
  ...m,
});
