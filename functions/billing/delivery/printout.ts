/** A payment request as printed (A4, zh-CN): the letterhead, the lines, the clause, the household's link. */
import * as z from 'zod/mini';
import { id } from '../../directory/schemas.ts';
import { fn } from '../../shared/fn.ts';
import { propertyStore } from '../../shared/store.ts';
import { billingKeys } from '../../shared/table.ts';
import { month } from '../collection/schemas.ts';
import { propertyOf, settingsOf } from '../collection/settings.ts';
import type { PaymentRequest } from '../records.ts';
import { householdLinkPath, householdLinkToken } from './link.ts';

export const requestParams = z.object({ propertyId: id, month, householdId: id });

export const requestPrintout = fn(requestParams, async ({ propertyId, month, householdId }) => {
  const store = propertyStore(propertyId);
  const request = await store.mustGet<PaymentRequest>(
    billingKeys.paymentRequest(propertyId, month, householdId),
    'Payment request',
  );
  const property = await propertyOf(store, propertyId);
  const settings = await settingsOf(store, property);
  return {
    property: { name: property.name, address: property.address, hotline: property.hotline },
    letterhead: settings.letterhead,
    feeClause: settings.feeClause,
    lateFeeClause: settings.lateFee.enabled ? settings.lateFee.clause : null,
    request: {
      id: request.id,
      period: request.period,
      householdName: request.householdName,
      roomCode: request.roomCode,
      lines: request.lines.map(
        ({ id, kind, name, basisText, periodFrom, periodTo, amountCents, paidCents }) => ({
          id,
          kind,
          name,
          basisText,
          periodFrom,
          periodTo,
          amountCents,
          paidCents,
        }),
      ),
      totalCents: request.totalCents,
      creditAppliedCents: request.creditAppliedCents,
      paidCents: request.paidCents,
      balanceCents: request.balanceCents,
      state: request.state,
      dueDate: request.dueDate,
      issuedAt: request.issuedAt,
    },
    // A fresh link each print: each is valid for its own lifetime from the day it was printed.
    householdLink: householdLinkPath(householdLinkToken(request)),
  };
});
