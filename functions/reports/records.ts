/** What a report stores: a snapshot of its period taken when it was produced. Types only. */
import type { ReportKind } from './kinds.ts';

export interface ReasonNote {
  reason: string;
  at: string;
  byName: string;
}

/** One repair on the day's (or week's) reconciliation. */
export interface RepairRow {
  ticketId: string;
  number?: string;
  roomCode?: string;
  place?: string;
  content: string;
  state: string;
  reportedAt: string;
  technicianName?: string;
  completedAt?: string;
  /** Not done: the latest reason given; absent = missing, to be entered before the report is confirmed. */
  reason?: ReasonNote;
}

export type ReplyStatus = 'met' | 'late' | 'overdue' | 'pending';

/** One complaint received on the report's day. */
export interface ComplaintRow {
  ticketId: string;
  number?: string;
  receivedAt: string;
  category?: string;
  complainantName?: string;
  roomCode?: string;
  content: string;
  severity: 'normal' | 'urgent';
  state: string;
  department?: string;
  responsibleName?: string;
  replyDueAt?: string;
  repliedAt?: string;
  reply: ReplyStatus;
}

export interface Confirmation {
  by: string;
  byName: string;
  at: string;
}

export interface RepairsContent {
  done: RepairRow[];
  notDone: RepairRow[];
}

export interface WeeklyContent extends RepairsContent {
  complaints: {
    received: number;
    repliedOnTime: number;
    repliedLate: number;
    overdue: number;
    pending: number;
  };
  inquiries: { received: number; answeredOnTime: number; answeredLate: number; open: number };
  followUps: { completed: number; followedUp: number; satisfied: number };
}

export interface Report {
  propertyId: string;
  kind: ReportKind;
  period: string;
  from: string;
  to: string;
  timeZone: string;
  readyFrom: string;
  dueAt: string;
  /** When it was produced (the job's instant). */
  readyAt: string;
  /** Staff told it is ready (the recipients' roles at that time). */
  recipients: { id: string; name: string }[];
  /** How many of its recipients opened it (each counted once). */
  recipientOpens: number;
  /** When the property manager was told nobody of its recipients had opened it. */
  missedNoticeAt?: string;
  deskConfirmation?: Confirmation;
  engineeringConfirmation?: Confirmation;
  complaints?: ComplaintRow[];
  repairs?: RepairsContent;
  weekly?: WeeklyContent;
  version: number;
}
