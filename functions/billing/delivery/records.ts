/** What delivery keeps: each message sent to a household about a request, as proof of delivery. */

/** The request's notice (with the issue), the reminder before the due date, a collector's reminder. */
export const noticeKinds = ['request', 'reminder', 'collection'] as const;
export type NoticeKind = (typeof noticeKinds)[number];

export type NoticeStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/** One message to a household, put before it is sent and completed with how the sending went. */
export interface HouseholdNotice {
  id: string;
  propertyId: string;
  householdId: string;
  period: string;
  requestId: string;
  kind: NoticeKind;
  channel: 'sms';
  /** The channel's adapter: `outbox` locally, `sns` in AWS. */
  provider: string;
  /** The number it went to, masked as everywhere it is listed. */
  to: string;
  /** The exact text sent (the household view's link follows it). */
  text: string;
  status: NoticeStatus;
  error?: string;
  /** Who sent it: `system` for the jobs, the collector for a reminder from the worklist. */
  sentBy: string;
  createdAt: string;
  /** When the channel accepted (or refused) it. */
  deliveredAt?: string;
}
