/** The payments part's records (payments with their receipts, credit, approvals, reprints), in fen. */
import type { Allocation, PaymentChannel } from '../records.ts';

/** Where a payment's money went, with what the receipt prints for it. */
export interface PaymentAllocation extends Allocation {
  requestId: string;
  /** The line's name as the request printed it, e.g. 物业管理费. */
  name: string;
  lateFee: boolean;
}

/** `valid` until a second finance person approves its void or its refund; the number stays either way. */
export type PaymentState = 'valid' | 'voided' | 'refunded';

/** A payment and its receipt (收据): keyed by the receipt number the payment's own transaction took. */
export interface Payment {
  id: string;
  propertyId: string;
  receiptNumber: number;
  householdId: string;
  householdName: string;
  unitId: string;
  buildingId: string;
  roomCode: string;
  amountCents: number;
  channel: PaymentChannel;
  /** The bank, WeChat Pay or Alipay statement's transaction reference (流水号), when there is one. */
  reference: string | null;
  /** Who paid, when not the household's named person (e.g. a tenant paying for the owner). */
  payer: string | null;
  note: string | null;
  allocations: PaymentAllocation[];
  /** What was left after the requests: kept as the household's prepayment credit. */
  creditCents: number;
  takenAt: string;
  takenBy: string;
  takenByName: string;
  state: PaymentState;
  /** The void or refund waiting for approval, while one is. */
  pendingApprovalId: string | null;
  /** Every void or refund asked for it, oldest first. */
  approvalIds: string[];
  /** Set once a void or refund was approved. */
  reversal: Reversal | null;
  reprints: number;
  version: number;
}

export interface Reversal {
  kind: 'void' | 'refund';
  reason: string;
  requestedBy: string;
  requestedByName: string;
  approvedBy: string;
  approvedByName: string;
  at: string;
  /** For a refund: how the money went back. */
  channel: PaymentChannel | null;
}

/** A household's prepayment credit: ADDed by overpayments, taken back by voids and refunds. */
export interface Credit {
  propertyId: string;
  householdId: string;
  balanceCents: number;
}

/** Kept from an overpayment, taken back by a void or refund, or spent by the bill run on a request. */
export type CreditEntryKind = 'overpayment' | 'void' | 'refund' | 'spent';

/** One movement of a household's credit: its history. */
export interface CreditEntry {
  id: string;
  householdId: string;
  at: string;
  kind: CreditEntryKind;
  /** + into the credit, − out of it. */
  cents: number;
  receiptNumber: number | null;
  /** For credit spent: the period of the payment request it paid. */
  period?: string;
  by: string;
  byName: string;
}

export type ApprovalKind = 'void' | 'refund_payment' | 'refund_credit';
export type ApprovalState = 'pending' | 'approved' | 'rejected';

/** A void or refund: asked by one person, decided by a second finance person (payment.approve). */
export interface PaymentApproval {
  id: string;
  propertyId: string;
  kind: ApprovalKind;
  receiptNumber: number | null;
  householdId: string;
  householdName: string;
  roomCode: string;
  amountCents: number;
  /** For a refund: how the money goes back. */
  channel: PaymentChannel | null;
  reason: string;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  state: ApprovalState;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  version: number;
}

/** One entry of a receipt's reprint register (补打登记). */
export interface Reprint {
  id: string;
  receiptNumber: number;
  at: string;
  by: string;
  byName: string;
  reason: string;
}
