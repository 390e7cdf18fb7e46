/**
 * Hand-offs reach the person who takes over (docs/decisions/019-hand-off-notices.md): a ticket given
 * to someone (a repair dispatched or re-dispatched to another technician, a complaint or inquiry
 * assigned) tells them; a completed repair tells the property's desk and the ticket's first-question
 * owner (who took the call), who follow it up.
 *
 * Durable: the action's own transaction writes the notices it owes as one pending hand-off record
 * (`HANDOFF#<ticketId>#v<version>`, in the sparse `due` index). Right after the commit the action sends
 * them and removes the record; whatever a crash or a failed send left pending, the `hand-off-notices`
 * job sends the next minute. Every notice has a key made of the ticket, the version the action wrote
 * and the recipient, so a notice sent by both, or twice, is made once. (Missed appointments and
 * follow-ups falling due are moments of the SLA sweep: sla-moments.ts, sla-notify.ts.)
 */
import type { Property } from '../directory/records.ts';
import type { JobPayload, JobResult } from '../jobs/index.ts';
import { type NotifyInput, notify } from '../notifications/notify.ts';
import type { ChannelName, Notification } from '../notifications/records.ts';
import { asSystemOf } from '../shared/actor.ts';
import { AppError, conflict } from '../shared/errors.ts';
import { logger } from '../shared/log.ts';
import { propertyStore, readDue, type Store } from '../shared/store.ts';
import { dueShards, ticketKeys } from '../shared/table.ts';
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

/** One notice a hand-off owes one person: `notify`'s input, less the property the record is in. */
export type HandOffNotice = Omit<NotifyInput, 'propertyId'>;

/** The notices one action on a ticket owes, until they are sent (the pending hand-off record). */
export interface PendingHandOff {
  propertyId: string;
  ticketId: string;
  kind: Ticket['kind'];
  /** The ticket's version the action wrote. */
  version: number;
  /** When the action was taken: the record is due to the job from then. */
  at: string;
  notices: HandOffNotice[];
}

/**
 * The hand-off record an action owes, to be written in its own transaction; null when it hands the
 * ticket to nobody. `after` is the ticket as the action leaves it (the version it writes).
 */
export async function pendingHandOff(
  before: Ticket,
  after: Ticket,
  transition: Transition,
  property: Property,
): Promise<PendingHandOff | null> {
  const handOffs = await asSystemOf(property.id, () => handOffsOf(before, after, transition, property));
  const notices = handOffs.flatMap((h) =>
    [...new Set(h.recipients.filter(Boolean))].map(
      (recipientId): HandOffNotice => ({
        recipientId,
        kind: h.kind,
        ...inBoth(h.title, h.body),
        link: `/p/${property.id}/tickets/${after.id}`,
        subject: { type: 'ticket', id: after.id },
        channels: h.channels,
        idempotencyKey: handOffKey(after, h.step, recipientId),
      }),
    ),
  );
  if (!notices.length) return null;
  return {
    propertyId: property.id,
    ticketId: after.id,
    kind: after.kind,
    version: after.version,
    at: transition.at,
    notices,
  };
}

/** A refusal no retry can change (the recipient left the property, a key reused): dropped, logged. */
const isFinal = (error: unknown) =>
  error instanceof AppError && error.status >= 400 && error.status < 500 && error.code !== 'busy';

/**
 * Sends a pending hand-off's notices and removes its record, as the system of its property. Throws,
 * leaving the record for the job, when a notice could not be sent; answers whether this call removed
 * the record (false when another sender did first).
 */
async function sendHandOff(store: Store, pending: PendingHandOff): Promise<boolean> {
  const sent = await Promise.allSettled(
    pending.notices.map((notice) => notify({ propertyId: pending.propertyId, ...notice })),
  );
  const failures = sent.flatMap((s, i) => (s.status === 'rejected' ? [{ error: s.reason, i }] : []));
  for (const { error, i } of failures.filter((f) => isFinal(f.error)))
    logger.warn('Hand-off notice refused', {
      ticketId: pending.ticketId,
      recipientId: pending.notices[i]!.recipientId,
      error: error as Error,
    });
  const retry = failures.find((f) => !isFinal(f.error));
  if (retry) throw retry.error;
  try {
    await store.apply(
      [
        {
          delete: ticketKeys.handOff(pending.propertyId, pending.ticketId, pending.version),
          condition: 'attribute_exists(#pk)',
          onFail: conflict('already_sent', 'These hand-off notices were already sent'),
        },
      ],
      {
        action: 'ticket.handOff',
        entity: 'ticket',
        entityId: pending.ticketId,
        after: { kind: pending.kind, version: pending.version, notices: pending.notices.length },
      },
    );
    return true;
  } catch (error) {
    // The other sender (the action or a job run) removed it first, after sending the same notices.
    if (error instanceof AppError && error.code === 'already_sent') return false;
    throw error;
  }
}

/** Right after the action's commit: sends its hand-off at once; never fails the action (the job retries). */
export async function noticeHandOff(pending: PendingHandOff | null): Promise<void> {
  if (!pending) return;
  await asSystemOf(pending.propertyId, async () => {
    try {
      await sendHandOff(propertyStore(pending.propertyId), pending);
    } catch (error) {
      logger.warn('Hand-off notices left for the job', { ticketId: pending.ticketId, error: error as Error });
    }
  });
}

/**
 * The `hand-off-notices` job (every minute): reads only the hand-off partitions of the `due` index up
 * to `now` and sends each pending record as the system of its property. A record sent by the action
 * meanwhile, or by an overlapping run, is gone or sends nothing twice.
 */
export async function sendPendingHandOffs(now: Date): Promise<JobResult> {
  const result: JobResult = { read: 0, changed: 0 };
  let failed: unknown;
  for (let shard = 0; shard < dueShards; shard++) {
    for await (const { propertyId, ticketId, version } of readDue('handOff', shard, now.toISOString())) {
      if (version === undefined) continue;
      result.read += 1;
      await asSystemOf(propertyId, async () => {
        const store = propertyStore(propertyId);
        const pending = await store.get<PendingHandOff>(ticketKeys.handOff(propertyId, ticketId, version), {
          consistent: true,
        });
        if (!pending) return;
        try {
          if (await sendHandOff(store, pending)) result.changed += 1;
        } catch (error) {
          // One hand-off the database failed on does not hold up the others; the run still fails, and
          // the next one finds the record pending.
          failed ??= error;
        }
      });
    }
  }
  if (failed) throw failed;
  return result;
}

/** The job entry point: `scheduledAt` (the run's idempotency key) is the run's now. */
export const runHandOffNotices = (payload: JobPayload): Promise<JobResult> =>
  sendPendingHandOffs(payload.scheduledAt ? new Date(payload.scheduledAt) : new Date());
