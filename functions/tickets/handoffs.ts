/**
 * Hand-offs reach the person who takes over (docs/decisions/019-hand-off-notices.md): a ticket given
 * to someone (a repair dispatched or re-dispatched to another technician, a complaint or inquiry
 * assigned) tells them; a completed repair tells the property's desk and the ticket's first-question
 * owner (who took the call), who follow it up. Sent right after the action's transaction commits,
 * as the system of the property, under keys made of the ticket and the version the action wrote: a
 * retried notice finds its notifications made and sends nothing twice. (Missed appointments and
 * follow-ups falling due are moments of the SLA sweep: sla-moments.ts, sla-notify.ts.)
 */
import type { Property } from '../directory/records.ts';
import { notify } from '../notifications/notify.ts';
import type { ChannelName, Notification } from '../notifications/records.ts';
import { asSystemOf } from '../shared/actor.ts';
import { logger } from '../shared/log.ts';
import { propertyStore } from '../shared/store.ts';
import type { Transition } from './machines/index.ts';
import { inBoth, kindName, localTime, titled } from './notice-texts.ts';
import type { Ticket } from './records.ts';
import { withRooms } from './rooms.ts';
import { propertyContext } from './sla-notify.ts';

interface HandOff {
  kind: Notification['kind'];
  /** The step of the ticket this notice is about; with the ticket's version, its idempotency key. */
  step: string;
  recipients: string[];
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  channels: ChannelName[];
}

/** The idempotency key of one hand-off notice for one recipient: one per action taken on the ticket. */
export const handOffKey = (ticket: Pick<Ticket, 'id' | 'version'>, step: string, recipientId: string) =>
  `handoff:${ticket.id}:${step}@v${ticket.version}:${recipientId}`;

/** Where the job is, as the technician finds it: the room, else the place described. */
const placeOf = (ticket: Ticket & { roomCode?: string }) =>
  ticket.roomCode ?? (ticket.location as { place?: string } | undefined)?.place ?? '';

/** The hand-offs an action owes; `after` is the ticket as the action left it. */
async function handOffsOf(
  before: Ticket,
  after: Ticket,
  transition: Transition,
  property: Property,
): Promise<HandOff[]> {
  const out: HandOff[] = [];
  const assignee = after.assigneeId ?? null;
  if (assignee && assignee !== before.assigneeId && assignee !== transition.by) {
    const [withRoom] = await withRooms(property.id, [after]);
    const place = placeOf(withRoom as Ticket & { roomCode?: string });
    const appointment = typeof after.appointmentAt === 'string' ? after.appointmentAt : null;
    const when = (lang: 'zh' | 'en') => (appointment ? localTime(appointment, property.timeZone, lang) : '');
    out.push({
      kind: 'ticket.assigned',
      step: 'assigned',
      recipients: [assignee],
      title: {
        zh: titled(`${kindName(after, 'zh')}已派给你`, after, 'zh'),
        en: titled(`${kindName(after, 'en')} assigned to you`, after, 'en'),
      },
      body: {
        zh: [place && `地点：${place}`, appointment ? `预约上门：${when('zh')}` : '请联系业户约定上门时间']
          .filter(Boolean)
          .join('；'),
        en: [
          place && `Where: ${place}`,
          appointment ? `Visit agreed for ${when('en')}` : 'Call the household to agree a visit',
        ]
          .filter(Boolean)
          .join('; '),
      },
      // A technician is out on the estate: the SMS reaches them where the dashboard may not be open.
      channels: ['inApp', 'sms'],
    });
  }
  if (after.kind === 'repair' && transition.action === 'complete') {
    const ctx = await propertyContext(propertyStore(property.id), property.id);
    out.push({
      kind: 'ticket.completed',
      step: 'completed',
      recipients: [...(ctx?.desk ?? []), after.openedBy].filter((id) => id !== transition.by),
      title: {
        zh: titled('报修已完工', after, 'zh'),
        en: titled('Repair completed', after, 'en'),
      },
      body: {
        zh: '请业户验收并回访',
        en: 'Have the household accept it, then follow it up',
      },
      channels: ['inApp', 'email'],
    });
  }
  return out;
}

/**
 * Sends what an action on a ticket owes the people it hands the ticket to; never fails the action
 * (it is recorded; a notice that could not be sent is logged).
 */
export async function noticeHandOff(
  before: Ticket,
  after: Ticket,
  transition: Transition,
  property: Property,
): Promise<void> {
  await asSystemOf(property.id, async () => {
    try {
      const handOffs = await handOffsOf(before, after, transition, property);
      await Promise.all(
        handOffs.flatMap((h) =>
          [...new Set(h.recipients.filter(Boolean))].map((recipientId) =>
            notify({
              propertyId: property.id,
              recipientId,
              kind: h.kind,
              ...inBoth(h.title, h.body),
              link: `/p/${property.id}/tickets/${after.id}`,
              subject: { type: 'ticket', id: after.id },
              channels: h.channels,
              idempotencyKey: handOffKey(after, h.step, recipientId),
            }).catch((error: unknown) => {
              logger.warn('Hand-off notice failed', {
                ticketId: after.id,
                recipientId,
                error: error as Error,
              });
            }),
          ),
        ),
      );
    } catch (error) {
      logger.warn('Hand-off notices failed', { ticketId: after.id, error: error as Error });
    }
  });
}
