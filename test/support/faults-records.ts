import { createHash } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../../functions/shared/db.ts';
import { propertyPrefix, tableName } from '../../functions/shared/table.ts';

type Item = Record<string, unknown> & { pk: string; sk: string };

/** Every item of one partition, raw (keys included), in sort-key order: Query pages, never a Scan. */
export async function partitionItems(pk: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await ddb().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...((out.Items ?? []) as Item[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** One checksum of every item of `partitions` (read in parallel): equal before and after means nothing was written. */
export async function footprint(partitions: string[]): Promise<string> {
  const pages = await Promise.all(partitions.map(partitionItems));
  return createHash('sha256').update(JSON.stringify(pages)).digest('hex');
}

/**
 * The front desk's records that must exist together (each change is one transaction): a contact and
 * the ticket it opened, the ticket's timeline entries and audit entries (one per step), the day
 * counters and the contacts they count, a pending hand-off and its ticket's action, a notification and
 * its guard, outbox entries and audit entry.
 * Returns one line per broken link; empty means no partial record.
 */
export async function partialRecords(propertyId: string): Promise<string[]> {
  const items = await partitionItems(propertyPrefix(propertyId));
  const guards = await partitionItems(`${propertyPrefix(propertyId)}#UNIQUE`);
  const of = (prefix: string) => items.filter((i) => i.sk.startsWith(prefix));
  const contacts = of('CONTACT#');
  const tickets = new Map(of('TICKET#').map((t) => [t.id as string, t]));
  const events = of('TICKETEVENT#');
  const audits = of('AUDIT#');
  const notifications = of('NOTIFICATION#');
  const outbox = of('OUTBOX#');
  const problems: string[] = [];

  const auditedContacts = new Set(audits.filter((a) => a.entity === 'contact').map((a) => a.entityId));
  for (const contact of contacts) {
    if (!auditedContacts.has(contact.id)) problems.push(`contact ${contact.id} has no audit entry`);
    if (contact.ticketId && !tickets.has(contact.ticketId as string))
      problems.push(`contact ${contact.id} names ticket ${contact.ticketId}, which is missing`);
  }
  const contactIds = new Set(contacts.map((c) => c.id));
  for (const audit of audits.filter((a) => a.action === 'contact.create'))
    if (!contactIds.has(audit.entityId)) problems.push(`audit ${audit.id} records a contact that is missing`);

  for (const [id, ticket] of tickets) {
    if (!contactIds.has(ticket.contactId)) problems.push(`ticket ${id} has no contact`);
    const own = events.filter((e) => e.ticketId === id);
    // Sending a hand-off's notices is audited on the ticket too, but changes nothing on it.
    const audited = audits.filter(
      (a) => a.entity === 'ticket' && a.entityId === id && a.action !== 'ticket.handOff',
    );
    const sweeps = audited.filter((a) => a.action === 'ticket.sla');
    const steps = own.filter((e) => !String(e.action).startsWith('sla.')).length;
    // One timeline entry for the opening (audited with the contact), then one entry and audit per action;
    // a sweep's one audit entry names every moment (timeline entry) its transaction recorded.
    if (steps !== audited.length - sweeps.length + 1)
      problems.push(
        `ticket ${id}: ${steps} timeline entries for ${audited.length - sweeps.length} audited actions`,
      );
    // A warning is recorded on the ticket only; breaches and escalation steps get a timeline entry each.
    const moments = sweeps
      .flatMap((a) => String((a.after as { recorded?: string } | null)?.recorded ?? '').split(', '))
      .filter((key) => key && !key.includes(':warning@')).length;
    if (own.length - steps !== moments)
      problems.push(
        `ticket ${id}: ${own.length - steps} SLA timeline entries for ${moments} audited moments`,
      );
    if (ticket.version !== audited.length + 1)
      problems.push(`ticket ${id}: version ${ticket.version} after ${audited.length} audited changes`);
  }
  for (const event of events)
    if (!tickets.has(event.ticketId as string)) problems.push(`timeline entry ${event.id} has no ticket`);
  // A pending hand-off is written by its ticket's action, in the same transaction.
  for (const handOff of of('HANDOFF#')) {
    const ticket = tickets.get(handOff.ticketId as string);
    if (!ticket || Number(ticket.version) < Number(handOff.version))
      problems.push(`hand-off ${handOff.sk} has no ticket action behind it`);
  }

  const counted = of('DAY#').reduce((sum, d) => sum + Number(d.contacts ?? 0), 0);
  if (counted !== contacts.length)
    problems.push(`the day counters count ${counted} contacts, the ledger has ${contacts.length}`);

  const guarded = new Set(guards.filter((g) => g.sk.startsWith('notify#')).map((g) => g.notificationId));
  const auditedNotifications = new Set(
    audits.filter((a) => a.entity === 'notification').map((a) => a.entityId),
  );
  for (const n of notifications) {
    if (!guarded.has(n.id)) problems.push(`notification ${n.id} has no idempotency guard`);
    if (!auditedNotifications.has(n.id)) problems.push(`notification ${n.id} has no audit entry`);
  }
  const notificationIds = new Set(notifications.map((n) => n.id));
  for (const guard of guards.filter((g) => g.sk.startsWith('notify#')))
    if (!notificationIds.has(guard.notificationId)) problems.push(`guard ${guard.sk} has no notification`);
  for (const entry of outbox)
    if (!notificationIds.has(entry.notificationId)) problems.push(`outbox ${entry.sk} has no notification`);
  return problems;
}
