/**
 * Cashier shift settlement (收银交班): a cashier opens a shift, takes payments, and closes it with the
 * cash counted; the totals by channel come from the cashier's own payments in the shift: the receipts
 * from the number that was next when the shift opened, read consistently from the table (an index would
 * miss a payment taken a moment before the close). The cashier signs the count at the close; a
 * finance lead (payment.approve, not the cashier) signs off the variance. The open items written at the
 * close are handed to the next shift opened at the property (000: both sides of a hand-over sign).
 */
import * as z from 'zod/mini';
import { useActor } from '../../shared/actor.ts';
import { AppError, conflict, notFound } from '../../shared/errors.ts';
import { fn } from '../../shared/fn.ts';
import { newId } from '../../shared/ids.ts';
import { type Item, propertyStore, type Store } from '../../shared/store.ts';
import { billingKeys, billingSkPrefix, keys } from '../../shared/table.ts';
import { id } from '../../tickets/schemas.ts';
import type { Payment } from '../payments/records.ts';
import { lastReceiptNumber } from '../payments/take.ts';
import { queryAll } from '../query-all.ts';
import { type PaymentChannel, paymentChannels } from '../records.ts';
import type { ChannelTotal, Shift } from './records.ts';

const shiftItem = (s: Shift): Item => ({
  ...billingKeys.cashierShift(s.propertyId, s.id),
  recordType: 'cashierShift',
  ...s,
});

const text = (max: number) => z.string().check(z.trim(), z.maxLength(max));
export const shiftParams = z.object({ propertyId: id, shiftId: id });
export const openShiftBody = z.strictObject({ note: z._default(text(200), '') });
export const closeShiftBody = z.strictObject({
  countedCashCents: z.int().check(z.gte(0), z.lte(1_000_000_000)),
  note: z._default(text(500), ''),
  handover: z._default(z.array(text(200).check(z.minLength(1))).check(z.maxLength(20)), []),
});
export const signOffBody = z.strictObject({ note: z._default(text(500), '') });

async function shiftOf(store: Store, propertyId: string, shiftId: string) {
  const shift = await store.get<Shift>(billingKeys.cashierShift(propertyId, shiftId), { consistent: true });
  if (!shift) throw notFound('Shift');
  return shift;
}

/** The newest shifts of the property, newest first (shift ids are time-ordered). */
async function recentShifts(store: Store, propertyId: string, limit: number) {
  const page = await store.query<Shift>({
    partition: keys.property(propertyId).pk,
    beginsWith: billingSkPrefix.shifts,
    newestFirst: true,
    limit,
  });
  return page.items;
}

/**
 * The cashier's payments of the shift up to `to`: the property's receipts from the shift's first
 * number on (gapless and in the order taken), read consistently, those the cashier took in the shift.
 */
async function paymentsOfShift(store: Store, shift: Shift, to: string) {
  const receipts = await queryAll<Payment>(store, {
    partition: keys.property(shift.propertyId).pk,
    between: [
      billingKeys.payment(shift.propertyId, shift.firstReceiptNumber ?? 1).sk,
      `${billingSkPrefix.payments}~`,
    ],
    consistent: true,
    limit: 200,
  });
  return receipts.filter(
    (p) => p.takenBy === shift.cashierId && p.takenAt >= shift.openedAt && p.takenAt <= to,
  );
}

function totalsOf(payments: Payment[]) {
  const valid = payments.filter((p) => p.state === 'valid');
  const totals: ChannelTotal[] = paymentChannels.map((channel: PaymentChannel) => {
    const mine = valid.filter((p) => p.channel === channel);
    return { channel, count: mine.length, cents: mine.reduce((sum, p) => sum + p.amountCents, 0) };
  });
  return {
    totals,
    reversedCount: payments.length - valid.length,
    receiptNumbers: payments.map((p) => p.receiptNumber).sort((a, b) => a - b),
    expectedCashCents: totals.find((t) => t.channel === 'cash')!.cents,
  };
}

export const openShift = fn(
  z.object({ propertyId: id, body: openShiftBody }),
  async ({ propertyId, body }): Promise<Shift> => {
    const store = propertyStore(propertyId);
    await store.mustGet(keys.property(propertyId), 'Property');
    const actor = useActor();
    const [recent, last] = await Promise.all([
      recentShifts(store, propertyId, 20),
      lastReceiptNumber(store, propertyId),
    ]);
    const previous = recent.find((s) => s.state !== 'open');
    const shift: Shift = {
      id: newId(),
      propertyId,
      cashierId: actor.staffId,
      cashierName: actor.name,
      openedAt: new Date().toISOString(),
      firstReceiptNumber: last + 1,
      openingNote: body.note || null,
      handedOver: previous
        ? { fromShiftId: previous.id, fromCashierName: previous.cashierName, items: previous.handover }
        : null,
      state: 'open',
      closedAt: null,
      totals: [],
      reversedCount: 0,
      receiptNumbers: [],
      expectedCashCents: 0,
      countedCashCents: null,
      varianceCents: null,
      cashierNote: null,
      handover: [],
      signedOffBy: null,
      signedOffByName: null,
      signedOffAt: null,
      signOffNote: null,
      version: 1,
    };
    await store.apply(
      [
        { put: shiftItem(shift), condition: 'attribute_not_exists(#pk)' },
        {
          put: {
            ...billingKeys.openShift(propertyId, actor.staffId),
            recordType: 'openShift',
            shiftId: shift.id,
          },
          condition: 'attribute_not_exists(#pk)',
          onFail: conflict('shift_open', 'You already have an open shift: close it first'),
        },
      ],
      {
        action: 'shift.open',
        entity: 'cashierShift',
        entityId: shift.id,
        after: { openedAt: shift.openedAt },
      },
    );
    return shift;
  },
);

/** A shift as it stands: an open one with its totals so far. */
export const readShift = fn(shiftParams, async ({ propertyId, shiftId }): Promise<Shift> => {
  const store = propertyStore(propertyId);
  const shift = await shiftOf(store, propertyId, shiftId);
  if (shift.state !== 'open') return shift;
  return { ...shift, ...totalsOf(await paymentsOfShift(store, shift, new Date().toISOString())) };
});

export const listShifts = fn(z.object({ propertyId: id }), async ({ propertyId }) => {
  const store = propertyStore(propertyId);
  await store.mustGet(keys.property(propertyId), 'Property');
  return { items: await recentShifts(store, propertyId, 50) };
});

/** The caller's own open shift, if any. */
export const myOpenShift = fn(z.object({ propertyId: id }), async ({ propertyId }) => {
  const store = propertyStore(propertyId);
  await store.mustGet(keys.property(propertyId), 'Property');
  const open = await store.get<{ shiftId: string }>(billingKeys.openShift(propertyId, useActor().staffId), {
    consistent: true,
  });
  return { shift: open ? await readShift({ propertyId, shiftId: open.shiftId }) : null };
});

export const closeShift = fn(
  z.object({ ...shiftParams.shape, body: closeShiftBody }),
  async ({ propertyId, shiftId, body }): Promise<Shift> => {
    const store = propertyStore(propertyId);
    const shift = await shiftOf(store, propertyId, shiftId);
    const actor = useActor();
    if (shift.cashierId !== actor.staffId)
      throw new AppError(403, 'not_your_shift', 'Only the cashier of the shift closes it');
    if (shift.state !== 'open') throw conflict('shift_closed', 'The shift is already closed');
    const closedAt = new Date().toISOString();
    const counted = totalsOf(await paymentsOfShift(store, shift, closedAt));
    const closed: Shift = {
      ...shift,
      ...counted,
      state: 'closed',
      closedAt,
      countedCashCents: body.countedCashCents,
      varianceCents: body.countedCashCents - counted.expectedCashCents,
      cashierNote: body.note || null,
      handover: body.handover,
      version: shift.version + 1,
    };
    await store.apply(
      [
        {
          put: shiftItem(closed),
          condition: '#version = :v',
          values: { ':v': shift.version },
          onFail: conflict('stale_version', 'The shift changed meanwhile'),
        },
        { delete: billingKeys.openShift(propertyId, actor.staffId) },
      ],
      {
        action: 'shift.close',
        entity: 'cashierShift',
        entityId: shift.id,
        after: {
          totals: closed.totals,
          expectedCashCents: closed.expectedCashCents,
          countedCashCents: closed.countedCashCents,
          varianceCents: closed.varianceCents,
          handover: closed.handover,
        },
      },
    );
    return closed;
  },
);

export const signOffShift = fn(
  z.object({ ...shiftParams.shape, body: signOffBody }),
  async ({ propertyId, shiftId, body }): Promise<Shift> => {
    const store = propertyStore(propertyId);
    const shift = await shiftOf(store, propertyId, shiftId);
    const actor = useActor();
    if (shift.cashierId === actor.staffId)
      throw new AppError(
        403,
        'second_person_required',
        'A finance lead other than the cashier signs off the shift',
      );
    if (shift.state !== 'closed')
      throw conflict(
        shift.state === 'open' ? 'shift_open' : 'already_settled',
        `The shift is ${shift.state}`,
      );
    const settled: Shift = {
      ...shift,
      state: 'settled',
      signedOffBy: actor.staffId,
      signedOffByName: actor.name,
      signedOffAt: new Date().toISOString(),
      signOffNote: body.note || null,
      version: shift.version + 1,
    };
    await store.apply(
      [
        {
          put: shiftItem(settled),
          condition: '#version = :v',
          values: { ':v': shift.version },
          onFail: conflict('stale_version', 'The shift changed meanwhile'),
        },
      ],
      {
        action: 'shift.signOff',
        entity: 'cashierShift',
        entityId: shift.id,
        after: { varianceCents: shift.varianceCents, note: body.note },
      },
    );
    return settled;
  },
);
