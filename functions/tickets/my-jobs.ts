import * as z from 'zod/mini';
import { pageQuery } from '../directory/schemas.ts';
import { useActor } from '../shared/actor.ts';
import { fn } from '../shared/fn.ts';
import { propertyStore } from '../shared/store.ts';
import { keys, ticketIndexKeys, ticketIndexPrefix } from '../shared/table.ts';
import { withThumbnails } from './attachments/service.ts';
import { maskTicket, type Ticket } from './records.ts';
import { withRooms } from './rooms.ts';
import { id } from './schemas.ts';

/**
 * 我的工单: the caller's own open tickets (those assigned to them), oldest first. The partition is
 * built from the caller's staff id, never from the request, so no one can list another's jobs.
 */
export const listMyJobs = fn(
  z.object({ propertyId: id, query: pageQuery }),
  async ({ propertyId, query }) => {
    const actor = useActor();
    const store = propertyStore(propertyId);
    await store.mustGet(keys.property(propertyId), 'Property');
    const page = await store.query<Ticket>({
      index: 'lookup',
      partition: ticketIndexKeys.jobsOfAssignee(propertyId, actor.staffId, true, 'x').lookupPk,
      beginsWith: ticketIndexPrefix.openJobs,
      limit: query.limit,
      cursor: query.cursor,
    });
    const jobs = await withThumbnails(propertyId, page.items.map(maskTicket));
    return { items: await withRooms(propertyId, jobs), cursor: page.cursor };
  },
);
