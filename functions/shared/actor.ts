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
  /** Set for the system acting on its own (jobs, side effects), never for a signed-in caller. */
  system?: true;
}

/** How the system is named in audit entries and timelines. */
export const systemStaffId = 'system';

/**
 * The system as one property knows it: a job's work in that property, or a side effect of a request
 * there. It reaches that property only, with no head-office role: a bug in a job cannot write into
 * another property.
 */
function systemActorFor(propertyId: string): Actor {
  return { staffId: systemStaffId, name: 'PropDesk', roles: [], propertyIds: [propertyId], system: true };
}

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

/** The caller, or none (a job outside any property, the sign-in itself). */
export const currentActor = (): Actor | undefined => storage.getStore();

/**
 * Runs `work` as the system of one property: from a job (no caller yet), or from a request whose
 * caller may reach that property (its side effects). Never a way into a property one cannot reach.
 */
export function asSystemOf<T>(propertyId: string, work: () => T): T {
  const caller = storage.getStore();
  if (caller) assertPropertyAccess(propertyId, caller);
  return withActor(systemActorFor(propertyId), work);
}

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
