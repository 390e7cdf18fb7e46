/** The payments part's bodies and answers (zod/mini), named for the OpenAPI document. */
import * as z from 'zod/mini';
import { exampleIds } from '../../directory/schemas.ts';
import { notFound } from '../../shared/errors.ts';
import { components } from '../../shared/openapi.ts';
import { id } from '../../tickets/schemas.ts';
import { month } from '../close/months.ts';
import { paymentChannels } from '../records.ts';

/** ¥10,000,000: beyond any one payment at a property's desk. */
const maxCents = 1_000_000_000;
const cents = z.int().check(z.gte(1), z.lte(maxCents));
const text = (max: number) => z.string().check(z.trim(), z.maxLength(max));
const reason = z.string().check(z.trim(), z.minLength(2), z.maxLength(500));
const channel = z.enum(paymentChannels);

export const paymentCreate = z
  .strictObject({
    householdId: id,
    amountCents: cents,
    channel,
    reference: z.optional(text(64)),
    payer: z.optional(text(50)),
    note: z.optional(text(200)),
    /** The months to pay (default: every open request of the household, oldest first). */
    periods: z.optional(z.array(month).check(z.minLength(1), z.maxLength(36))),
    /** The desk form's own key: the same payment sent twice (a double press) is taken once. */
    requestKey: z.optional(z.string().check(z.regex(/^[0-9A-Za-z_-]{8,64}$/, 'Use 8–64 letters or digits'))),
  })
  .register(components, {
    id: 'PaymentCreate',
    example: {
      householdId: exampleIds.household,
      amountCents: 50_000,
      channel: 'wechat',
      reference: '4200001234202611150012345678',
    },
  });
export type PaymentCreate = z.output<typeof paymentCreate>;

/** A receipt number in a path: any well-formed token; one that is not a number is a 404, like an unknown id. */
export const receiptParams = z.object({
  propertyId: id,
  receiptNumber: z.string().check(z.regex(/^[0-9A-Za-z]{1,20}$/, 'A receipt number')),
});

export function realReceiptNumber(value: string): number {
  if (!/^\d{1,8}$/.test(value) || Number(value) < 1) throw notFound(`Receipt ${value}`);
  return Number(value);
}

export const approvalParams = z.object({ propertyId: id, approvalId: id });

export const reasonBody = z
  .strictObject({ reason })
  .register(components, { id: 'ReceiptReason', example: { reason: '收款金额录入错误，应为 ¥300.00' } });

export const refundPaymentBody = z.strictObject({ reason, channel }).register(components, {
  id: 'PaymentRefundCreate',
  example: { reason: '业主重复缴费，原路退回', channel: 'wechat' },
});

export const creditRefundBody = z.strictObject({ amountCents: cents, channel, reason }).register(components, {
  id: 'CreditRefundCreate',
  example: { amountCents: 1000, channel: 'cash', reason: '业主搬离，预存款退还' },
});

export const decisionBody = z
  .strictObject({ approve: z.boolean(), note: z._default(text(500), '') })
  .register(components, { id: 'ApprovalDecision', example: { approve: true, note: '已核对' } });

export const receiptQuery = z.strictObject({
  householdId: z.optional(id),
  /** One cashier's receipts, newest first; with `day`, those taken on that day of the property's clock. */
  cashierId: z.optional(id),
  day: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD'))),
  cursor: z.optional(z.string().check(z.maxLength(2048))),
});

const allocationRecord = z.object({
  period: z.string(),
  lineId: z.string(),
  requestId: z.string(),
  name: z.string(),
  lateFee: z.boolean(),
  cents: z.int(),
});

export const paymentRecord = z
  .object({
    id: z.string(),
    propertyId: z.string(),
    receiptNumber: z.int(),
    householdId: z.string(),
    householdName: z.string(),
    unitId: z.string(),
    buildingId: z.string(),
    roomCode: z.string(),
    amountCents: z.int(),
    channel,
    reference: z.nullable(z.string()),
    payer: z.nullable(z.string()),
    note: z.nullable(z.string()),
    allocations: z.array(allocationRecord),
    creditCents: z.int(),
    takenAt: z.string(),
    takenBy: z.string(),
    takenByName: z.string(),
    state: z.enum(['valid', 'voided', 'refunded']),
    pendingApprovalId: z.nullable(z.string()),
    approvalIds: z.array(z.string()),
    reversal: z.nullable(
      z.object({
        kind: z.enum(['void', 'refund']),
        reason: z.string(),
        requestedBy: z.string(),
        requestedByName: z.string(),
        approvedBy: z.string(),
        approvedByName: z.string(),
        at: z.string(),
        channel: z.nullable(channel),
      }),
    ),
    reprints: z.int(),
    version: z.int(),
  })
  .register(components, { id: 'Payment' });

export const reprintRecord = z
  .object({
    id: z.string(),
    receiptNumber: z.int(),
    at: z.string(),
    by: z.string(),
    byName: z.string(),
    reason: z.string(),
  })
  .register(components, { id: 'ReceiptReprint' });

export const approvalRecord = z
  .object({
    id: z.string(),
    propertyId: z.string(),
    kind: z.enum(['void', 'refund_payment', 'refund_credit']),
    receiptNumber: z.nullable(z.int()),
    householdId: z.string(),
    householdName: z.string(),
    roomCode: z.string(),
    amountCents: z.int(),
    channel: z.nullable(channel),
    reason: z.string(),
    requestedBy: z.string(),
    requestedByName: z.string(),
    requestedAt: z.string(),
    state: z.enum(['pending', 'approved', 'rejected']),
    decidedBy: z.nullable(z.string()),
    decidedByName: z.nullable(z.string()),
    decidedAt: z.nullable(z.string()),
    decisionNote: z.nullable(z.string()),
    version: z.int(),
  })
  .register(components, { id: 'PaymentApproval' });

export const receiptView = z
  .object({
    receipt: paymentRecord,
    /** The letterhead the receipt prints. */
    property: z.object({ name: z.string(), address: z.string(), hotline: z.string() }),
    reprints: z.array(reprintRecord),
    approvals: z.array(approvalRecord),
  })
  .register(components, { id: 'ReceiptView' });

const requestLineRecord = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  basisText: z.string(),
  amountCents: z.int(),
  paidCents: z.int(),
});

export const deskRequestRecord = z.object({
  id: z.string(),
  period: z.string(),
  dueDate: z.string(),
  totalCents: z.int(),
  creditAppliedCents: z.int(),
  paidCents: z.int(),
  balanceCents: z.int(),
  state: z.string(),
  /** Its month is closed: the desk takes the payment against an open month's request instead. */
  monthClosed: z.boolean(),
  lines: z.array(requestLineRecord),
});

export const roomOpenRequests = z
  .object({
    roomCode: z.string(),
    units: z.array(
      z.object({
        unitId: z.string(),
        roomCode: z.string(),
        households: z.array(
          z.object({
            householdId: z.string(),
            name: z.string(),
            kind: z.string(),
            creditCents: z.int(),
            openCents: z.int(),
            requests: z.array(deskRequestRecord),
          }),
        ),
      }),
    ),
  })
  .register(components, { id: 'RoomOpenRequests' });

export const creditEntryRecord = z.object({
  id: z.string(),
  householdId: z.string(),
  at: z.string(),
  kind: z.enum(['overpayment', 'void', 'refund', 'spent']),
  cents: z.int(),
  receiptNumber: z.nullable(z.int()),
  period: z.optional(z.string()),
  by: z.string(),
  byName: z.string(),
});

export const creditView = z
  .object({ householdId: z.string(), balanceCents: z.int(), history: z.array(creditEntryRecord) })
  .register(components, { id: 'HouseholdCredit' });
