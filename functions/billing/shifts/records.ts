/** A cashier's shift (收银交班) and its settlement, in fen. */
import type { PaymentChannel } from '../records.ts';

export type ShiftState = 'open' | 'closed' | 'settled';

export interface ChannelTotal {
  channel: PaymentChannel;
  count: number;
  cents: number;
}

export interface Shift {
  id: string;
  propertyId: string;
  cashierId: string;
  cashierName: string;
  openedAt: string;
  /** The property's next receipt number when the shift opened: its payments are from there on (absent on older shifts). */
  firstReceiptNumber?: number;
  openingNote: string | null;
  /** The open items the previous shift handed over (none for the first). */
  handedOver: { fromShiftId: string; fromCashierName: string; items: string[] } | null;
  state: ShiftState;
  closedAt: string | null;
  /** The shift's valid payments by channel, as at the close; voided or refunded ones are counted apart. */
  totals: ChannelTotal[];
  reversedCount: number;
  receiptNumbers: number[];
  expectedCashCents: number;
  countedCashCents: number | null;
  /** counted − expected: + over, − short. */
  varianceCents: number | null;
  cashierNote: string | null;
  /** Open items for the next shift (what is pending, promised, to follow up). */
  handover: string[];
  signedOffBy: string | null;
  signedOffByName: string | null;
  signedOffAt: string | null;
  signOffNote: string | null;
  version: number;
}
