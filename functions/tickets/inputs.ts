/**
 * What a contact or an action brings in, checked against the property before anything is written:
 * the machine's create input made from a ledger entry, the caller's unit and household, the staff an
 * action hands the ticket to.
 */
import type * as z from 'zod/mini';
import { unprocessable } from '../shared/errors.ts';
import type { Store } from '../shared/store.ts';
import { keys } from '../shared/table.ts';
import type { TicketKind } from './machines/index.ts';
import type { contactCreate } from './schemas.ts';

/** The machine's create input: what the contact says, overlaid with the request's ticket fields. */
export function ticketInput(kind: TicketKind, c: z.output<typeof contactCreate>): Record<string, unknown> {
  const person = {
    name: c.caller.name,
    ...(c.caller.phone ? { phone: c.caller.phone } : {}),
    ...(c.householdId ? { householdId: c.householdId } : {}),
  };
  const channel = { channel: c.channel };
  const base: Record<string, unknown> =
    kind === 'repair'
      ? {
          content: c.summary,
          location: c.unitId ? { unitId: c.unitId } : undefined,
          contact: person,
          reportedAt: c.time,
          ...channel,
        }
      : kind === 'complaint'
        ? {
            complainant: { ...person, ...(c.unitId ? { unitId: c.unitId } : {}) },
            content: c.summary,
            receivedAt: c.time,
            ...channel,
          }
        : { contact: person, unitId: c.unitId, question: c.summary, receivedAt: c.time, ...channel };
  const merged = { ...base, ...(c.ticket ?? {}) };
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined));
}

/** The unit and household a contact names are this property's, and the household lives in the unit. */
export async function checkCaller(store: Store, propertyId: string, contact: z.output<typeof contactCreate>) {
  const [unit, household] = await Promise.all([
    contact.unitId ? store.mustGet<{ id: string }>(keys.unit(propertyId, contact.unitId), 'Unit') : null,
    contact.householdId
      ? store.mustGet<{ unitId: string }>(keys.household(propertyId, contact.householdId), 'Household')
      : null,
  ]);
  if (unit && household && household.unitId !== unit.id) {
    throw unprocessable('household_not_in_unit', 'The household does not live in this unit', {
      unitId: unit.id,
      householdUnitId: household.unitId,
    });
  }
  if (Date.parse(contact.time) > Date.now() + 10 * 60_000) {
    throw unprocessable('contact_in_future', 'A contact cannot be taken in the future');
  }
}

/** Staff an action hands the ticket to must be members of the property. */
export async function checkStaffInput(store: Store, propertyId: string, input: unknown) {
  const fields = (input ?? {}) as Record<string, unknown>;
  for (const field of ['technicianId', 'assigneeId']) {
    const staffId = fields[field];
    if (typeof staffId !== 'string') continue;
    const member = await store.get(keys.membership(propertyId, staffId));
    if (!member) {
      throw unprocessable('not_a_member', `${field} is not a staff member of this property`, {
        [field]: staffId,
      });
    }
  }
}
