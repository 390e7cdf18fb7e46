/** The payments and shift routes of the billing domain, as the desk, receipt, approval and shift pages call them. */
import type * as z from 'zod/mini';
import type { PaymentApproval, Reprint } from '../../../functions/billing/payments/records.ts';
import type {
  PaymentCreate,
  paymentRecord,
  receiptView,
  roomOpenRequests,
} from '../../../functions/billing/payments/schemas.ts';
import type { Shift } from '../../../functions/billing/shifts/records.ts';
import type { Page } from '../../../functions/contract.ts';
import { request } from '../api.ts';

export type RoomOpenRequests = z.output<typeof roomOpenRequests>;
export type DeskHousehold = RoomOpenRequests['units'][number]['households'][number];
export type DeskRequest = DeskHousehold['requests'][number];
export type Payment = z.output<typeof paymentRecord>;
export type ReceiptView = z.output<typeof receiptView>;

/** The channels in the order the desk offers them; a statement's channels need its reference. */
export { paymentChannels, referenceChannels } from '../../../functions/billing/records.ts';
export type { PaymentApproval, PaymentCreate, Shift };

/** A receipt number as printed and shown everywhere: eight digits, e.g. 00000012. */
export const receiptNumberText = (n: number) => String(n).padStart(8, '0');

/** A fresh key for one desk form: the same payment sent twice (double press, resend) is taken once. */
export const newRequestKey = () => crypto.randomUUID().replaceAll('-', '');

const base = (propertyId: string) => `/api/billing/properties/${propertyId}`;
const post = <T>(path: string, json: unknown) => request<T>(path, { method: 'POST', json });

export const paymentsApi = {
  room: (propertyId: string, room: string, signal?: AbortSignal) =>
    request<RoomOpenRequests>(`${base(propertyId)}/rooms/${encodeURIComponent(room)}/open-requests`, {
      signal,
    }),
  take: (propertyId: string, body: PaymentCreate) => post<Payment>(`${base(propertyId)}/payments`, body),
  receipts: (
    propertyId: string,
    filter: { cashierId?: string; day?: string },
    cursor: string | null,
    signal?: AbortSignal,
  ) => request<Page<Payment>>(`${base(propertyId)}/receipts`, { query: { ...filter, cursor }, signal }),
  receipt: (propertyId: string, n: string | number, signal?: AbortSignal) =>
    request<ReceiptView>(`${base(propertyId)}/receipts/${n}`, { signal }),
  reprint: (propertyId: string, n: number, reason: string) =>
    post<Reprint>(`${base(propertyId)}/receipts/${n}/reprints`, { reason }),
  askVoid: (propertyId: string, n: number, reason: string) =>
    post<PaymentApproval>(`${base(propertyId)}/receipts/${n}/void`, { reason }),
  askRefund: (propertyId: string, n: number, body: { reason: string; channel: Payment['channel'] }) =>
    post<PaymentApproval>(`${base(propertyId)}/receipts/${n}/refund`, body),
  askCreditRefund: (
    propertyId: string,
    householdId: string,
    body: { amountCents: number; channel: Payment['channel']; reason: string },
  ) => post<PaymentApproval>(`${base(propertyId)}/households/${householdId}/credit/refunds`, body),
  approvals: (propertyId: string, signal?: AbortSignal) =>
    request<{ items: PaymentApproval[] }>(`${base(propertyId)}/approvals`, { signal }),
  decide: (propertyId: string, approvalId: string, body: { approve: boolean; note: string }) =>
    post<PaymentApproval>(`${base(propertyId)}/approvals/${approvalId}/decision`, body),
  myShift: (propertyId: string, signal?: AbortSignal) =>
    request<{ shift: Shift | null }>(`${base(propertyId)}/my-shift`, { signal }),
  shifts: (propertyId: string, signal?: AbortSignal) =>
    request<{ items: Shift[] }>(`${base(propertyId)}/shifts`, { signal }),
  openShift: (propertyId: string, note: string) => post<Shift>(`${base(propertyId)}/shifts`, { note }),
  closeShift: (
    propertyId: string,
    shiftId: string,
    body: { countedCashCents: number; note: string; handover: string[] },
  ) => post<Shift>(`${base(propertyId)}/shifts/${shiftId}/close`, body),
  signOff: (propertyId: string, shiftId: string, note: string) =>
    post<Shift>(`${base(propertyId)}/shifts/${shiftId}/sign-off`, { note }),
};
