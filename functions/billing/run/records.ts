/** The bill run of a property and period (BILLRUN#<yyyy-mm>): its idempotency root and its progress. */
export interface BillRun {
  id: string;
  propertyId: string;
  period: string;
  state: 'running' | 'finished';
  /** Households to bill (one payer per unit) and those done so far, billed or with nothing to bill. */
  total: number;
  done: number;
  /** Requests put, and their sums. */
  issued: number;
  billedCents: number;
  creditCents: number;
  /** The last household done, in the run's order (household id): where the next batch starts. */
  cursor: string;
  /** What could not be billed, in words (the first 50). */
  problems: string[];
  startedAt: string;
  startedBy: string;
  updatedAt: string;
  finishedAt?: string;
}

/** What a dry run shows before anything is written. */
export interface BillRunTotals {
  period: string;
  households: number;
  requests: number;
  totalCents: number;
  creditCents: number;
  priorArrearsCents: number;
  byItem: { item: string; name: string; cents: number; lines: number }[];
  problems: string[];
}
