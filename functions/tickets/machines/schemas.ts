import * as z from 'zod/mini';

/** Same id shape as the rest of the product (functions/shared/ids.ts). */
export const id = z.string().check(z.regex(/^[0-9a-z]{4,40}$/, 'Not a valid id'));
/** Money is always integer cents (fen): no floating-point drift. */
export const cents = z.int().check(z.gte(0), z.lte(100_000_000));
export const instant = z.iso.datetime({ offset: true });
export const text = (max = 2000) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
export const channel = z.enum(['visit', 'phone', 'hotline', 'letter', 'online']);
export const contact = z.strictObject({
  name: text(60),
  phone: z.optional(z.string().check(z.trim(), z.regex(/^\+?[0-9][0-9-]{5,19}$/, 'Not a phone number'))),
  householdId: z.optional(id),
});

/**
 * What a ticket record stores of one step: when and by whom. The record schemas below describe what
 * is stored (and answered), not what is accepted: every field is optional until its step happens.
 */
const stamp = { at: z.string(), by: z.string() };
export const stamped = <S extends z.core.$ZodLooseShape>(shape: S) => z.object({ ...stamp, ...shape });
export const storedContact = z.object({
  name: z.string(),
  phone: z.optional(z.string()),
  householdId: z.optional(z.string()),
});
