import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../../functions/shared/db.ts';
import { maskPhone } from '../../functions/shared/personal-data.ts';
import { inboxPk, keys, tableName } from '../../functions/shared/table.ts';
import { partitionItems } from './faults-records.ts';
import type { PropertyWorld, WorldPeople } from './world.ts';

/**
 * Every partition that holds something of `world`'s property, by key (Query, never Scan): the
 * property's own and its unique-value guards, each staff member's record and inbox.
 */
function partitionsOf(world: PropertyWorld): string[] {
  const { pk } = keys.property(world.property.id);
  const staff = Object.values(world.staff);
  return [
    pk,
    keys.propertyUnique(world.property.id, '', '').pk,
    ...staff.map((s) => keys.staff(s.id).pk),
    ...staff.map((s) => inboxPk(s.id)),
  ];
}

/** The company-wide guards that name the property (its code) and its staff (their logins). */
const guardsOf = (world: PropertyWorld) => [
  keys.unique('property-code', world.property.code),
  ...Object.values(world.staff).map((s) => keys.unique('login', s.email)),
];

/**
 * Every item of the property, every attribute, read consistently and in a stable order: two
 * footprints are equal only if nothing of the property was written in between.
 */
export async function footprint(world: PropertyWorld): Promise<string> {
  const [partitions, guards] = await Promise.all([
    Promise.all(partitionsOf(world).map(partitionItems)),
    ddb().send(
      new BatchGetCommand({
        RequestItems: { [tableName()]: { Keys: guardsOf(world), ConsistentRead: true } },
      }),
    ),
  ]);
  const items = [...partitions.flat(), ...(guards.Responses?.[tableName()] ?? [])];
  const key = (i: Record<string, unknown>) => `${i.pk}\u0000${i.sk}`;
  return JSON.stringify(items.sort((a, b) => key(a).localeCompare(key(b))));
}

/**
 * What of `world` must never appear in an answer to another property's caller: its ids, its names,
 * and its phone numbers in full or masked as they are listed.
 */
export function secretsOf(world: PropertyWorld, people: WorldPeople): string[] {
  const staff = Object.values(world.staff);
  const phones = [people.householdPhone, people.staffPhone, people.hotline, people.infoPhone];
  return [
    world.property.id,
    world.building.id,
    world.unit.id,
    world.vacantUnit.id,
    world.household.id,
    world.notification.id,
    world.ticket.id,
    world.infoEntry.id,
    world.attachmentId,
    ...staff.map((s) => s.id),
    world.property.name,
    people.buildingName,
    people.householdName,
    people.infoTitle,
    ...staff.map((s) => s.name),
    ...staff.map((s) => s.email),
    ...phones,
    ...phones.map(maskPhone),
  ];
}

/** The secrets of `secrets` that `body` gives away. */
export const leaked = (body: unknown, secrets: string[]) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return secrets.filter((s) => text.includes(s));
};
