import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '../../functions/shared/db.ts';
import { newId } from '../../functions/shared/ids.ts';
import { type Item, toRecord } from '../../functions/shared/store.ts';
import { tableName } from '../../functions/shared/table.ts';
import { searchTokenItems, ticketItem } from '../../functions/tickets/items.ts';
import type { Ticket } from '../../functions/tickets/records.ts';

/**
 * `count` open tickets written straight into the table (BatchWriteItem, a few batches in flight), each a
 * copy of `model` — a real ticket as the API stored it — under a new id, its keys made by the ticket's builder.
 * `dueAt`: the next SLA moment the copies carry in the `due` index (far away); without it they carry no
 * due keys, like tickets whose clocks are paused or done. `searchTokens`: the copies are found by these
 * (their token items written with them); without it they are in no search.
 */
export async function loadOpenTickets(
  model: Ticket,
  count: number,
  options: { dueAt?: string; concurrency?: number; searchTokens?: readonly string[] } = {},
): Promise<void> {
  const shape = toRecord<Ticket>(model as unknown as Record<string, unknown>);
  const tokens = options.searchTokens ?? [];
  const make = (): Item[] => {
    const ticket: Ticket = {
      ...shape,
      id: newId(),
      nextDueAt: options.dueAt ?? null,
      ...(options.searchTokens ? { searchTokens: [...tokens] } : {}),
    };
    return [ticketItem(ticket), ...searchTokenItems(ticket, tokens)];
  };
  // Whole tickets per batch (a ticket and its token items), at most 25 items.
  const perBatch = Math.max(1, Math.floor(25 / (1 + tokens.length)));
  let left = count;
  const worker = async () => {
    while (left > 0) {
      const take = Math.min(perBatch, left);
      const batch = Array.from({ length: take }, make).flat();
      left -= take;
      let request: Record<string, unknown[]> = {
        [tableName()]: batch.map((Item) => ({ PutRequest: { Item } })),
      };
      while (Object.keys(request).length) {
        const out = await ddb().send(
          new BatchWriteCommand({ RequestItems: request as never, ReturnConsumedCapacity: 'NONE' }),
        );
        request = (out.UnprocessedItems ?? {}) as typeof request;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 6 }, worker));
}
