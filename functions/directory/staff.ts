import * as z from 'zod/mini';
import { isHeadOffice, useActor } from '../shared/actor.ts';
import { conflict, forbidden } from '../shared/errors.ts';
import { fn } from '../shared/fn.ts';
import { newId } from '../shared/ids.ts';
import { withMaskedPhone } from '../shared/personal-data.ts';
import { headOfficeStore, newStaffStore, staffStore, type WriteOp } from '../shared/store.ts';
import { keys, skPrefix } from '../shared/table.ts';
import { membershipItem, staffItem } from './items.ts';
import { readInProperty } from './properties.ts';
import type { Membership, Staff } from './records.ts';
import { id, pageQuery, staffCreate, staffUpdate } from './schemas.ts';

/** Only head office may grant head office, and a head-office account belongs to no one property. */
function checkGrant(roles: readonly string[]) {
  if (roles.includes('head_office') && !isHeadOffice(useActor()))
    throw forbidden('Only head office can grant the head-office role');
}

const membershipOf = (staff: Staff, propertyId: string) =>
  membershipItem({
    id: staff.id,
    propertyId,
    name: staff.name,
    email: staff.email,
    phone: staff.phone,
    department: staff.department,
    roles: staff.roles,
    active: staff.active,
    language: staff.language ?? 'zh-CN',
  });

/**
 * Head office's own member list (`HEADOFFICE` / `MEMBER#<sid>`), kept in the same transaction as the
 * staff record: an escalation's head-office step Queries it instead of looking for the role anywhere.
 */
const headOfficeOps = (staff: Staff): WriteOp[] =>
  staff.roles.includes('head_office')
    ? [
        {
          put: {
            ...keys.headOfficeMember(staff.id),
            recordType: 'headOfficeMember',
            id: staff.id,
            name: staff.name,
            email: staff.email,
            roles: staff.roles,
            active: staff.active,
          },
        },
      ]
    : [{ delete: keys.headOfficeMember(staff.id) }];

/** Active head-office staff, by id (the SLA ladder's head-office step tells them all). */
export async function headOfficeStaffIds(): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await headOfficeStore().query<{ id: string; active: boolean }>({
      partition: keys.headOfficeMember('x').pk,
      beginsWith: skPrefix.membership,
      limit: 100,
      cursor,
    });
    ids.push(...page.items.filter((m) => m.active).map((m) => m.id));
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return ids;
}

export const createStaff = fn(staffCreate, async (input) => {
  checkGrant(input.roles);
  const propertyIds = [...new Set(input.propertyIds)];
  const staffId = newId();
  const store = newStaffStore(staffId, propertyIds);
  for (const propertyId of propertyIds) await store.mustGet(keys.property(propertyId), 'Property');
  const staff = { ...input, propertyIds, id: staffId } as Staff;
  return withMaskedPhone(
    await store.create<Staff>(
      staffItem(staff),
      { action: 'staff.create', entity: 'staff', entityId: staffId },
      {
        extra: [
          {
            put: { ...keys.unique('login', input.email), staffId },
            condition: 'attribute_not_exists(#pk)',
            onFail: conflict('duplicate_email', `${input.email} already has an account`),
          },
          ...propertyIds.map((p) => ({ put: membershipOf(staff, p) })),
          ...(staff.roles.includes('head_office') ? headOfficeOps(staff) : []),
        ],
      },
    ),
  );
});

export const getStaff = fn(id, async (staffId) => withMaskedPhone((await staffStore<Staff>(staffId)).staff));

export const updateStaff = fn(
  z.object({ staffId: id, changes: staffUpdate }),
  async ({ staffId, changes: { version, ...changes } }) => {
    const nextOf = (current: Staff) =>
      changes.propertyIds ? [...new Set(changes.propertyIds)] : current.propertyIds;
    // Editing someone reaches every property they are in, before and after: each must be the caller's.
    const { staff: current, store } = await staffStore<Staff>(staffId, (current) => [
      ...new Set([...current.propertyIds, ...nextOf(current)]),
    ]);
    if (changes.roles) checkGrant(changes.roles);
    const nextProperties = nextOf(current);
    for (const p of nextProperties.filter((p) => !current.propertyIds.includes(p)))
      await store.mustGet(keys.property(p), 'Property');
    const next = { ...current, ...changes, propertyIds: nextProperties } as Staff;
    const membershipOps: WriteOp[] = [
      ...current.propertyIds
        .filter((p) => !nextProperties.includes(p))
        .map((p) => ({ delete: keys.membership(p, staffId) })),
      ...nextProperties.map((p) => ({ put: membershipOf(next, p) })),
      ...(next.roles.includes('head_office') || current.roles.includes('head_office')
        ? headOfficeOps(next)
        : []),
    ];
    return withMaskedPhone(
      await store.update<Staff>(
        keys.staff(staffId),
        'Staff member',
        version,
        { ...changes, propertyIds: nextProperties },
        { action: 'staff.update', entity: 'staff', entityId: staffId },
        { current, item: staffItem, extra: () => membershipOps },
      ),
    );
  },
);

export const listPropertyStaff = fn(
  z.object({ propertyId: id, page: pageQuery }),
  async ({ propertyId, page }) => {
    const result = await readInProperty(propertyId, (store) =>
      store.query<Membership>({
        partition: keys.property(propertyId).pk,
        beginsWith: skPrefix.membership,
        ...page,
      }),
    );
    return { ...result, items: result.items.map(withMaskedPhone) };
  },
);
