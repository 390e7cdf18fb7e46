/** The delivery and collection routes of the billing domain, as the collection pages call them. */
import { ApiError, request } from '../api.ts';
import { saveBlob } from '../reports/api.ts';
import { idToken } from '../state.ts';

export type VisitOutcome = 'paid' | 'promised' | 'refused' | 'not_home';
export const visitOutcomes: VisitOutcome[] = ['paid', 'promised', 'refused', 'not_home'];

export interface CollectionTask {
  id: string;
  period: string;
  householdId: string;
  householdName: string;
  buildingId: string;
  roomCode: string;
  dueDate: string;
  openedBalanceCents: number;
  state: 'open' | 'closed';
  visits: number;
  lastOutcome?: VisitOutcome;
  lastVisitAt?: string;
  promisedDate?: string;
  nextVisitDate?: string;
  lateFeeWaiver?: { reason: string; requestedByName: string; approvedByName?: string; approvedAt?: string };
  version: number;
}
export interface WorklistEntry extends CollectionTask {
  balanceCents: number;
  buildingName: string;
  phone: string;
}

export interface HouseholdNotice {
  id: string;
  period: string;
  kind: 'request' | 'reminder' | 'collection';
  to: string;
  text: string;
  status: 'pending' | 'sent' | 'failed' | 'skipped';
  provider: string;
  createdAt: string;
  deliveredAt?: string;
  error?: string;
}

export interface Visit {
  id: string;
  period: string;
  at: string;
  collectorName: string;
  outcome: VisitOutcome;
  promisedDate?: string;
  nextVisitDate?: string;
  note: string;
}

export interface RequestLine {
  name: string;
  basisText: string;
  periodFrom: string;
  periodTo: string;
  amountCents: number;
  paidCents: number;
}
export interface RequestSummary {
  id?: string;
  period: string;
  roomCode: string;
  householdName: string;
  lines: RequestLine[];
  totalCents: number;
  creditAppliedCents: number;
  paidCents: number;
  balanceCents: number;
  state: 'issued' | 'partially_paid' | 'paid';
  dueDate: string;
  issuedAt: string;
}

export interface Letterhead {
  companyName: string;
  address: string;
  phone: string;
  bank: string;
  account: string;
}

export interface ArrearsFile {
  property: { name: string; address: string; hotline: string; timeZone: string };
  letterhead: Letterhead;
  household: { name: string; phone: string; roomCode: string };
  asOf: string;
  feeClause: string;
  lateFeeTerms: {
    enabled: boolean;
    clause: string;
    dailyRatePerTenThousand: number;
    graceDays: number;
    capPercent: number;
  };
  arrears: {
    request: RequestSummary & { id: string };
    task: CollectionTask | null;
    lateFee: { days: number; cents: number; capped: boolean; waived: boolean } | null;
  }[];
  totalOwedCents: number;
  notices: HouseholdNotice[];
  visits: Visit[];
}

export interface RequestPrintout {
  property: { name: string; address: string; hotline: string };
  letterhead: Letterhead;
  feeClause: string;
  lateFeeClause: string | null;
  request: RequestSummary & { id: string };
  householdLink: string;
}

export interface HouseholdView {
  property: { name: string; hotline: string; address: string };
  request: RequestSummary;
  linkExpiresAt: string;
}

const base = (propertyId: string) => `/api/billing/properties/${propertyId}`;
const task = (propertyId: string, month: string, householdId: string) =>
  `${base(propertyId)}/collection-tasks/${month}/${householdId}`;

export const collectionApi = {
  worklist: (
    propertyId: string,
    buildingId: string | undefined,
    cursor: string | null,
    signal?: AbortSignal,
  ) =>
    request<{ items: WorklistEntry[]; cursor: string | null }>(`${base(propertyId)}/collection-tasks`, {
      query: { limit: 50, ...(buildingId ? { buildingId } : {}), ...(cursor ? { cursor } : {}) },
      signal,
    }),
  task: (propertyId: string, month: string, householdId: string, signal?: AbortSignal) =>
    request<CollectionTask>(task(propertyId, month, householdId), { signal }),
  logVisit: (
    propertyId: string,
    month: string,
    householdId: string,
    body: {
      version: number;
      outcome: VisitOutcome;
      promisedDate?: string;
      nextVisitDate?: string;
      note: string;
    },
  ) => request<{ task: CollectionTask }>(`${task(propertyId, month, householdId)}/visits`, { json: body }),
  remind: (propertyId: string, month: string, householdId: string) =>
    request<HouseholdNotice>(`${task(propertyId, month, householdId)}/reminders`, { method: 'POST' }),
  arrearsFile: (propertyId: string, householdId: string, signal?: AbortSignal) =>
    request<ArrearsFile>(`${base(propertyId)}/households/${householdId}/arrears-file`, { signal }),
  printout: (propertyId: string, month: string, householdId: string, signal?: AbortSignal) =>
    request<RequestPrintout>(`${base(propertyId)}/payment-requests/${month}/${householdId}/printout`, {
      signal,
    }),
  /** No sign-in: the token in the link is the only credential. */
  householdView: (token: string, signal?: AbortSignal) =>
    request<HouseholdView>(`/api/billing/household-view/${encodeURIComponent(token)}`, { signal }),
};

export async function downloadArrearsFile(propertyId: string, householdId: string, name: string) {
  const response = await fetch(`${base(propertyId)}/households/${householdId}/arrears-file/xlsx`, {
    headers: { Authorization: `Bearer ${idToken.value ?? ''}` },
  });
  if (!response.ok) throw new ApiError(response.status, 'download_failed', response.statusText);
  saveBlob(await response.blob(), name);
}
