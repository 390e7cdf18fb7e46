/**
 * An agreed reply time (an inquiry's `replyBy`, set in the ledger entry, when agreeing, transferring or
 * renegotiating) must lie ahead, and no further than the property's horizon for that inquiry
 * (the answer target's `horizonDays`, 30 days by default, ../sla/standards.ts). A time in the past
 * would be due at once and make an immediate answer late; one a year out is a typing slip.
 */
import { unprocessable } from '../shared/errors.ts';
import { policyFor, type Severity, type SlaSettings } from '../sla/policies.ts';
import type { TicketKind } from './machines/index.ts';

const DAY = 86_400_000;
export const defaultReplyHorizonDays = 30;

export function checkReplyTime(
  settings: SlaSettings,
  ticket: { kind: TicketKind; severity: Severity; replyBy?: unknown },
  input: unknown,
  now = Date.now(),
): void {
  const replyBy = (input as { replyBy?: unknown } | null)?.replyBy;
  if (ticket.kind !== 'inquiry' || typeof replyBy !== 'string') return;
  // Repeating the time already agreed (a transfer names it again) is no new agreement.
  if (typeof ticket.replyBy === 'string' && Date.parse(ticket.replyBy) === Date.parse(replyBy)) return;
  const at = Date.parse(replyBy);
  if (at <= now) {
    throw unprocessable(
      'reply_time_in_past',
      'The agreed reply time has already passed: agree a time ahead',
      {
        replyBy,
      },
    );
  }
  const target = policyFor(settings, 'inquiry', ticket.severity).targets.answer;
  const horizonDays = (target.measure === 'agreed' && target.horizonDays) || defaultReplyHorizonDays;
  if (at > now + horizonDays * DAY) {
    throw unprocessable(
      'reply_time_too_far',
      `The agreed reply time is more than ${horizonDays} days ahead`,
      { replyBy, horizonDays },
    );
  }
}
