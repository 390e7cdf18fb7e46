/**
 * Who an SLA moment tells, and telling them: the sweep and the urgent-complaint notice share this, so
 * both send a step under the same idempotency key and nobody hears of it twice.
 */

import type { Membership, Property } from '../directory/records.ts';
import { headOfficeStaffIds } from '../directory/staff.ts';
import { notify } from '../notifications/notify.ts';
import type { ChannelName } from '../notifications/records.ts';
import { logger } from '../shared/log.ts';
import type { Store } from '../shared/store.ts';
import { keys, skPrefix } from '../shared/table.ts';
import { isUnavailable } from '../shared/unavailable.ts';
import type { SlaSettings } from '../sla/policies.ts';
import { settingsOf } from '../sla/property-settings.ts';
import { machines } from './machines/index.ts';
import type { Ticket } from './records.ts';
import type { SlaMoment } from './sla-moments.ts';

export interface PropertyContext {
  property: Property;
  settings: SlaSettings;
  managers: string[];
  /** Read once per run, and only when a head-office step is due. */
  headOffice: () => Promise<string[]>;
}

async function propertyManagers(store: Store, propertyId: string): Promise<string[]> {
  const managers: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.query<Membership & { id: string }>({
      partition: keys.property(propertyId).pk,
      beginsWith: skPrefix.membership,
      cursor,
    });
    for (const m of page.items) if (m.active && m.roles.includes('property_manager')) managers.push(m.id);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return managers;
}

/** Head office's staff, read at most once by whoever holds this (one sweep run). */
export function headOfficeOnce(): () => Promise<string[]> {
  let ids: Promise<string[]> | undefined;
  return () => {
    ids ??= headOfficeStaffIds();
    return ids;
  };
}

/** The property, its SLA settings and who manages it. */
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
    managers: await propertyManagers(store, propertyId),
    headOffice,
  };
}

/** Who a moment tells: the ticket's responsible person (assignee, else the first-question owner). */
export async function recipientsOf(
  ticket: Ticket,
  moment: SlaMoment,
  ctx: PropertyContext,
): Promise<string[]> {
  const responsible = (ticket.assigneeId as string | null | undefined) ?? ticket.openedBy;
  let who: string[];
  if (moment.type === 'escalation') {
    who =
      moment.notify === 'responsible_person'
        ? [responsible]
        : moment.notify === 'property_manager'
          ? ctx.managers
          : await ctx.headOffice();
  } else if (moment.type === 'breach') {
    who = [responsible, ...ctx.managers];
  } else {
    who = [responsible];
  }
  return [...new Set(who.filter(Boolean))];
}

const kindNames = { repair: '报修', complaint: '投诉', inquiry: '咨询' } as const;

/**
 * What the recipient reads first: what happened, then what the ticket is about. The responsible person
 * and the project manager hear of an urgent ticket as such (possibly at once, see urgent-notice.ts);
 * head office hears that nobody has taken it.
 */
function titleOf(ticket: Ticket, moment: SlaMoment): string {
  const kind = kindNames[ticket.kind];
  const what =
    moment.type === 'warning'
      ? `${kind}即将超时`
      : moment.type === 'breach'
        ? `${kind}已超时`
        : moment.notify === 'head_office'
          ? `紧急${kind}无人受理，已上报总部`
          : `紧急${kind}`;
  const about = String(ticket.content ?? ticket.question ?? '').trim();
  return (about ? `${what}：${about}` : what).slice(0, 120);
}

/** What to do, or the target and its due time in the property's time zone. */
function bodyOf(ticket: Ticket, moment: SlaMoment, ctx: PropertyContext): string {
  if (moment.type === 'escalation')
    return moment.notify === 'head_office' ? '登记后至今无人受理，请督办' : '请立即受理';
  const time = new Intl.DateTimeFormat('zh-CN', {
    timeZone: ctx.property.timeZone,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(moment.at));
  const slas = machines[ticket.kind].slas as Record<string, { label: { zh: string } } | undefined>;
  const target = slas[moment.clock]?.label.zh ?? moment.clock;
  return moment.type === 'warning' ? `${target}：将于 ${time} 到期` : `${target}：已于 ${time} 超时，已记录`;
}

/**
 * A warning goes in-app and by e-mail; a breach and an escalation step also by SMS. Which adapter
 * carries e-mail and SMS is the configuration's (NOTIFY_EMAIL, NOTIFY_SMS; the outbox locally).
 */
const channelsOf = (moment: SlaMoment): ChannelName[] =>
  moment.type === 'warning' ? ['inApp', 'email'] : ['inApp', 'email', 'sms'];

/** The idempotency key of one moment for one recipient: the same whoever sends it. */
export const momentNotifyKey = (ticketId: string, moment: SlaMoment, recipientId: string) =>
  `sla:${ticketId}:${moment.key}:${recipientId}`;

/**
 * Tells each recipient of the moment; one who cannot be told does not hold up the others. When the
 * database was unavailable for one of them this throws (after trying them all), so the sweep does not
 * record the moment and its next run tells whoever was missed — notify's key keeps the others to one.
 */
export async function notifyMoment(ticket: Ticket, moment: SlaMoment, ctx: PropertyContext): Promise<void> {
  const urgentComplaint = ticket.kind === 'complaint' && ticket.severity === 'urgent';
  const recipients = await recipientsOf(ticket, moment, ctx);
  let retryLater: unknown;
  await Promise.all(
    recipients.map(async (recipientId) => {
      try {
        await notify({
          propertyId: ticket.propertyId,
          recipientId,
          kind:
            moment.type === 'escalation'
              ? urgentComplaint
                ? 'complaint.urgent'
                : 'escalation'
              : moment.type === 'warning'
                ? 'sla.warning'
                : 'sla.breach',
          title: titleOf(ticket, moment),
          body: bodyOf(ticket, moment, ctx),
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
