/**
 * The API as a client sees it, in one place: the types of what each route answers, inferred from the
 * zod schemas that generate the OpenAPI document, and the enumerations behind them. Types only, plus
 * zod-free value lists: the dashboard imports from here without bundling zod.
 */
import type * as z from 'zod/mini';
import type { importReport } from './directory/import/routes.ts';
import type { Property, Staff, Unit } from './directory/records.ts';
import type { auditRecord, meRecord, overviewRecord } from './directory/schemas.ts';
import type { inboxRecord, markedRead, readNotification } from './notifications/schemas.ts';
import type { HolidayCalendarView } from './sla/holiday-years.ts';
import type { photoView, uploadResponse } from './tickets/attachments/schemas.ts';
import type { infoEntryRecord } from './tickets/info-file.ts';
import type { ledgerReviewStatus } from './tickets/ledger-review.ts';
import type { ComplaintTicket, InquiryTicket, RepairTicket } from './tickets/machines/index.ts';
import type { TicketBase } from './tickets/machines/machine.ts';
import type {
  actedTicket,
  companyFiguresRecord,
  contactRecord,
  kindsRecord,
  kindView,
  propertyFiguresRecord,
  recordedContact,
  ticketDetail,
  ticketEventRecord,
  ticketRecord,
} from './tickets/schemas.ts';
import type { SlaSettingsView } from './tickets/sla-settings.ts';

export {
  departments,
  householdKinds,
  householdStatuses,
  occupancies,
  staffLanguages,
  unitTypes,
} from './directory/enums.ts';
export { maxImportBytes } from './directory/import/limits.ts';
export type {
  Building,
  Household,
  Membership,
  Property,
  PropertyStats,
  Staff,
  Unit,
} from './directory/records.ts';
export { channelNames, deliveryStatuses, notificationKinds } from './notifications/enums.ts';
export type { Notification, OutboxEntry } from './notifications/records.ts';
export type { Page } from './shared/openapi.ts';
export type { Permission } from './shared/permissions.ts';
export { type Role, roles } from './shared/roles.ts';
export { escalationRoles } from './sla/enums.ts';
export {
  complaintCategories,
  contactCategories,
  contactChannels,
  infoCategories,
  ticketKindNames,
} from './tickets/enums.ts';

export type Me = z.infer<typeof meRecord>;
export type Overview = z.infer<typeof overviewRecord>;
export type AuditEntry = z.infer<typeof auditRecord>;
export type ImportReport = z.infer<typeof importReport>;
export type Inbox = z.infer<typeof inboxRecord>;
export type ReadNotification = z.infer<typeof readNotification>;
export type MarkedRead = z.infer<typeof markedRead>;
export type ServicePeriod = Property['serviceHours'][number];
export type UnitType = Unit['type'];
export type Department = Staff['department'];

/**
 * What /config.json says: written by the CDK deployment next to the dashboard's assets, served by the
 * local host; the dashboard reads it at start (it is not an API route).
 */
export type AppConfig =
  | { auth: { mode: 'local' }; stage?: string }
  | { auth: { mode: 'cognito'; domain: string; clientId: string; region: string }; stage?: string };

export type Photo = z.infer<typeof photoView>;
export type PropertyFigures = z.infer<typeof propertyFiguresRecord>;
export type CompanyFigures = z.infer<typeof companyFiguresRecord>;
export type LedgerReviewStatus = z.infer<typeof ledgerReviewStatus>;
export type InfoEntry = z.infer<typeof infoEntryRecord>;
export type { HolidayCalendarView, SlaSettingsView };
export type PhotoUpload = z.infer<typeof uploadResponse>;
export type Contact = z.infer<typeof contactRecord>;
export type TicketKind = Ticket['kind'];
export type KindView = z.infer<typeof kindView>;
export type Kinds = z.infer<typeof kindsRecord>;
export type TicketEvent = z.infer<typeof ticketEventRecord>;

/**
 * A ticket as the document describes it (one schema per kind, on `kind`), with every kind's own fields
 * readable without narrowing: the dashboard's lists and detail show whichever the ticket has.
 */
type MachineFields<T> = Partial<Omit<T, keyof TicketBase | 'severity' | 'unitId'>>;
export type Ticket = z.infer<typeof ticketRecord> &
  MachineFields<RepairTicket> &
  MachineFields<ComplaintTicket> &
  MachineFields<InquiryTicket>;
export type TicketDetail = Omit<z.infer<typeof ticketDetail>, 'ticket'> & { ticket: Ticket };
export type ActedTicket = Omit<z.infer<typeof actedTicket>, 'ticket'> & { ticket: Ticket };
export type RecordedContact = Omit<z.infer<typeof recordedContact>, 'ticket'> & { ticket: Ticket | null };

/** The standard reports (functions/reports): a report's page, its list and head office's overview. */
export { type ReportKind, reportKindNames } from './reports/enums.ts';
export type { ReportSettings } from './reports/kinds.ts';
export type {
  ComplaintRow,
  RepairRow,
  RepairsContent,
  ReplyStatus,
  WeeklyContent,
} from './reports/records.ts';
export type ReportSummary = z.infer<typeof import('./reports/schemas.ts').reportSummary>;
export type ReportList = z.infer<typeof import('./reports/schemas.ts').reportList>;
export type ReportOverview = z.infer<typeof import('./reports/schemas.ts').reportOverview>;
export type LoadedReport = Awaited<ReturnType<typeof import('./reports/service.ts').getReport>>;
