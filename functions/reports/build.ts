/**
 * What each report reads, index-backed by day and never more than its period needs (no Scan): the
 * day's completions (`REPAIRDONE#<day>#`, written with each completion), the repairs not done (the
 * listing index by kind and open state: work still open, not history), the ledger of the period's days
 * (`CONTACT#<day>#`) for complaints and inquiries, and the day counters for the follow-up rate.
 */
import type { Membership } from '../directory/records.ts';
import type { Store } from '../shared/store.ts';
import {
  keys,
  reportSkPrefix,
  skPrefix,
  ticketIndexKeys,
  ticketIndexPrefix,
  ticketKeys,
  ticketSkPrefix,
} from '../shared/table.ts';
import { notDoneRepairStates } from '../tickets/machines/repair.ts';
import type { Contact, Ticket } from '../tickets/records.ts';
import { withRooms } from '../tickets/rooms.ts';
import type { ReportPeriod } from './kinds.ts';
import { addDays, localDay } from './periods.ts';
import type { ComplaintRow, RepairRow, RepairsContent, ReplyStatus, WeeklyContent } from './records.ts';

/** Every page of a bounded Query. */
async function all<T>(store: Store, query: Parameters<Store['query']>[0]): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<T>({ ...query, limit: 200, cursor });
    out.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return out;
}

/** The property's staff by id (names and roles): a report names people and is sent to roles. */
export async function membersOf(store: Store, propertyId: string): Promise<Map<string, Membership>> {
  const members = await all<Membership>(store, {
    partition: keys.property(propertyId).pk,
    beginsWith: skPrefix.membership,
  });
  return new Map(members.map((m) => [m.id, m]));
}

type Names = Map<string, Membership>;
const nameOf = (names: Names, id: unknown) => (typeof id === 'string' ? names.get(id)?.name : undefined);
const numberOf = (t: Ticket) => (typeof t.number === 'string' ? t.number : undefined);
const doneStates = new Set(['completed', 'accepted', 'followed_up', 'closed']);

function repairRow(t: Ticket & { roomCode?: string }, names: Names): RepairRow {
  const completion = t.completion as { at: string } | undefined;
  const reasons = (t.notDoneReasons as { reason: string; at: string; by: string }[] | undefined) ?? [];
  const latest = reasons.at(-1);
  const location = t.location as { place?: string } | undefined;
  return {
    ticketId: t.id,
    ...(numberOf(t) ? { number: numberOf(t) } : {}),
    ...(t.roomCode ? { roomCode: t.roomCode } : {}),
    ...(location?.place ? { place: location.place } : {}),
    content: String(t.content ?? ''),
    state: t.state,
    reportedAt: String(t.reportedAt ?? t.openedAt),
    ...(nameOf(names, t.assigneeId) ? { technicianName: nameOf(names, t.assigneeId) } : {}),
    ...(completion && doneStates.has(t.state) ? { completedAt: completion.at } : {}),
    ...(latest && !doneStates.has(t.state)
      ? { reason: { reason: latest.reason, at: latest.at, byName: nameOf(names, latest.by) ?? '' } }
      : {}),
  };
}

/** Repairs still not done now, whenever they were reported: every one needs its reason. */
export async function openRepairs(store: Store, propertyId: string): Promise<Ticket[]> {
  const partition = ticketIndexKeys.ticketsOfProperty(propertyId, 'x', 'x', 'x').listingPk;
  const pages = await Promise.all(
    notDoneRepairStates.map((state) =>
      all<Ticket>(store, {
        index: 'listing',
        partition,
        beginsWith: ticketIndexPrefix.ticketsOfKind('repair', state),
      }),
    ),
  );
  return pages.flat();
}

/** Repairs completed on the days `from`..`to` and still done (a refused or reopened one is not). */
async function repairsDone(store: Store, propertyId: string, from: string, to: string, timeZone: string) {
  const marks = await all<{ ticketId: string }>(store, {
    partition: keys.property(propertyId).pk,
    between: [reportSkPrefix.repairsDoneOn(from), reportSkPrefix.repairsDoneThrough(to)],
  });
  const ids = [...new Set(marks.map((m) => m.ticketId))];
  const tickets = await store.batchGet<Ticket>(ids.map((id) => ticketKeys.ticket(propertyId, id)));
  return tickets.filter((t) => {
    const at = (t.completion as { at?: string } | undefined)?.at;
    if (!at || !doneStates.has(t.state)) return false;
    const day = localDay(at, timeZone);
    return day >= from && day <= to;
  });
}

const byTime = (a: RepairRow, b: RepairRow) =>
  (a.completedAt ?? a.reportedAt).localeCompare(b.completedAt ?? b.reportedAt);

export async function repairsContent(
  store: Store,
  propertyId: string,
  p: ReportPeriod,
  timeZone: string,
  names: Names,
): Promise<RepairsContent> {
  const [done, open] = await Promise.all([
    repairsDone(store, propertyId, p.from, p.to, timeZone),
    openRepairs(store, propertyId),
  ]);
  const rows = (await withRooms(propertyId, [...done, ...open])).map((t) => repairRow(t, names));
  return {
    done: rows.filter((r) => r.completedAt).sort(byTime),
    notDone: rows.filter((r) => !r.completedAt).sort(byTime),
  };
}

/** The tickets of `kind` opened on the days `from`..`to`, read through the ledger of those days. */
async function ticketsOpenedOn(
  store: Store,
  propertyId: string,
  from: string,
  to: string,
  kind: 'complaint' | 'inquiry',
): Promise<Ticket[]> {
  const contacts = await all<Contact>(store, {
    partition: keys.property(propertyId).pk,
    between: [ticketSkPrefix.contactsOfDay(from), `${ticketSkPrefix.contactsOfDay(to)}~`],
  });
  const ids = contacts.filter((c) => c.ticketKind === kind && c.ticketId).map((c) => c.ticketId!);
  return store.batchGet<Ticket>(ids.map((id) => ticketKeys.ticket(propertyId, id)));
}

function replyOf(
  t: Ticket,
  clock: string,
  at: string,
): { status: ReplyStatus; dueAt?: string; doneAt?: string } {
  const sla = t.slas?.[clock];
  if (!sla) return { status: 'pending' };
  const dueAt = sla.dueAt ?? undefined;
  if (sla.status === 'done')
    return { status: sla.met === false ? 'late' : 'met', dueAt, doneAt: sla.stoppedAt };
  return { status: dueAt && dueAt <= at ? 'overdue' : 'pending', dueAt };
}

export async function complaintsContent(
  store: Store,
  propertyId: string,
  p: ReportPeriod,
  at: string,
  names: Names,
): Promise<ComplaintRow[]> {
  const tickets = await withRooms(
    propertyId,
    await ticketsOpenedOn(store, propertyId, p.from, p.to, 'complaint'),
  );
  return tickets
    .map((t): ComplaintRow => {
      const complainant = t.complainant as { name?: string; unitId?: string } | undefined;
      const reply = replyOf(t, 'reply', at);
      return {
        ticketId: t.id,
        ...(numberOf(t) ? { number: numberOf(t) } : {}),
        receivedAt: String(t.receivedAt ?? t.openedAt),
        ...(typeof t.category === 'string' ? { category: t.category } : {}),
        ...(complainant?.name ? { complainantName: complainant.name } : {}),
        ...(t.roomCode ? { roomCode: t.roomCode } : {}),
        content: String(t.content ?? ''),
        severity: t.severity,
        state: t.state,
        ...(typeof t.department === 'string' ? { department: t.department } : {}),
        ...(nameOf(names, t.assigneeId) ? { responsibleName: nameOf(names, t.assigneeId) } : {}),
        ...(reply.dueAt ? { replyDueAt: reply.dueAt } : {}),
        ...(reply.doneAt ? { repliedAt: reply.doneAt } : {}),
        reply: reply.status,
      };
    })
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
}

export async function weeklyContent(
  store: Store,
  propertyId: string,
  p: ReportPeriod,
  at: string,
  timeZone: string,
  names: Names,
): Promise<WeeklyContent> {
  const days = Array.from({ length: 7 }, (_, i) => addDays(p.from, i)).filter((d) => d <= p.to);
  const [repairs, complaints, inquiries, counters] = await Promise.all([
    repairsContent(store, propertyId, p, timeZone, names),
    ticketsOpenedOn(store, propertyId, p.from, p.to, 'complaint'),
    ticketsOpenedOn(store, propertyId, p.from, p.to, 'inquiry'),
    store.batchGet<Record<string, number>>(days.map((d) => ticketKeys.day(propertyId, d))),
  ]);
  const replies = complaints.map((t) => replyOf(t, 'reply', at).status);
  const answers = inquiries.map((t) => replyOf(t, 'answer', at).status);
  const sum = (name: string) => counters.reduce((n, c) => n + (Number(c[name]) || 0), 0);
  return {
    ...repairs,
    complaints: {
      received: complaints.length,
      repliedOnTime: replies.filter((s) => s === 'met').length,
      repliedLate: replies.filter((s) => s === 'late').length,
      overdue: replies.filter((s) => s === 'overdue').length,
      pending: replies.filter((s) => s === 'pending').length,
    },
    inquiries: {
      received: inquiries.length,
      answeredOnTime: answers.filter((s) => s === 'met').length,
      answeredLate: answers.filter((s) => s === 'late').length,
      open: answers.filter((s) => s === 'pending' || s === 'overdue').length,
    },
    followUps: {
      completed: sum('completedRepairs'),
      followedUp: sum('followUps'),
      satisfied: sum('followUpsSatisfied'),
    },
  };
}
