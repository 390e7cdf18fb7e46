/**
 * The urgent complaint's notice clock (`notify`, 5 minutes, seed 004: "the responsible specialists and
 * the project manager are told within 5 minutes") measures reaching those people, not anyone's reply:
 * it stops `done` at the instant the notice has been delivered to the responsible person and to every
 * project manager of the property (the in-app notification counts once written, ../notifications/
 * delivered.ts), met when that is by its due time. It breaches only when the notice has not reached
 * them in time. Acknowledgement has its own clock (`acknowledge`, ../sla/standards.ts).
 *
 * Recorded right after the at-once notice (./urgent-notice.ts) and, should that have failed, by the
 * SLA sweep when the ladder's steps have reached them (./sla-sweep.ts).
 */
import { deliveredAt } from '../notifications/delivered.ts';
import { AppError } from '../shared/errors.ts';
import { type Store, updateFrom } from '../shared/store.ts';
import { ticketKeys } from '../shared/table.ts';
import { requiredStepsOf } from '../sla/standards.ts';
import { ticketItem } from './items.ts';
import type { Ticket } from './records.ts';
import { climbStart, nextMoment, type SlaMoment } from './sla-moments.ts';
import { momentNotifyKey, type PropertyContext, recipientsOf } from './sla-notify.ts';

/** The ladder steps that carry the notice (those naming a role the standard requires), done or not. */
export function noticeSteps(ticket: Ticket, ctx: Pick<PropertyContext, 'settings'>): SlaMoment[] {
  const roles = new Set(requiredStepsOf(ticket.kind, ticket.severity).map((s) => s.notify));
  const start = climbStart(ticket);
  if (!roles.size || !start) return [];
  const ladder = ctx.settings.policies[ticket.kind][ticket.severity].escalation;
  return ladder.flatMap((step, i) =>
    roles.has(step.notify)
      ? [
          {
            key: `escalation:${i}@${start}`,
            type: 'escalation' as const,
            clock: 'escalation',
            start,
            at: new Date(Date.parse(start) + step.afterMinutes * 60_000).toISOString(),
            step: i,
            notify: step.notify,
          },
        ]
      : [],
  );
}

/**
 * When the notice had reached everyone it must reach: the latest of their deliveries; null while one
 * of them (or a role with nobody in it: a property without a project manager) has not been reached.
 */
export async function noticeDeliveredAt(
  store: Store,
  ticket: Ticket,
  ctx: PropertyContext,
): Promise<{ at: string; recipientIds: string[] } | null> {
  const steps = noticeSteps(ticket, ctx);
  if (!steps.length) return null;
  let latest = '';
  const reached: string[] = [];
  for (const step of steps) {
    const recipients = await recipientsOf(ticket, step, ctx);
    if (!recipients.length) return null;
    for (const recipientId of recipients) {
      const at = await deliveredAt(store, {
        propertyId: ticket.propertyId,
        idempotencyKey: momentNotifyKey(ticket.id, step, recipientId),
      });
      if (!at) return null;
      if (at > latest) latest = at;
      reached.push(recipientId);
    }
  }
  return { at: latest, recipientIds: [...new Set(reached)] };
}

/**
 * Stops a running notice clock once the notice has reached everyone; returns the ticket as it now is
 * (unchanged when the clock does not run or someone is still to be reached). A concurrent change of the
 * ticket is read again and the stop retried.
 */
export async function settleUrgentNotice(
  store: Store,
  ticket: Ticket,
  ctx: PropertyContext,
): Promise<Ticket> {
  let current = ticket;
  for (let attempt = 0; attempt < 3; attempt++) {
    const sla = current.slas?.notify;
    if (sla?.status !== 'running') return current;
    const delivered = await noticeDeliveredAt(store, current, ctx);
    if (!delivered) return current;
    const slas = {
      ...current.slas,
      notify: {
        ...sla,
        status: 'done' as const,
        stoppedAt: delivered.at,
        met: sla.dueAt ? delivered.at <= sla.dueAt : true,
      },
    };
    const at = new Date().toISOString();
    const changes: Partial<Ticket> = {
      slas,
      noticeDelivery: delivered,
      nextDueAt: nextMoment(
        { ...current, slas, slaRecorded: current.slaRecorded as string[] | undefined },
        ctx.settings,
      ),
      version: current.version + 1,
      updatedAt: at,
    };
    const next = { ...current, ...changes } as Ticket;
    try {
      await store.apply(
        [
          {
            ...updateFrom(ticketItem(next), Object.keys(changes)),
            condition: '#version = :expected',
            values: { ':expected': current.version },
          },
        ],
        {
          action: 'ticket.sla',
          entity: 'ticket',
          entityId: current.id,
          // The kind lets the audit trail name the ticket, as the sweep's entries do.
          before: { kind: current.kind, version: current.version },
          after: {
            kind: current.kind,
            version: next.version,
            noticeDeliveredAt: delivered.at,
            met: slas.notify.met,
          },
        },
      );
      return next;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const fresh = await store.get<Ticket>(ticketKeys.ticket(current.propertyId, current.id), {
        consistent: true,
      });
      if (!fresh) return current;
      current = fresh;
    }
  }
  return current;
}
