import { AsyncLocalStorage } from 'node:async_hooks';
import { forbidden, notFound, unauthorized } from './errors.ts';
import { can, type Permission, type Role } from './permissions.ts';

/** Who is calling. Loaded from the staff record (not from the token) on every request. */
export interface Actor {
  staffId: string;
  name: string;
  roles: Role[];
  /** Properties the caller is a member of; ignored for head office, who reaches all. */
  propertyIds: string[];
}

/** Jobs and the seeder act as the system: every property, every permission. */
export const systemActor: Actor = {
  staffId: 'system',
  name: 'PropDesk',
  roles: ['head_office'],
  propertyIds: [],
};

const storage = new AsyncLocalStorage<Actor>();

export function withActor<T>(actor: Actor, fn: () => T): T {
  return storage.run(actor, fn);
}

export function useActor(): Actor {
  const actor = storage.getStore();
  if (!actor) throw unauthorized();
  return actor;
}

export const isHeadOffice = (actor: Actor) => actor.roles.includes('head_office');

/**
 * THE tenant guard. Every property-scoped read and write goes through the data layer, which calls this
 * before it touches a key. A property the caller does not belong to answers 404, exactly like a
 * property that does not exist, so ids of other companies' properties are not confirmed.
 */
export function assertPropertyAccess(propertyId: string, actor = useActor()): void {
  if (isHeadOffice(actor)) return;
  if (!actor.propertyIds.includes(propertyId)) throw notFound('Property');
}

export function assertPermission(permission: Permission, actor = useActor()): void {
  if (!can(actor.roles, permission)) throw forbidden(`Your role may not do this (${permission})`);
}

/** Properties visible to the caller, or 'all' for head office. */
export function visibleProperties(actor = useActor()): string[] | 'all' {
  return isHeadOffice(actor) ? 'all' : actor.propertyIds;
}
