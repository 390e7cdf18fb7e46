/** Collection (上门收款): a task per unpaid request once its due day has ended, and the visits to it. */

export const visitOutcomes = ['paid', 'promised', 'refused', 'not_home'] as const;
export type VisitOutcome = (typeof visitOutcomes)[number];

/** A late fee's waiver: asked for by the collector (or finance), approved by another finance person. */
export interface LateFeeWaiver {
  reason: string;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  approvedBy?: string;
  approvedByName?: string;
  approvedAt?: string;
}

export interface CollectionTask {
  id: string;
  propertyId: string;
  period: string;
  householdId: string;
  householdName: string;
  unitId: string;
  buildingId: string;
  roomCode: string;
  requestId: string;
  dueDate: string;
  /** The balance when the task opened (the request's current balance is read with it). */
  openedBalanceCents: number;
  openedAt: string;
  state: 'open' | 'closed';
  closedAt?: string;
  visits: number;
  lastOutcome?: VisitOutcome;
  lastVisitAt?: string;
  /** The day the household promised to pay (outcome `promised`). */
  promisedDate?: string;
  /** When the collector plans to come back. */
  nextVisitDate?: string;
  lateFeeWaiver?: LateFeeWaiver;
  version: number;
}

export interface CollectionVisit {
  id: string;
  propertyId: string;
  householdId: string;
  period: string;
  at: string;
  collectorId: string;
  collectorName: string;
  outcome: VisitOutcome;
  promisedDate?: string;
  nextVisitDate?: string;
  note: string;
}
