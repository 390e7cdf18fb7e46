import { type Actor, systemStaffId } from '../../functions/shared/actor.ts';

/**
 * The one company-wide system actor, and it exists only here: the local seeder creates properties
 * (nothing is scoped to one yet), and the demo sign-in page lists the demo accounts of every property.
 * Jobs and side effects in `functions/` act as the system of one property instead (asSystemOf).
 */
export const companyActor: Actor = {
  staffId: systemStaffId,
  name: 'PropDesk',
  roles: ['head_office'],
  propertyIds: [],
  system: true,
};
