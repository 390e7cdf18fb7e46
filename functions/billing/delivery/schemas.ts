/** The delivery routes' schemas: the printable request and the household's view of it. */
import * as z from 'zod/mini';
import { components } from '../../shared/openapi.ts';
import { letterhead } from '../collection/settings.ts';

export const linkParams = z.object({
  token: z.string().check(z.maxLength(600), z.regex(/^[A-Za-z0-9_~-]+$/, 'Not a household link')),
});

const line = z.object({
  name: z.string(),
  basisText: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  amountCents: z.int(),
  paidCents: z.int(),
});
const state = z.enum(['issued', 'partially_paid', 'paid']);

export const requestPrintoutRecord = z
  .object({
    property: z.object({ name: z.string(), address: z.string(), hotline: z.string() }),
    letterhead,
    feeClause: z.string(),
    /** The late-fee clause, where late fees are on. */
    lateFeeClause: z.nullable(z.string()),
    request: z.object({
      id: z.string(),
      period: z.string(),
      householdName: z.string(),
      roomCode: z.string(),
      lines: z.array(z.extend(line, { id: z.string(), kind: z.string() })),
      totalCents: z.int(),
      creditAppliedCents: z.int(),
      paidCents: z.int(),
      balanceCents: z.int(),
      state,
      dueDate: z.string(),
      issuedAt: z.string(),
    }),
    /** The household view's path (`/h/<token>`), for the QR code. */
    householdLink: z.string(),
  })
  .register(components, { id: 'RequestPrintout' });

export const householdViewRecord = z
  .object({
    property: z.object({ name: z.string(), hotline: z.string(), address: z.string() }),
    request: z.object({
      period: z.string(),
      roomCode: z.string(),
      /** Masked: 王*. */
      householdName: z.string(),
      lines: z.array(line),
      totalCents: z.int(),
      creditAppliedCents: z.int(),
      paidCents: z.int(),
      balanceCents: z.int(),
      state,
      dueDate: z.string(),
      issuedAt: z.string(),
    }),
    linkExpiresAt: z.string(),
  })
  .register(components, { id: 'HouseholdRequestView' });
