/**
 * The billing domain's records: what is stored, in integer fen (cents) throughout. Types only; the API
 * schemas that show them are in schemas.ts.
 */

/** The charge items the standards name (001 §7), and the property's own others. */
export const feeItems = [
  'management',
  'equipment',
  'parking',
  'water',
  'electricity',
  'service',
  'other',
] as const;
export type FeeItem = (typeof feeItems)[number];

/**
 * How a standard turns into an amount: per m² of the unit's area, per unit, a fixed amount, per unit of
 * a meter's consumption, or a share of a common meter (by area or per household).
 */
/** Per m² of the unit's gross (`area`) or inner (`inner_area`, 套内) area, per unit, fixed, per meter, or a share. */
export const feeBases = [
  'area',
  'inner_area',
  'unit',
  'fixed',
  'meter',
  'shared_by_area',
  'shared_by_household',
] as const;
export type FeeBasis = (typeof feeBases)[number];

/**
 * A rate stated exactly: `amount` in units of 1/10^`scale` fen. ¥2.35/m² is { amount: 235, scale: 0 };
 * ¥2.355/m² is { amount: 2355, scale: 1 }.
 */
export interface Rate {
  amount: number;
  scale: number;
}

/** One version of a fee standard, in force from `effectiveFrom` (a billing month) until the next one. */
export interface FeeStandardVersion {
  effectiveFrom: string;
  rate: Rate;
  basis: FeeBasis;
  /** Unit types it applies to (none: every type); `unitIds` narrows it to listed units. */
  unitTypes?: string[];
  unitIds?: string[];
  /** A vacant unit pays this share of the amount, in percent (100: as occupied, 0: exempt). */
  vacantPercent: number;
  /**
   * For `meter`: the meter of each unit it reads (`water`, `electricity`: the unit's meter
   * `<unitId>-<meter>`); for the shared bases: the common meter's id.
   */
  meter?: string;
  changedBy: string;
  changedAt: string;
  note?: string;
}

export interface FeeStandard {
  id: string;
  propertyId: string;
  item: FeeItem;
  /** As printed on the request, e.g. 物业管理费（住宅）. */
  name: string;
  /** Oldest first; the version of a period is the last one whose `effectiveFrom` ≤ the period. */
  versions: FeeStandardVersion[];
  active: boolean;
  version: number;
}

/**
 * A meter's reading of a billing month, with the consumption it makes against the reading before:
 * current − previous, across a meter replaced in the month (the old meter's final reading, the new
 * one's start) or a meter that rolled over past its largest value.
 */
export interface MeterReading {
  propertyId: string;
  meterId: string;
  period: string;
  reading: number;
  previousReading: number;
  replacement?: { finalReading: number; startReading: number };
  /** The largest value the meter shows (99999): a reading below the previous one rolled over. */
  rolloverAt?: number;
  consumption: number;
  /** How it was read, printed on the request: "1520 − 1488 = 32". */
  consumptionText: string;
  enteredBy: string;
  enteredAt: string;
}

export type RequestLineKind = 'fee' | 'service' | 'arrears' | 'late_fee' | 'adjustment';

/** One line of a payment request: what it is, how it was computed, and how much of it has been paid. */
export interface RequestLine {
  id: string;
  kind: RequestLineKind;
  item: FeeItem;
  name: string;
  /** The fee standard (and its version's effective month) the amount came from, for fee lines. */
  standardId?: string;
  effectiveFrom?: string;
  /** How it was computed, shown on the request: "89.50 m² × ¥2.35", "读数 1520 − 1488 = 32 度 × ¥0.61". */
  basisText: string;
  periodFrom: string;
  periodTo: string;
  amountCents: number;
  paidCents: number;
  /** For service lines: the ticket whose confirmed paid-service fee it bills. */
  ticketId?: string;
}

export type RequestState = 'issued' | 'partially_paid' | 'paid';

/** A household's payment request (付款请求书) of one billing period: put once, its lines never edited. */
export interface PaymentRequest {
  id: string;
  propertyId: string;
  period: string;
  householdId: string;
  householdName: string;
  unitId: string;
  buildingId: string;
  roomCode: string;
  lines: RequestLine[];
  /** Sum of the lines. */
  totalCents: number;
  /** Prepayment credit spent on it when it was issued. */
  creditAppliedCents: number;
  paidCents: number;
  /** totalCents − creditAppliedCents − paidCents: what is left to pay. */
  balanceCents: number;
  state: RequestState;
  issuedAt: string;
  /** Property-local day by the end of which it is due (the 20th by default). */
  dueDate: string;
  runId: string;
  version: number;
  /**
   * What the household still owed from earlier requests when this one was issued, shown on it; it stays
   * payable on those requests (never billed twice), so it is not part of `totalCents`.
   */
  priorArrears?: { cents: number; periods: string[] };
  /** When the delivery job sent (or tried) its notice; until then the request is on the notice-due list. */
  noticedAt?: string;
}

export const paymentChannels = ['cash', 'bank_transfer', 'wechat', 'alipay', 'card'] as const;
export type PaymentChannel = (typeof paymentChannels)[number];

/** Money entered from a statement carries its transaction reference; cash and card need none. */
export const referenceChannels: readonly PaymentChannel[] = ['bank_transfer', 'wechat', 'alipay'];

/** Where a payment's money went: a line of a request (principal before late fees, oldest first). */
export interface Allocation {
  period: string;
  lineId: string;
  cents: number;
}

/**
 * A billing month's figures of a property, ADDed in the transaction of each write that moves them, so
 * head office reads one item per property and month. Arrears = receivable − received − adjusted.
 */
export interface MonthFiguresDelta {
  receivableCents?: number;
  receivedCents?: number;
  adjustedCents?: number;
  /** Households billed in the month, and those whose request of the month is paid in full. */
  householdsBilled?: number;
  householdsPaid?: number;
}
