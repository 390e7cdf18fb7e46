import * as z from 'zod/mini';
import { readInProperty } from '../directory/properties.ts';
import { fn } from '../shared/fn.ts';
import { keys, skPrefix } from '../shared/table.ts';
import type { OutboxEntry } from './records.ts';
import { id, pageQuery } from './schemas.ts';

/** E-mails and SMS of a property's notifications, newest first, with their delivery status. */
export const listOutbox = fn(z.object({ propertyId: id, page: pageQuery }), ({ propertyId, page }) =>
  readInProperty(propertyId, (store) =>
    store.query<OutboxEntry>({
      partition: keys.property(propertyId).pk,
      beginsWith: skPrefix.outbox,
      newestFirst: true,
      ...page,
    }),
  ),
);
