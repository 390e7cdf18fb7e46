/**
 * Who an SLA moment tells, and telling them: the sweep and the urgent-complaint notice share this, so
 * both send a step under the same idempotency key and nobody hears of it twice.
 */

import type { Membership, Property } from '../directory/records.ts';
import { headOfficeStaffIds } from '../directory/staff.ts';
import { notify } from '../notifications/notify.ts';
import type { ChannelName, Notification } from '../notifications/records.ts';
import { logger } from '../shared/log.ts';
import type { Store } from '../shared/store.ts';
import { keys, skPrefix } from '../shared/table.ts';
import { isUnavailable } from '../shared/unavailable.ts';
import type { SlaSettings } from '../sla/policies.ts';
import { settingsOf } from '../sla/property-settings.ts';
import { machines } from './machines/index.ts';
import { type Both, inBoth, kindName, type Lang, localTime, titled } from './notice-texts.ts';
import type { Ticket } from './records.ts';
import type { SlaMoment } from './sla-moments.ts';

export interface PropertyContext {
  property: Property;
  settings: SlaSettings;
  managers: string[];
  /** The property's front desk (active members with the role): a repair's follow-up is theirs. */
  desk: string[];
  /** Read once per run, and only when a head-office step is due. */
  headOffice: () => Promise<string[]>;
}

/** The property's active managers and front desk, from its member list (one partition read). */
async function propertyMembers(store: Store, propertyId: string) {
  const managers: string[] = [];
  const desk: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<Membership & { id: string }>({
      partition: keys.property(propertyId).pk,
      beginsWith: skPrefix.membership,
      cursor,
    });
    for (const m of page.items) {
      if (!m.active) continue;
      if (m.roles.includes('property_manager')) managers.push(m.id);
      if (m.roles.includes('front_desk')) desk.push(m.id);
    }
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return { managers, desk };
}

/** Head office's staff, read at most once by whoever holds this (one sweep run). */
export function headOfficeOnce(): () => Promise<string[]> {
  let ids: Promise<string[]> | undefined;
  return () => {
    ids ??= headOfficeStaffIds();
    return ids;
  };
}

/** The property, its SLA settings, who manages it and who is at its desk. */
export async function propertyContext(
  store: Store,
  propertyId: string,
  headOffice = headOfficeOnce(),
): Promise<PropertyContext | null> {
  const property = await store.get<Property>(keys.property(propertyId));
  if (!property) return null;
  return {
    property,
    settings: settingsOf(property),
    ...(await propertyMembers(store, propertyId)),
    headOffice,
  };
}

/**
 * Who a moment tells: the ticket's responsible person (assignee, else the first-question owner); for a
 * repair's follow-up clock the desk, whose step it is (else the first-question owner); for a missed
 * appointment the technician and whoever dispatched the job.
 */
export async function recipientsOf(
  ticket: Ticket,
  moment: SlaMoment,
  ctx: PropertyContext,
): Promise<string[]> {
  const assignee = (ticket.assigneeId as string | null | undefined) ?? ticket.openedBy;
  const responsible = moment.clock === 'followUp' && ctx.desk.length ? ctx.desk : [assignee];
  let who: string[];
  if (moment.type === 'appointment') {
    who = [assignee, ticket.dispatchedBy as string];
  } else if (moment.type === 'escalation') {
    who =
      moment.notify === 'responsible_person'
        ? responsible
        : moment.notify === 'property_manager'
          ? ctx.managers
          : await ctx.headOffice();
  } else if (moment.type === 'breach') {
    who = [...responsible, ...ctx.managers];
  } else {
    who = responsible;
  }
  return [...new Set(who.filter(Boolean))];
}

/**
 * What the recipient reads first: what happened, then what the ticket is about (its number first when
 * it has one). The responsible person and the project manager hear of an urgent ticket as such
 * (possibly at once, see urgent-notice.ts); head office hears that nobody has taken it.
 */
function titleOf(ticket: Ticket, moment: SlaMoment, lang: Lang): string {
  const kind = kindName(ticket, lang);
  const zh = lang === 'zh';
  const what =
    moment.type === 'appointment'
      ? zh
        ? '预约上门时间已过，尚未开始维修'
        : 'Appointment passed, work not started'
      : moment.type === 'warning'
        ? moment.clock === 'followUp'
          ? zh
            ? '报修待回访'
            : 'Repair follow-up due'
          : zh
            ? `${kind}即将超时`
            : `${kind} due soon`
        : moment.type === 'breach'
          ? zh
            ? `${kind}已超时`
            : `${kind} overdue`
          : moment.notify === 'head_office'
            ? zh
              ? `紧急${kind}无人受理，已上报总部`
              : `Urgent ${kind.toLowerCase()} not taken, escalated to head office`
            : zh
              ? `紧急${kind}`
              : `Urgent ${kind.toLowerCase()}`;
  return titled(what, ticket, lang);
}

/** What to do, or the target and its due time in the property's time zone. */
function bodyOf(ticket: Ticket, moment: SlaMoment, ctx: PropertyContext, lang: Lang): string {
  const zh = lang === 'zh';
  if (moment.type === 'escalation')
    return moment.notify === 'head_office'
      ? zh
        ? '登记后至今无人受理，请督办'
        : 'Nobody has taken it since it was recorded: please follow it up'
      : zh
        ? '请立即受理'
        : 'Please take it now';
  const time = localTime(moment.at, ctx.property.timeZone, lang);
  if (moment.type === 'appointment')
    return zh
      ? `约定 ${time} 上门，请联系业户并开始维修或重新约定时间`
      : `The visit was agreed for ${time}: call the household, then start the work or agree a new time`;
  const slas = machines[ticket.kind].slas as Record<string, { label: Both } | undefined>;
  const target = slas[moment.clock]?.label[lang] ?? moment.clock;
  if (moment.type === 'warning') return zh ? `${target}：将于 ${time} 到期` : `${target}: due at ${time}`;
  return zh ? `${target}：已于 ${time} 超时，已记录` : `${target}: overdue since ${time}, recorded`;
}

/**
 * A warning goes in-app and by e-mail; a breach and an escalation step also by SMS. Which adapter
 * carries e-mail and SMS is the configuration's (NOTIFY_EMAIL, NOTIFY_SMS; the outbox locally).
 */
const channelsOf = (moment: SlaMoment): ChannelName[] =>
  moment.type === 'warning' ? ['inApp', 'email'] : ['inApp', 'email', 'sms'];

const kindOf = (ticket: Ticket, moment: SlaMoment): Notification['kind'] =>
  moment.type === 'appointment'
    ? 'appointment.missed'
    : moment.type === 'escalation'
      ? ticket.kind === 'complaint' && ticket.severity === 'urgent'
        ? 'complaint.urgent'
        : 'escalation'
      : moment.type === 'warning'
        ? moment.clock === 'followUp'
          ? 'followUp.due'
          : 'sla.warning'
        : 'sla.breach';

/** The idempotency key of one moment for one recipient: the same whoever sends it. */
export const momentNotifyKey = (ticketId: string, moment: SlaMoment, recipientId: string) =>
  `sla:${ticketId}:${moment.key}:${recipientId}`;

/**
 * Tells each recipient of the moment; one who cannot be told does not hold up the others. When the
 * database was unavailable for one of them this throws (after trying them all), so the sweep does not
 * record the moment and its next run tells whoever was missed — notify's key keeps the others to one.
 */
export async function notifyMoment(ticket: Ticket, moment: SlaMoment, ctx: PropertyContext): Promise<void> {
  const recipients = await recipientsOf(ticket, moment, ctx);
  let retryLater: unknown;
  await Promise.all(
    recipients.map(async (recipientId) => {
      try {
        await notify({
          propertyId: ticket.propertyId,
          recipientId,
          kind: kindOf(ticket, moment),
          ...inBoth(
            { zh: titleOf(ticket, moment, 'zh'), en: titleOf(ticket, moment, 'en') },
            { zh: bodyOf(ticket, moment, ctx, 'zh'), en: bodyOf(ticket, moment, ctx, 'en') },
          ),
          link: `/p/${ticket.propertyId}/tickets/${ticket.id}`,
          subject: { type: 'ticket', id: ticket.id },
          channels: channelsOf(moment),
          idempotencyKey: momentNotifyKey(ticket.id, moment, recipientId),
        });
      } catch (error) {
        if (isUnavailable(error)) retryLater ??= error;
        logger.warn('SLA notification failed', { ticketId: ticket.id, recipientId, error: error as Error });
      }
    }),
  );
  if (retryLater) throw retryLater;
}
