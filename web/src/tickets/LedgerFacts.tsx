import type { Contact, Ticket } from '../../../functions/contract.ts';
import { formatDateTime, t, tOr } from '../i18n.ts';

/**
 * Everything the front desk captured when the call was taken (the ledger entry that opened the ticket),
 * beside the ticket's own facts: who called and how, when, what they said, who took it, and what the
 * desk chose for the ticket (severity, place, complaint category, agreed reply time).
 */
export function LedgerFacts({
  contact,
  ticket,
  timeZone,
}: {
  contact: Contact & { ticket?: Record<string, unknown> };
  ticket: Ticket;
  /** The property's: the call's time and the agreed reply time read on its clock. */
  timeZone: string;
}) {
  const opened = contact.ticket ?? {};
  const rows: [string, string][] = [
    [t('find.callTime'), formatDateTime(contact.time, timeZone)],
    [t('ticket.channel'), tOr(`channel.${contact.channel}`, contact.channel)],
    [t('ticket.caller'), [contact.caller.name, contact.caller.phone].filter(Boolean).join(' ')],
    [t('ticket.unit'), contact.roomCode ?? ticket.roomCode ?? '—'],
    [t('ledger.category'), tOr(`category.${contact.category}`, contact.category)],
    [t('find.summary'), contact.summary],
    [t('find.takenBy'), contact.takenByName],
  ];
  const severity = opened.severity ?? ticket.severity;
  if (typeof severity === 'string')
    rows.push([t('find.severity'), t(`ledger.severity.${severity}` as never)]);
  if (typeof ticket.category === 'string')
    rows.push([t('find.category'), tOr(`complaintCategory.${ticket.category}`, ticket.category)]);
  const place = (opened.location as { place?: string } | undefined)?.place;
  if (place) rows.push([t('find.place'), place]);
  if (typeof opened.replyBy === 'string')
    rows.push([t('find.replyBy'), formatDateTime(opened.replyBy, timeZone)]);
  return (
    <section class="card" aria-label={t('find.ledgerFields')} data-testid="ledger-facts">
      <h2>{t('find.ledgerFields')}</h2>
      <dl class="facts">
        {rows.map(([label, value]) => (
          <div key={label} class="fact">
            <dt>{label}</dt>
            <dd>{value || '—'}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
