/**
 * Tickets and the front-desk ledger: the machines (./machines) decide; this file persists. Every write
 * is one transaction: the record, its timeline entry (also on the household's timeline), the day
 * counters, the due-index keys and the audit entry. Items come from their builders (./items.ts).
 */
import * as z from 'zod/mini';
import type { Property } from '../directory/records.ts';
import { reportDayOps } from '../reports/items.ts';
import { type Actor, useActor } from '../shared/actor.ts';
import { conflict, notFound } from '../shared/errors.ts';
import { fn } from '../shared/fn.ts';
import { newId } from '../shared/ids.ts';
import { propertyStore, type Store, updateFrom, type WriteOp } from '../shared/store.ts';
import { keys, ticketKeys } from '../shared/table.ts';
import { enteredHolidays } from '../sla/holiday-years.ts';
import { settingsOf } from '../sla/property-settings.ts';
import { photosToAttach, withPhotos } from './attachments/attach.ts';
import { chargeableItemOps } from './chargeable-items.ts';
import { countersFor, type FigureChange, figureOps, transitionFigures } from './figures.ts';
import { noticeHandOff, pendingHandOff } from './handoffs.ts';
import { checkInfoEntryInput } from './info-file.ts';
import { checkCaller, checkStaffInput, ticketInput } from './inputs.ts';
import { contactItem, handOffItem, searchTokenItems, ticketEventItem, ticketItem } from './items.ts';
import { localDay } from './local-day.ts';
import {
  allowedActions,
  apply as applyMachine,
  create as createWithMachine,
  machines,
  type TicketKind,
  type Transition,
} from './machines/index.ts';
import { withTicketNumber } from './numbers.ts';
import { type Contact, maskContact, maskTicket, type Ticket } from './records.ts';
import { checkReplyTime } from './reply-time.ts';
import { actionParams, contactCreate, id } from './schemas.ts';
import { ticketTokens } from './search-tokens.ts';
import { nextMoment } from './sla-moments.ts';
import { applySlaEvents } from './ticket-slas.ts';
import { noticeUrgentComplaint } from './urgent-notice.ts';

const isKind = (category: string): category is TicketKind => category in machines;

/** The timeline entry of a staff action; the caller's phone in its input is masked, as on the household's timeline. */
const actionEvent = (ticket: Pick<Ticket, 'id' | 'propertyId' | 'householdId' | 'kind'>, t: Transition) =>
  ticketEventItem(ticket, {
    action: t.action,
    from: t.from,
    to: t.nextState,
    input: maskTicket((t.input ?? {}) as Record<string, unknown>),
    slaEvents: t.events.filter((e) => e.type.startsWith('sla.')),
    domainEvents: t.events.filter((e) => !e.type.startsWith('sla.')),
    at: t.at,
    by: t.by,
  });

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
    let opened: Transition | undefined;
    let photos = await photosToAttach(store, propertyId, '', 'create', undefined);
    const counters: Record<string, number> = { contacts: 1, [`contacts_${contact.category}`]: 1 };

    if (isKind(contact.category)) {
      const kind = contact.category;
      const machine = machines[kind];
      const transition = createWithMachine(machine, ticketInput(kind, contact), actor, { now: contact.time });
      const createdSeverity = (transition.changes as { severity?: 'normal' | 'urgent' }).severity ?? 'normal';
      checkReplyTime(settingsOf(property), { kind, severity: createdSeverity }, transition.input);
      const ticketId = newId();
      photos = await photosToAttach(store, propertyId, ticketId, 'create', transition.input);
      const changes = transition.changes as Record<string, unknown>;
      const severity = (changes.severity as 'normal' | 'urgent' | undefined) ?? 'normal';
      const settings = settingsOf(property);
      const slas = applySlaEvents(
        property,
        settings,
        kind,
        severity,
        {},
        transition.events,
        await enteredHolidays(),
      );
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
        ...(contact.roomTyped ? { roomTyped: contact.roomTyped } : {}),
        contactId,
        openedAt: contact.time,
        openedBy: actor.staffId,
        slas,
        nextDueAt: nextMoment({ kind, severity, slas }, settings),
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      extra.push(...photos.ops);
      figures = countersFor(transition, null, property.timeZone);
      opened = transition;
    }
    extra.push(...figureOps(property, figures, { day, counters }));

    const at = new Date().toISOString();
    const contactOf = (ticketNumber: string | null): Contact => ({
      id: contactId,
      propertyId,
      day,
      ...contact,
      takenBy: actor.staffId,
      takenByName: actor.name,
      ticketId: ticket?.id ?? null,
      ticketKind: ticket?.kind ?? null,
      ticketNumber,
      version: 1,
      createdAt: at,
      updatedAt: at,
    });
    // The audit entry keeps the caller's phone masked, as the ledger shows it.
    const write = async (numbered: Ticket | null, ticketOps: WriteOp[]) => {
      const created = contactOf(numbered?.number ?? null);
      await store.apply(
        [{ put: contactItem(created), condition: 'attribute_not_exists(#pk)' }, ...ticketOps, ...extra],
        {
          action: 'contact.create',
          entity: 'contact',
          entityId: contactId,
          before: null,
          after: maskContact(created),
        },
      );
      return { created, numbered };
    };
    const { created, numbered } = await withPhotos(photos, async () => {
      if (!ticket || !opened) return write(null, []);
      const draft = ticket;
      const transition = opened;
      const unit = contact.unitId
        ? await store.get<{ roomCode: string }>(keys.unit(propertyId, contact.unitId))
        : undefined;
      return withTicketNumber(
        store,
        { propertyId, propertyCode: property.code, kind: draft.kind, day },
        (number, counterOp) => {
          const searchTokens = ticketTokens({
            kind: draft.kind,
            number,
            roomCode: unit?.roomCode,
            callerName: contact.caller.name,
            phone: contact.caller.phone,
            summary: contact.summary,
          });
          const full: Ticket = { ...draft, number, searchTokens };
          return write(full, [
            { put: ticketItem(full), condition: 'attribute_not_exists(#pk)' },
            { put: actionEvent(full, transition) },
            counterOp,
            ...searchTokenItems(full, searchTokens).map((put) => ({ put })),
          ]);
        },
      );
    });
    // An urgent complaint's notice may settle its clock, moving the ticket on a version.
    const settled = numbered && (await noticeUrgentComplaint(numbered, property));
    return { contact: maskContact(created), ticket: settled && maskTicket(settled) };
  },
);

/** Takes `action` on a ticket: the machine decides, one transaction persists everything it changes. */
export const actOnTicket = fn(
  z.extend(actionParams, { version: z.int().check(z.gte(1)), input: z.unknown() }),
  async ({ propertyId, ticketId, action, version, input }) => {
    const actor: Actor = useActor();
    const store = propertyStore(propertyId);
    const [property, ticket] = await Promise.all([
      loadProperty(store, propertyId),
      store.mustGet<Ticket>(ticketKeys.ticket(propertyId, ticketId), 'Ticket'),
    ]);
    const machine = machines[ticket.kind];
    if (!Object.hasOwn(machine.actions, action)) throw notFound(`Action ${action} of a ${ticket.kind}`);
    const stale = () =>
      conflict('stale_version', 'Ticket was changed by someone else; reload and try again', {
        currentVersion: ticket.version,
      });
    if (ticket.version !== version) throw stale();
    const transition = applyMachine(machine, ticket, action, input, actor);
    checkReplyTime(settingsOf(property), ticket, transition.input);
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
      await enteredHolidays(),
    );
    const changes = {
      ...(transition.changes as Record<string, unknown>),
      state: transition.nextState,
      slas,
      nextDueAt: nextMoment(
        {
          ...ticket,
          ...(transition.changes as Record<string, unknown>),
          state: transition.nextState,
          slas,
          slaRecorded: ticket.slaRecorded as string[] | undefined,
        },
        settings,
      ),
    };
    const next: Ticket = { ...ticket, ...changes, version: version + 1, updatedAt: transition.at };
    // The notices this action owes are kept in its own transaction, so none is lost if sending fails.
    const handOff = await pendingHandOff(ticket, next, transition, property);
    const ops: WriteOp[] = [
      {
        ...updateFrom(ticketItem(next), [...Object.keys(changes), 'version', 'updatedAt']),
        condition: '#version = :expected',
        values: { ':expected': version },
        onFail: stale(),
      },
      { put: actionEvent(ticket, transition) },
      ...transitionFigures(property, transition, ticket),
      ...chargeableItemOps(property, ticketId, transition),
      ...reportDayOps(property, ticketId, transition),
      ...photos.ops,
      ...(handOff ? [{ put: handOffItem(handOff) }] : []),
    ];
    await withPhotos(photos, () =>
      store.apply(ops, {
        action: `ticket.${action}`,
        entity: 'ticket',
        entityId: ticketId,
        // The kind and the (masked) input let the audit trail say what was done, as the timeline does.
        before: { kind: ticket.kind, state: ticket.state, version },
        after: {
          kind: ticket.kind,
          state: transition.nextState,
          version: version + 1,
          input: maskTicket((transition.input ?? {}) as Record<string, unknown>),
        },
      }),
    );
    await noticeHandOff(handOff);
    return { ticket: maskTicket(next), allowedActions: allowedActions(machine, next, actor) };
  },
);
