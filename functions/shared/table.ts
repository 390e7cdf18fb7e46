/**
 * The single table, declared once. The CDK data stack and the local host both build the table from
 * this declaration, and every key the code writes is made by the key builders below.
 */
import { naturalKey } from './natural-sort.ts';

export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  indexes: {
    /** Exact and prefix look-ups by an alternate key: a unit by room code, a staff member by login, a household by phone. */
    lookup: { partitionKey: 'lookupPk', sortKey: 'lookupSk' },
    /** Children listed in a second order: units of a building by floor, households of a unit, memberships of a staff member, all properties. */
    listing: { partitionKey: 'listingPk', sortKey: 'listingSk' },
    /** Sparse: only items with pending work (SLA deadlines, reminders, overdue bills) carry these attributes. */
    due: { partitionKey: 'duePk', sortKey: 'dueSk' },
    /** Sparse: open tickets of a property by their earliest running SLA due time (the "due soonest" list). */
    queue: { partitionKey: 'queuePk', sortKey: 'queueSk' },
  },
} as const;

export type IndexName = keyof typeof tableDefinition.indexes;
export const indexNames = Object.keys(tableDefinition.indexes) as IndexName[];

export function tableName(): string {
  return process.env.TABLE_NAME ?? 'propdesk';
}

/** Key of every item of one property: its partition key and every GSI partition key of it start with this. */
export const propertyPrefix = (propertyId: string) => `P#${propertyId}`;

/**
 * A staff member's inbox: the partition of their unread counter and the `listing` partition of their
 * notifications across properties. The one partition outside `P#<pid>` a property-scoped write may touch
 * (Store.checkOwnership names it): notifying someone writes to their inbox from the property it is about.
 */
export const inboxPk = (staffId: string) => `STAFF#${staffId}#INBOX`;
export const isInboxPk = (pk: string) => /^STAFF#[0-9a-z]{4,40}#INBOX$/.test(pk);

export const keys = {
  property: (propertyId: string) => ({ pk: propertyPrefix(propertyId), sk: 'PROPERTY' }),
  propertyStats: (propertyId: string) => ({ pk: propertyPrefix(propertyId), sk: 'STATS' }),
  building: (propertyId: string, buildingId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `BUILDING#${buildingId}`,
  }),
  unit: (propertyId: string, unitId: string) => ({ pk: propertyPrefix(propertyId), sk: `UNIT#${unitId}` }),
  household: (propertyId: string, householdId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `HOUSEHOLD#${householdId}`,
  }),
  membership: (propertyId: string, staffId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `MEMBER#${staffId}`,
  }),
  staff: (staffId: string) => ({ pk: `STAFF#${staffId}`, sk: 'STAFF' }),
  /** A head-office staff member, listed like a property's members: head office is notified as a body. */
  headOfficeMember: (staffId: string) => ({ pk: 'HEADOFFICE', sk: `MEMBER#${staffId}` }),
  /** Unique-value guards: an item whose only job is to make a value unique inside a transaction. */
  propertyUnique: (propertyId: string, kind: string, value: string) => ({
    pk: `${propertyPrefix(propertyId)}#UNIQUE`,
    sk: `${kind}#${value}`,
  }),
  /** Company-wide unique values (property codes, logins). */
  unique: (scope: string, value: string) => ({ pk: `UNIQUE#${scope}`, sk: value }),
  audit: (scopePk: string, at: string, id: string) => ({ pk: scopePk, sk: `AUDIT#${at}#${id}` }),
  notification: (propertyId: string, notificationId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `NOTIFICATION#${notificationId}`,
  }),
  /** One outbound message (e-mail or SMS) of a notification, as the outbox page lists it. */
  outbox: (propertyId: string, notificationId: string, channel: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `OUTBOX#${notificationId}#${channel}`,
  }),
  inboxCounter: (staffId: string) => ({ pk: inboxPk(staffId), sk: 'UNREAD' }),
  /** The one-import-at-a-time lock of a property, with the running import's heartbeat. */
  importLock: (propertyId: string) => ({ pk: propertyPrefix(propertyId), sk: 'IMPORT_LOCK' }),
  /** One import of a spreadsheet and how it ended; ids are time-ordered, so the newest sorts last. */
  importRun: (propertyId: string, importId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `IMPORT#${importId}`,
  }),
  /** The undo of one committed transaction of an import, written in that transaction (the crash journal). */
  importUndo: (propertyId: string, importId: string, transaction: number) => ({
    pk: propertyPrefix(propertyId),
    sk: `IMPORTUNDO#${importId}#${String(transaction).padStart(4, '0')}`,
  }),
} as const;

/** Partition of company-level audit entries (staff and other records that belong to no one property). */
export const companyPk = 'COMPANY';

/** The company's holiday calendar: one item per year head office entered, one per year alerted. */
export const holidayCalendarPk = 'HOLIDAYS';
export const holidayKeys = {
  year: (year: number) => ({ pk: holidayCalendarPk, sk: `YEAR#${year}` }),
  alert: (year: number) => ({ pk: holidayCalendarPk, sk: `ALERT#${year}` }),
} as const;

export const skPrefix = {
  building: 'BUILDING#',
  unit: 'UNIT#',
  household: 'HOUSEHOLD#',
  membership: 'MEMBER#',
  audit: 'AUDIT#',
  notification: 'NOTIFICATION#',
  outbox: 'OUTBOX#',
  importRun: 'IMPORT#',
  importUndo: (importId: string) => `IMPORTUNDO#${importId}#`,
} as const;

/** GSI key values, named after the access pattern they serve. */
export const indexKeys = {
  allProperties: (code: string) => ({ listingPk: 'PROPERTIES', listingSk: code }),
  unitByRoom: (propertyId: string, roomCode: string) => ({
    lookupPk: `${propertyPrefix(propertyId)}#ROOM`,
    lookupSk: roomCode,
  }),
  unitsOfBuilding: (propertyId: string, buildingId: string, floor: number, room: string) => ({
    listingPk: `${propertyPrefix(propertyId)}#BUILDING#${buildingId}`,
    // Offset keeps basements (negative floors) sorting below ground floors in string order; the room's
    // digits are padded so that 201 sorts before 1502 (natural order, ./natural-sort.ts).
    listingSk: `${String(floor + 100).padStart(3, '0')}#${naturalKey(room)}`,
  }),
  householdsOfUnit: (propertyId: string, unitId: string, householdId: string) => ({
    listingPk: `${propertyPrefix(propertyId)}#UNIT#${unitId}`,
    listingSk: householdId,
  }),
  householdByPhone: (propertyId: string, phone: string, householdId: string) => ({
    lookupPk: `${propertyPrefix(propertyId)}#PHONE`,
    lookupSk: `${phone}#${householdId}`,
  }),
  staffByLogin: (email: string) => ({ lookupPk: 'LOGIN', lookupSk: email.toLowerCase() }),
  membershipsOfStaff: (staffId: string, propertyId: string) => ({
    listingPk: `STAFF#${staffId}`,
    listingSk: propertyId,
  }),
  /** A staff member's notifications across properties; ids are time-ordered, so newest first is descending. */
  inboxOfStaff: (staffId: string, notificationId: string) => ({
    listingPk: inboxPk(staffId),
    listingSk: notificationId,
  }),
} as const;

/**
 * The sparse `due` index: an item with pending work carries `duePk`/`dueSk`, and a job Queries only
 * the partitions of its kind — a ticket with a running SLA clock (`DUE#<shard>`, the SLA sweep), a
 * hand-off notice not sent yet (`DUE#HANDOFF#<shard>`, the hand-off job). A few shards spread the
 * writes; `dueSk` starts with the instant, then the property and the ticket (and, for a hand-off, the
 * ticket's version the action wrote).
 */
export const dueShards = 4;
export type DueKind = 'sla' | 'handOff';
const duePartitionPrefix: Record<DueKind, string> = { sla: 'DUE#', handOff: 'DUE#HANDOFF#' };
export const duePk = (kind: DueKind, shard: number) => `${duePartitionPrefix[kind]}${shard}`;
export const isDuePk = (pk: string) => /^DUE#(HANDOFF#)?[0-9]{1,2}$/.test(pk);

/** The shard of a ticket's due entries: the same ticket always lands in the same one. */
function dueShardOf(ticketId: string): number {
  let hash = 0;
  for (const ch of ticketId) hash = (hash * 31 + ch.charCodeAt(0)) % 9973;
  return hash % dueShards;
}

/** One entry of the `due` index: what is due, where, and from when. Read only by the data layer. */
export interface DueEntry {
  at: string;
  propertyId: string;
  ticketId: string;
  /** A hand-off's: the ticket's version its action wrote. */
  version?: number;
}

/** The inverse of the due sort keys (`<instant>#<pid>#<ticketId>[#v<version>]`). */
export function dueEntryOf(dueSk: string): DueEntry | undefined {
  const [at, propertyId, ticketId, version] = dueSk.split('#');
  if (!at || !propertyId || !ticketId) return undefined;
  return { at, propertyId, ticketId, ...(version ? { version: Number(version.slice(1)) } : {}) };
}

/** The highest sort key due at `until`: every entry of that instant or earlier sorts below it. */
export const dueUntil = (until: string) => `${until}#~`;

/** Service requests (tickets) and the front-desk ledger. */
export const ticketKeys = {
  ticket: (propertyId: string, ticketId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `TICKET#${ticketId}`,
  }),
  /** One entry of a ticket's timeline; ids are time-ordered, so the timeline reads in order. */
  ticketEvent: (propertyId: string, ticketId: string, eventId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `TICKETEVENT#${ticketId}#${eventId}`,
  }),
  /** A ledger entry, listed by the property-local day it was taken. */
  contact: (propertyId: string, day: string, contactId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `CONTACT#${day}#${contactId}`,
  }),
  /** Per-property-per-day counters (opened, closed by kind), ADDed on write. */
  day: (propertyId: string, day: string) => ({ pk: propertyPrefix(propertyId), sk: `DAY#${day}` }),
  /** An information-file entry (信息档案): a useful number or local service of the property. */
  infoEntry: (propertyId: string, entryId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `INFO#${entryId}`,
  }),
  /** A ledger review mark: `period` is a property-local day (2026-11-22) or an ISO week (2026-W47). */
  ledgerReview: (propertyId: string, period: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `LEDGERREVIEW#${period}`,
  }),
  /** A photo (its original and thumbnail objects); pending and ready ones expire, attached ones stay. */
  attachment: (propertyId: string, attachmentId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `ATTACHMENT#${attachmentId}`,
  }),
  /** A breach of one SLA clock: one per ticket, clock and run of the clock (the clock's start). */
  slaBreach: (propertyId: string, ticketId: string, clock: string, clockStartedAt: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `SLABREACH#${ticketId}#${clock}#${clockStartedAt}`,
  }),
  /**
   * The hand-off notices an action on a ticket owes (decision 019), written in the action's own
   * transaction and removed once they are sent: one per ticket and version the action wrote.
   */
  handOff: (propertyId: string, ticketId: string, version: number) => ({
    pk: propertyPrefix(propertyId),
    sk: `HANDOFF#${ticketId}#v${version}`,
  }),
  /** The last ticket number given to a kind on a property-local day (`SHJA-BX-20261201-007`). */
  numberCounter: (propertyId: string, kindCode: string, day: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `TICKETNO#${kindCode}#${day}`,
  }),
  /**
   * One search token of a ticket (a word, a Chinese bigram, a room, a phone's last 4 digits, its number):
   * the token's partition lists its tickets, newest first by time-ordered id.
   */
  searchToken: (propertyId: string, token: string, ticketId: string) => ({
    pk: `${propertyPrefix(propertyId)}#SEARCH#${token}`,
    sk: ticketId,
  }),
} as const;

export const ticketSkPrefix = {
  ticketEvents: (ticketId: string) => `TICKETEVENT#${ticketId}#`,
  contactsOfDay: (day: string) => `CONTACT#${day}#`,
  infoEntries: 'INFO#',
  slaBreaches: (ticketId: string) => `SLABREACH#${ticketId}#`,
} as const;

export const ticketIndexKeys = {
  /** A property's tickets by kind and state (listingSk changes with the state). */
  ticketsOfProperty: (propertyId: string, kind: string, state: string, ticketId: string) => ({
    listingPk: `${propertyPrefix(propertyId)}#TICKETS`,
    listingSk: `${kind}#${state}#${ticketId}`,
  }),
  /** A household's timeline: ticket events about the household, oldest first. */
  householdTimeline: (propertyId: string, householdId: string, eventId: string) => ({
    listingPk: `${propertyPrefix(propertyId)}#HOUSEHOLD#${householdId}`,
    listingSk: `EVENT#${eventId}`,
  }),
  /**
   * "My jobs": a ticket with an assignee (the technician of a repair, the person responsible for a
   * complaint or inquiry), open ones first; the keys move with each reassignment.
   */
  jobsOfAssignee: (propertyId: string, staffId: string, open: boolean, ticketId: string) => ({
    lookupPk: `${propertyPrefix(propertyId)}#ASSIGNEE#${staffId}`,
    lookupSk: `${open ? 'OPEN' : 'DONE'}#${ticketId}`,
  }),
  /** The photos attached to a ticket, in upload order (set when attached). */
  photosOfTicket: (propertyId: string, ticketId: string, attachmentId: string) => ({
    listingPk: `${propertyPrefix(propertyId)}#TICKET#${ticketId}#PHOTOS`,
    listingSk: attachmentId,
  }),
  /**
   * An open ticket in its property's queue, by its earliest running SLA due time (overdue first);
   * open tickets with no running clock sort after every due time (`~`).
   */
  queueOfProperty: (propertyId: string, dueAt: string | null, ticketId: string) => ({
    queuePk: `${propertyPrefix(propertyId)}#QUEUE`,
    queueSk: `${dueAt ?? '~'}#${ticketId}`,
  }),
  /** A unit's ledger entries (calls and the tickets they opened), by the time of the call. */
  contactsOfUnit: (propertyId: string, unitId: string, time: string, contactId: string) => ({
    listingPk: `${propertyPrefix(propertyId)}#UNIT#${unitId}#CONTACTS`,
    listingSk: `${time}#${contactId}`,
  }),
  /** A household's ledger entries, by the time of the call. */
  contactsOfHousehold: (propertyId: string, householdId: string, time: string, contactId: string) => ({
    lookupPk: `${propertyPrefix(propertyId)}#HOUSEHOLD#${householdId}#CONTACTS`,
    lookupSk: `${time}#${contactId}`,
  }),
  /** Next SLA warning/due instant of a ticket with a running clock. */
  due: (propertyId: string, ticketId: string, at: string) => ({
    duePk: duePk('sla', dueShardOf(ticketId)),
    dueSk: `${at}#${propertyId}#${ticketId}`,
  }),
  /** A hand-off notice not sent yet, due from the instant of its action. */
  handOffDue: (propertyId: string, ticketId: string, version: number, at: string) => ({
    duePk: duePk('handOff', dueShardOf(ticketId)),
    dueSk: `${at}#${propertyId}#${ticketId}#v${version}`,
  }),
} as const;

/** Sort-key prefixes of the index access patterns that read part of a partition. */
export const ticketIndexPrefix = {
  /** Tickets of one kind, and of one state of it (`listingSk` of ticketsOfProperty). */
  ticketsOfKind: (kind: string, state?: string) => `${kind}#${state ? `${state}#` : ''}`,
  /** The open ones of an assignee's jobs (`lookupSk` of jobsOfAssignee). */
  openJobs: 'OPEN#',
  /** The done ones (the assignee's part finished, or the ticket ended). */
  doneJobs: 'DONE#',
  /** Chargeable items of a month in one state (`listingSk` of chargeableItemsOfMonth). */
  chargeableItemsInState: (state: string) => `${state}#`,
} as const;

/** Head-office figures and chargeable items of the tickets domain (see docs/data-model.md). */
export const figureKeys = {
  /** A property's running gauge of tickets now: open, open by kind, overdue (ADDed on write). */
  now: (propertyId: string) => ({ pk: propertyPrefix(propertyId), sk: 'TICKETS#NOW' }),
  /** One chargeable item per ticket (a confirmed paid-service fee): its key is the ticket's. */
  chargeableItem: (propertyId: string, ticketId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `CHARGE#${ticketId}`,
  }),
  /** The billing domain's read: a property's chargeable items of a billing month, by state. */
  chargeableItemsOfMonth: (propertyId: string, month: string, state: string, ticketId: string) => ({
    listingPk: `${propertyPrefix(propertyId)}#CHARGES#${month}`,
    listingSk: `${state}#${ticketId}`,
  }),
} as const;

/** The standard reports (functions/reports): one record per property, kind and period, and what they read by day. */
export const reportKeys = {
  /** A report of one period (a property-local day `2026-12-01` or an ISO week `2026-W49`), put once. */
  report: (propertyId: string, kind: string, period: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `REPORT#${kind}#${period}`,
  }),
  /** Who opened a report and when: one item per person, the first opening. */
  reportOpen: (propertyId: string, kind: string, period: string, staffId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `REPORTOPEN#${kind}#${period}#${staffId}`,
  }),
  /** A repair completed on a property-local day, written with the completion: the day's "done" list. */
  repairDone: (propertyId: string, day: string, ticketId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `REPAIRDONE#${day}#${ticketId}`,
  }),
} as const;

export const reportSkPrefix = {
  reportsOfKind: (kind: string) => `REPORT#${kind}#`,
  opensOf: (kind: string, period: string) => `REPORTOPEN#${kind}#${period}#`,
  repairsDoneOn: (day: string) => `REPAIRDONE#${day}#`,
  /** The upper bound of a range of days: every key of `day` sorts below it. */
  repairsDoneThrough: (day: string) => `REPAIRDONE#${day}#~`,
} as const;

/**
 * Billing (functions/billing): fee standards, the monthly payment requests, payments and their receipts,
 * collection, month close and the maintenance fund. Periods are billing months `YYYY-MM`; days are
 * property-local `YYYY-MM-DD`.
 */
/** A receipt number in keys: zero-padded, so receipts sort in number order. */
const receiptKey = (receiptNumber: number) => String(receiptNumber).padStart(8, '0');

export const billingKeys = {
  /** A fee standard of the property, with every version it has had (`versions`, by effective month). */
  feeStandard: (propertyId: string, standardId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `FEESTD#${standardId}`,
  }),
  /** One meter reading of a unit (or of a common meter: `unitId` = the meter's id) for a billing month. */
  meterReading: (propertyId: string, meterId: string, period: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `METER#${meterId}#${period}`,
  }),
  /** The bill run of a property and period: the idempotency root of the run and its progress. */
  billRun: (propertyId: string, period: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `BILLRUN#${period}`,
  }),
  /** A household's payment request (付款请求书) of a period: one per household and period, by its key. */
  paymentRequest: (propertyId: string, period: string, householdId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `BILL#${period}#${householdId}`,
  }),
  /** The last receipt number a property gave (`last`): advanced in each payment's own transaction. */
  receiptCounter: (propertyId: string) => ({ pk: propertyPrefix(propertyId), sk: 'RECEIPTNO' }),
  /** A payment, keyed by its receipt number (gapless, zero-padded so they sort in order). */
  payment: (propertyId: string, receiptNumber: number) => ({
    pk: propertyPrefix(propertyId),
    sk: `RECEIPT#${receiptKey(receiptNumber)}`,
  }),
  /** A household's prepayment credit (`balanceCents`), spent by the next requests. */
  credit: (propertyId: string, householdId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `CREDIT#${householdId}`,
  }),
  /** One movement of a household's credit (an overpayment kept, a void or refund of it), by when. */
  creditEntry: (propertyId: string, householdId: string, at: string, entryId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `CREDIT#${householdId}#${at}#${entryId}`,
  }),
  /** One reprint of a receipt (补打), in the receipt's reprint register. */
  receiptReprint: (propertyId: string, receiptNumber: number, reprintId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `REPRINT#${receiptKey(receiptNumber)}#${reprintId}`,
  }),
  /** A void or refund asked for, waiting for (or decided by) a second finance person. */
  paymentApproval: (propertyId: string, approvalId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `PAYAPPROVAL#${approvalId}`,
  }),
  /** A cashier's shift (收银交班): its payments' totals and the settlement. */
  cashierShift: (propertyId: string, shiftId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `SHIFT#${shiftId}`,
  }),
  /** The one open shift a cashier may have (`shiftId`): present from opening to closing. */
  openShift: (propertyId: string, cashierId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `SHIFTOPEN#${cashierId}`,
  }),
  /** A collection task (上门收款) of an unpaid request: one per request. */
  collectionTask: (propertyId: string, period: string, householdId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `COLLECT#${period}#${householdId}`,
  }),
  /** A month's close (月结): present once finance closed it, with its snapshot. */
  monthClose: (propertyId: string, month: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `CLOSE#${month}`,
  }),
  /** An adjustment entry in an open month, linked to what it corrects. */
  adjustment: (propertyId: string, month: string, adjustmentId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `ADJUST#${month}#${adjustmentId}`,
  }),
  /** A property's billing figures of a month (receivable, received, adjusted, households), ADDed on write. */
  monthFigures: (propertyId: string, month: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `BILLMONTH#${month}`,
  }),
  /** A spending entry of the fee accounts (管理服务费收支), entered by finance for a month. */
  feeSpending: (propertyId: string, month: string, entryId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `SPEND#${month}#${entryId}`,
  }),
  /**
   * A message sent to a household about its request of a period (the notice, the reminder before the
   * due date, a collector's reminder): what was sent, to whom (masked) and how it went. By household
   * first, so a household's arrears file reads its messages in one Query.
   */
  householdNotice: (propertyId: string, householdId: string, period: string, noticeId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `NOTICE#${householdId}#${period}#${noticeId}`,
  }),
  /** A collector's visit (上门收款) to a household about a period's request, by time-ordered id. */
  collectionVisit: (propertyId: string, householdId: string, period: string, visitId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `VISIT#${householdId}#${period}#${visitId}`,
  }),
  /** A property's delivery and collection settings (reminder day, letterhead, fee clause, late fees). */
  collectionSettings: (propertyId: string) => ({ pk: propertyPrefix(propertyId), sk: 'COLLECTSETTINGS' }),
  /** The collection job's mark that a property-local day's opening of tasks finished (put last). */
  collectionDay: (propertyId: string, day: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `COLLECTDAY#${day}`,
  }),
  /** One entry of the maintenance fund (维修基金) ledger, by date. */
  fundEntry: (propertyId: string, day: string, entryId: string) => ({
    pk: propertyPrefix(propertyId),
    sk: `FUND#${day}#${entryId}`,
  }),
} as const;

export const billingSkPrefix = {
  feeStandards: 'FEESTD#',
  meterReadings: (meterId: string) => `METER#${meterId}#`,
  requestsOfPeriod: (period: string) => `BILL#${period}#`,
  payments: 'RECEIPT#',
  creditEntries: (householdId: string) => `CREDIT#${householdId}#`,
  reprints: (receiptNumber: number) => `REPRINT#${receiptKey(receiptNumber)}#`,
  shifts: 'SHIFT#',
  collectionTasksOfPeriod: (period: string) => `COLLECT#${period}#`,
  adjustmentsOfMonth: (month: string) => `ADJUST#${month}#`,
  fundEntries: 'FUND#',
  feeSpendingOfMonth: (month: string) => `SPEND#${month}#`,
  /** Every request and every adjustment of the property, whatever the month (reconciliation, aging). */
  requests: 'BILL#',
  adjustments: 'ADJUST#',
  /** Every month-figures item up to `month`: with `billingKeys.monthFigures(pid, month).sk` as the upper bound. */
  monthFigures: 'BILLMONTH#',
  noticesOfHousehold: (householdId: string) => `NOTICE#${householdId}#`,
  visitsOfHousehold: (householdId: string) => `VISIT#${householdId}#`,
} as const;

export const billingIndexKeys = {
  /** A household's requests, by period: its statement and its arrears. */
  requestsOfHousehold: (propertyId: string, householdId: string, period: string) => ({
    listingPk: `${propertyPrefix(propertyId)}#HOUSEHOLD#${householdId}#BILLS`,
    listingSk: period,
  }),
  /**
   * Sparse: a request with something left to pay, by period then building and room (natural order):
   * arrears, aging and the collectors' worklist read only these.
   */
  unpaidRequests: (
    propertyId: string,
    period: string,
    buildingId: string,
    room: string,
    householdId: string,
  ) => ({
    lookupPk: `${propertyPrefix(propertyId)}#UNPAID`,
    lookupSk: `${period}#${buildingId}#${naturalKey(room)}#${householdId}`,
  }),
  /** A household's payments (receipts), by when they were taken. */
  paymentsOfHousehold: (propertyId: string, householdId: string, at: string, receiptNumber: number) => ({
    listingPk: `${propertyPrefix(propertyId)}#HOUSEHOLD#${householdId}#PAYMENTS`,
    listingSk: `${at}#${receiptKey(receiptNumber)}`,
  }),
  /** A cashier's payments, by when they were taken: the receipts list of one cashier. */
  paymentsOfCashier: (propertyId: string, cashierId: string, at: string, receiptNumber: number) => ({
    lookupPk: `${propertyPrefix(propertyId)}#CASHIER#${cashierId}`,
    lookupSk: `${at}#${receiptKey(receiptNumber)}`,
  }),
  /** Sparse: voids and refunds waiting for a second finance person, oldest first (the approvals queue). */
  pendingApprovals: (propertyId: string, requestedAt: string, approvalId: string) => ({
    listingPk: `${propertyPrefix(propertyId)}#PAYAPPROVALS#PENDING`,
    listingSk: `${requestedAt}#${approvalId}`,
  }),
  /** A household's adjustments, by the month they were entered in: its statement. */
  adjustmentsOfHousehold: (propertyId: string, householdId: string, month: string, adjustmentId: string) => ({
    listingPk: `${propertyPrefix(propertyId)}#HOUSEHOLD#${householdId}#ADJUST`,
    listingSk: `${month}#${adjustmentId}`,
  }),
  /**
   * Sparse: a request whose notice has not been sent yet (the item builder gives it until `noticedAt` is
   * set): the delivery job Queries this partition instead of scanning the requests.
   */
  noticeDue: (propertyId: string, period: string, householdId: string) => ({
    queuePk: `${propertyPrefix(propertyId)}#NOTICEDUE`,
    queueSk: `${period}#${householdId}`,
  }),
  /** Open collection tasks by building and room: a collector's worklist (tasks leave it when done). */
  openCollectionTasks: (
    propertyId: string,
    buildingId: string,
    room: string,
    period: string,
    householdId: string,
  ) => ({
    listingPk: `${propertyPrefix(propertyId)}#COLLECT#OPEN`,
    listingSk: `${buildingId}#${naturalKey(room)}#${period}#${householdId}`,
  }),
} as const;
