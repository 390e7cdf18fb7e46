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

/** 我的工单's two tabs: the jobs still to do, and those whose work is done. */
export const myJobsQuery = z.extend(pageQuery, { list: z._default(z.enum(['open', 'done']), 'open') });

/**
 * 我的工单: the caller's own tickets (those assigned to them): open ones oldest first, done ones
 * newest first. The partition is built from the caller's staff id, never from the request, so no one
 * can list another's jobs.
 */
export const listMyJobs = fn(
  z.object({ propertyId: id, query: myJobsQuery }),
  async ({ propertyId, query }) => {
    const actor = useActor();
    const store = propertyStore(propertyId);
    await store.mustGet(keys.property(propertyId), 'Property');
    const page = await store.query<Ticket>({
      index: 'lookup',
      partition: ticketIndexKeys.jobsOfAssignee(propertyId, actor.staffId, true, 'x').lookupPk,
      beginsWith: query.list === 'done' ? ticketIndexPrefix.doneJobs : ticketIndexPrefix.openJobs,
      newestFirst: query.list === 'done',
      limit: query.limit,
      cursor: query.cursor,
    });
    const jobs = await withThumbnails(propertyId, page.items.map(maskTicket));
    return { items: await withRooms(propertyId, jobs), cursor: page.cursor };
  },
);
