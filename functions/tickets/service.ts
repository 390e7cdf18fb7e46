/**
 * Tickets and the front-desk ledger: the machines (./machines) decide; this file persists. Every write
 * is one transaction: the record, its timeline entry (also on the household's timeline), the day
 * counters, the due-index keys and the audit entry.
 */
import { z } from 'zod';
import type { Property } from '../directory/records.ts';
import { type Actor, useActor } from '../shared/actor.ts';
import { conflict, notFound, unprocessable } from '../shared/errors.ts';
import { fn } from '../shared/fn.ts';
import { newId } from '../shared/ids.ts';
import { maskPhone } from '../shared/personal-data.ts';
import { type Item, propertyStore, type Store, type WriteOp } from '../shared/store.ts';
import { keys, ticketIndexKeys, ticketKeys, ticketSkPrefix } from '../shared/table.ts';
import type { WorkCalendar } from '../sla/calendar.ts';
import { dueAt, pause, resume, type SlaClock, warningAt } from '../sla/clock.ts';
import {
  type CalendarKind,
  calendarFor,
  policyFor,
  resolveSlaSettings,
  type SlaSettings,
  type SlaTarget,
  startTargetClock,
} from '../sla/policies.ts';
import { assigneeIndex } from './assignee-index.ts';
import { photosToAttach, withPhotos } from './attachments/attach.ts';
import { photosOfTicket, withThumbnails } from './attachments/service.ts';
import { chargeableItemOps } from './chargeable-items.ts';
import { countersFor, type FigureChange, figureOps, transitionFigures } from './figures.ts';
import { checkInfoEntryInput } from './info-file.ts';
import {
  allowedActions,
  apply as applyMachine,
  create as createWithMachine,
  type MachineEvent,
  machines,
  type TicketKind,
  type Transition,
} from './machines/index.ts';
import { actionParams, contactCreate, contactQuery, id, ticketParams, ticketQuery } from './schemas.ts';
import { nextMoment } from './sla-moments.ts';
import { noticeUrgentComplaint } from './urgent-notice.ts';

/** One SLA target's clock as stored on the ticket. */
export interface TicketSla {
  clock: SlaClock;
  calendar: CalendarKind | null;
  warnAt: number;
  status: 'running' | 'paused' | 'done' | 'void';
  dueAt: string | null;
  warningAt: string | null;
  stoppedAt?: string;
  /** For a clock stopped `done`: reached by its due time. */
  met?: boolean;
}

export interface Ticket {
  id: string;
  propertyId: string;
  kind: TicketKind;
  severity: 'normal' | 'urgent';
  state: string;
  assigneeId?: string | null;
  householdId: string | null;
  unitId: string | null;
  contactId: string;
  openedAt: string;
  openedBy: string;
  slas: Record<string, TicketSla>;
  /** Earliest SLA moment not yet recorded (warning, breach, escalation step; what the due index holds). */
  nextDueAt: string | null;
  version: number;
  [field: string]: unknown;
}

const isKind = (category: string): category is TicketKind => category in machines;

/** YYYY-MM-DD of `at` in the property's time zone. */
export function localDay(at: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(at));
}

function calendarOf(property: Property, settings: SlaSettings, kind: CalendarKind | null): WorkCalendar {
  // Calendar-time clocks never consult the calendar; the service calendar stands in.
  return calendarFor(property, settings, kind ?? 'service');
}

function withTimes(property: Property, settings: SlaSettings, sla: TicketSla): TicketSla {
  const calendar = calendarOf(property, settings, sla.calendar);
  const due = dueAt(calendar, sla.clock);
  const warning = warningAt(calendar, sla.clock, sla.warnAt);
  return { ...sla, dueAt: due?.toISOString() ?? null, warningAt: warning?.toISOString() ?? null };
}

/** The ticket's SLA clocks after the machine's events. */
function applySlaEvents(
  property: Property,
  settings: SlaSettings,
  kind: TicketKind,
  severity: 'normal' | 'urgent',
  current: Record<string, TicketSla>,
  events: MachineEvent[],
): Record<string, TicketSla> {
  const slas = structuredClone(current);
  const targets = policyFor(settings, kind, severity).targets as Record<string, SlaTarget | undefined>;
  for (const event of events) {
    if (event.type === 'sla.start') {
      const target = event.dueAt ? ({ measure: 'agreed', warnAt: 0.8 } as SlaTarget) : targets[event.sla];
      // A machine target without a policy number (e.g. a repair's resolve time) has no clock yet.
      if (!target || (target.measure === 'agreed' && !event.dueAt)) continue;
      const started = startTargetClock(target, event.at, event.dueAt);
      slas[event.sla] = withTimes(property, settings, {
        ...started,
        status: 'running',
        dueAt: null,
        warningAt: null,
      });
    } else if (event.type === 'sla.stop') {
      const sla = slas[event.sla];
      if (!sla || sla.status === 'done' || sla.status === 'void') continue;
      slas[event.sla] = {
        ...sla,
        status: event.reason,
        stoppedAt: event.at,
        ...(event.reason === 'done' && sla.dueAt ? { met: event.at <= sla.dueAt } : {}),
      };
    } else if (event.type === 'sla.pause') {
      for (const [name, sla] of Object.entries(slas)) {
        if (sla.status !== 'running') continue;
        slas[name] = {
          ...sla,
          clock: pause(sla.clock, event.at),
          status: 'paused',
          dueAt: null,
          warningAt: null,
        };
      }
    } else if (event.type === 'sla.resume') {
      for (const [name, sla] of Object.entries(slas)) {
        if (sla.status !== 'paused') continue;
        const calendar = calendarOf(property, settings, sla.calendar);
        slas[name] = withTimes(property, settings, {
          ...sla,
          clock: resume(calendar, sla.clock, event.at),
          status: 'running',
        });
      }
    }
  }
  return slas;
}

function timelineItem(
  ticket: Pick<Ticket, 'id' | 'propertyId' | 'householdId' | 'kind'>,
  t: Transition,
): Item {
  const eventId = newId();
  return {
    ...ticketKeys.ticketEvent(ticket.propertyId, ticket.id, eventId),
    ...(ticket.householdId
      ? ticketIndexKeys.householdTimeline(ticket.propertyId, ticket.householdId, eventId)
      : {}),
    recordType: 'ticketEvent',
    id: eventId,
    ticketId: ticket.id,
    kind: ticket.kind,
    action: t.action,
    from: t.from,
    to: t.nextState,
    // The ticket keeps the caller's full phone; its timeline (also the household's) shows it masked.
    input: maskTicket((t.input ?? {}) as Record<string, unknown>),
    slaEvents: t.events.filter((e) => e.type.startsWith('sla.')),
    domainEvents: t.events.filter((e) => !e.type.startsWith('sla.')),
    at: t.at,
    by: t.by,
  };
}

export const settingsOf = (property: Property) =>
  resolveSlaSettings((property as { slaSettings?: Parameters<typeof resolveSlaSettings>[0] }).slaSettings);

/** The machine's create input: what the contact says, overlaid with the request's ticket fields. */
function ticketInput(kind: TicketKind, c: z.output<typeof contactCreate>): Record<string, unknown> {
  const person = {
    name: c.caller.name,
    ...(c.caller.phone ? { phone: c.caller.phone } : {}),
    ...(c.householdId ? { householdId: c.householdId } : {}),
  };
  const channel = { channel: c.channel };
  const base: Record<string, unknown> =
    kind === 'repair'
      ? {
          content: c.summary,
          location: c.unitId ? { unitId: c.unitId } : undefined,
          contact: person,
          reportedAt: c.time,
          ...channel,
        }
      : kind === 'complaint'
        ? {
            complainant: { ...person, ...(c.unitId ? { unitId: c.unitId } : {}) },
            content: c.summary,
            receivedAt: c.time,
            ...channel,
          }
        : { contact: person, unitId: c.unitId, question: c.summary, receivedAt: c.time, ...channel };
  const merged = { ...base, ...(c.ticket ?? {}) };
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined));
}

/** The unit and household a contact names are this property's, and the household lives in the unit. */
async function checkCaller(store: Store, propertyId: string, contact: z.output<typeof contactCreate>) {
  const [unit, household] = await Promise.all([
    contact.unitId ? store.mustGet<{ id: string }>(keys.unit(propertyId, contact.unitId), 'Unit') : null,
    contact.householdId
      ? store.mustGet<{ unitId: string }>(keys.household(propertyId, contact.householdId), 'Household')
      : null,
  ]);
  if (unit && household && household.unitId !== unit.id) {
    throw unprocessable('household_not_in_unit', 'The household does not live in this unit', {
      unitId: unit.id,
      householdUnitId: household.unitId,
    });
  }
  if (Date.parse(contact.time) > Date.now() + 10 * 60_000) {
    throw unprocessable('contact_in_future', 'A contact cannot be taken in the future');
  }
}

/** Staff an action hands the ticket to must be members of the property. */
async function checkStaffInput(store: Store, propertyId: string, input: unknown) {
  const fields = (input ?? {}) as Record<string, unknown>;
  for (const field of ['technicianId', 'assigneeId']) {
    const staffId = fields[field];
    if (typeof staffId !== 'string') continue;
    const member = await store.get(keys.membership(propertyId, staffId));
    if (!member) {
      throw unprocessable('not_a_member', `${field} is not a staff member of this property`, {
        [field]: staffId,
      });
    }
  }
}

async function loadProperty(store: Store, propertyId: string) {
  return store.mustGet<Property>(keys.property(propertyId), 'Property');
}

/** 客服前台台帳: records a contact; a repair, complaint or inquiry opens its ticket in the same transaction. */
export const recordContact = fn(
  z.object({ propertyId: id, contact: contactCreate }),
  async ({ propertyId, contact }) => {
    const actor = useActor();
    const store = propertyStore(propertyId);
    const property = await loadProperty(store, propertyId);
    await checkCaller(store, propertyId, contact);
    const contactId = newId();
    const day = localDay(contact.time, property.timeZone);
    const extra: WriteOp[] = [];
    let ticket: Ticket | null = null;
    let figures: FigureChange | undefined;
    let photos = await photosToAttach(store, propertyId, '', 'create', undefined);
    const counters: Record<string, number> = { contacts: 1, [`contacts_${contact.category}`]: 1 };

    if (isKind(contact.category)) {
      const kind = contact.category;
      const machine = machines[kind];
      const transition = createWithMachine(machine, ticketInput(kind, contact), actor, { now: contact.time });
      const ticketId = newId();
      photos = await photosToAttach(store, propertyId, ticketId, 'create', transition.input);
      const changes = transition.changes as Record<string, unknown>;
      const severity = (changes.severity as 'normal' | 'urgent' | undefined) ?? 'normal';
      const settings = settingsOf(property);
      const slas = applySlaEvents(property, settings, kind, severity, {}, transition.events);
      const due = nextMoment({ kind, severity, slas }, settings);
      const at = new Date().toISOString();
      ticket = {
        ...changes,
        id: ticketId,
        propertyId,
        kind,
        severity,
        state: transition.nextState,
        householdId: contact.householdId ?? null,
        unitId: contact.unitId ?? null,
        contactId,
        openedAt: contact.time,
        openedBy: actor.staffId,
        slas,
        nextDueAt: due,
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      extra.push(
        {
          put: {
            ...ticketKeys.ticket(propertyId, ticketId),
            ...ticketIndexKeys.ticketsOfProperty(propertyId, kind, ticket.state, ticketId),
            ...(due ? ticketIndexKeys.due(propertyId, ticketId, due) : {}),
            recordType: 'ticket',
            ...ticket,
          },
          condition: 'attribute_not_exists(#pk)',
        },
        { put: timelineItem(ticket, transition) },
        ...photos.ops,
      );
      figures = countersFor(transition, null, property.timeZone);
    }
    extra.push(...figureOps(property, figures, { day, counters }));

    const at = new Date().toISOString();
    const created: Record<string, unknown> = {
      id: contactId,
      propertyId,
      day,
      ...contact,
      takenBy: actor.staffId,
      takenByName: actor.name,
      ticketId: ticket?.id ?? null,
      ticketKind: ticket?.kind ?? null,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    // The audit entry keeps the caller's phone masked, as the ledger shows it.
    await withPhotos(photos, () =>
      store.apply(
        [
          {
            put: { ...ticketKeys.contact(propertyId, day, contactId), recordType: 'contact', ...created },
            condition: 'attribute_not_exists(#pk)',
          },
          ...extra,
        ],
        {
          action: 'contact.create',
          entity: 'contact',
          entityId: contactId,
          before: null,
          after: maskContact(created),
        },
      ),
    );
    if (ticket) await noticeUrgentComplaint(ticket, property);
    return { contact: maskContact(created), ticket: ticket && maskTicket(ticket) };
  },
);

/** The caller's phone on a ticket (repair/inquiry `contact`, complaint `complainant`), masked as everywhere. */
export function maskTicket<T extends Record<string, unknown>>(ticket: T): T {
  const out: Record<string, unknown> = { ...ticket };
  for (const field of ['contact', 'complainant']) {
    const person = out[field] as { phone?: string } | undefined;
    if (person?.phone) out[field] = { ...person, phone: maskPhone(person.phone) };
  }
  return out as T;
}

function maskContact<T extends Record<string, unknown>>(c: T): T {
  const caller = c.caller as { name: string; phone?: string } | undefined;
  const message = c.message as { callbackNumber: string } | undefined;
  return {
    ...c,
    ...(caller?.phone ? { caller: { ...caller, phone: maskPhone(caller.phone) } } : {}),
    ...(message ? { message: { ...message, callbackNumber: maskPhone(message.callbackNumber) } } : {}),
  };
}

export const listContacts = fn(
  z.object({ propertyId: id, query: contactQuery }),
  async ({ propertyId, query }) => {
    const store = propertyStore(propertyId);
    const property = await loadProperty(store, propertyId);
    const day = query.day ?? localDay(new Date(), property.timeZone);
    const page = await store.query<Record<string, unknown>>({
      partition: keys.property(propertyId).pk,
      beginsWith: ticketSkPrefix.contactsOfDay(day),
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: page.items.map(maskContact), cursor: page.cursor };
  },
);

export const listTickets = fn(
  z.object({ propertyId: id, query: ticketQuery }),
  async ({ propertyId, query }) => {
    const store = propertyStore(propertyId);
    await loadProperty(store, propertyId);
    const prefix = query.kind ? `${query.kind}#${query.state ? `${query.state}#` : ''}` : undefined;
    const page = await store.query<Ticket>({
      index: 'listing',
      partition: ticketIndexKeys.ticketsOfProperty(propertyId, 'x', 'x', 'x').listingPk,
      ...(prefix ? { beginsWith: prefix } : {}),
      ...(!query.kind && query.state
        ? { filter: { expression: '#state = :state', values: { ':state': query.state } } }
        : {}),
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: await withThumbnails(propertyId, page.items.map(maskTicket)), cursor: page.cursor };
  },
);

async function loadTicket(store: Store, propertyId: string, ticketId: string) {
  return store.mustGet<Ticket>(ticketKeys.ticket(propertyId, ticketId), 'Ticket');
}

export const getTicket = fn(ticketParams, async ({ propertyId, ticketId }) => {
  const actor = useActor();
  const store = propertyStore(propertyId);
  const ticket = await loadTicket(store, propertyId, ticketId);
  const [timeline, photos] = await Promise.all([
    store.query<Record<string, unknown>>({
      partition: keys.property(propertyId).pk,
      beginsWith: ticketSkPrefix.ticketEvents(ticketId),
      limit: 100,
    }),
    photosOfTicket(propertyId, ticketId),
  ]);
  return {
    ticket: maskTicket(ticket),
    allowedActions: allowedActions(machines[ticket.kind], ticket, actor),
    timeline: timeline.items,
    photos,
  };
});

export const householdTimeline = fn(
  z.object({ propertyId: id, householdId: id, cursor: z.string().max(2048).optional() }),
  async ({ propertyId, householdId, cursor }) => {
    const store = propertyStore(propertyId);
    await store.mustGet(keys.household(propertyId, householdId), 'Household');
    return store.query<Record<string, unknown>>({
      index: 'listing',
      partition: ticketIndexKeys.householdTimeline(propertyId, householdId, 'x').listingPk,
      cursor,
      limit: 100,
    });
  },
);

/** Takes `action` on a ticket: the machine decides, one transaction persists everything it changes. */
export const actOnTicket = fn(
  actionParams.extend({ version: z.number().int().min(1), input: z.unknown() }),
  async ({ propertyId, ticketId, action, version, input }) => {
    const actor: Actor = useActor();
    const store = propertyStore(propertyId);
    const [property, ticket] = await Promise.all([
      loadProperty(store, propertyId),
      loadTicket(store, propertyId, ticketId),
    ]);
    const machine = machines[ticket.kind];
    if (!Object.hasOwn(machine.actions, action)) throw notFound(`Action ${action} of a ${ticket.kind}`);
    const stale = () =>
      conflict('stale_version', 'Ticket was changed by someone else; reload and try again', {
        currentVersion: ticket.version,
      });
    if (ticket.version !== version) throw stale();
    const transition = applyMachine(machine, ticket, action, input, actor);
    await checkStaffInput(store, propertyId, transition.input);
    await checkInfoEntryInput(store, propertyId, transition.input);
    const photos = await photosToAttach(store, propertyId, ticketId, action, transition.input);
    const settings = settingsOf(property);
    const slas = applySlaEvents(
      property,
      settings,
      ticket.kind,
      ticket.severity,
      ticket.slas ?? {},
      transition.events,
    );
    const due = nextMoment(
      { ...ticket, slas, slaRecorded: ticket.slaRecorded as string[] | undefined },
      settings,
    );
    const at = transition.at;
    const changes = {
      ...(transition.changes as Record<string, unknown>),
      state: transition.nextState,
      slas,
      nextDueAt: due,
    };
    const next: Ticket = { ...ticket, ...changes, version: version + 1, updatedAt: at };
    const ops: WriteOp[] = [
      {
        update: ticketKeys.ticket(propertyId, ticketId),
        set: {
          ...changes,
          ...ticketIndexKeys.ticketsOfProperty(propertyId, ticket.kind, transition.nextState, ticketId),
          ...(due ? ticketIndexKeys.due(propertyId, ticketId, due) : {}),
          ...assigneeIndex(next).set,
          version: version + 1,
          updatedAt: at,
        },
        remove: [...(due ? [] : ['duePk', 'dueSk']), ...assigneeIndex(next).remove],
        condition: '#version = :expected',
        values: { ':expected': version },
        onFail: stale(),
      },
      { put: timelineItem(ticket, transition) },
      ...transitionFigures(property, transition, ticket),
      ...chargeableItemOps(property, ticketId, transition),
      ...photos.ops,
    ];
    await withPhotos(photos, () =>
      store.apply(ops, {
        action: `ticket.${action}`,
        entity: 'ticket',
        entityId: ticketId,
        before: { state: ticket.state, version },
        after: { state: transition.nextState, version: version + 1 },
      }),
    );
    return { ticket: maskTicket(next), allowedActions: allowedActions(machine, next, actor) };
  },
);

export const dayCounters = fn(z.object({ propertyId: id, day: z.string() }), async ({ propertyId, day }) =>
  propertyStore(propertyId).get<Record<string, number>>(ticketKeys.day(propertyId, day)),
);
