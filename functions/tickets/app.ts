import { z } from '@hono/zod-openapi';
import { pageQuery } from '../directory/schemas.ts';
import { createDomain } from '../shared/http.ts';
import { count } from '../shared/log.ts';
import { jsonBody, ok, pageSchema, recordSchema } from '../shared/openapi.ts';
import { attachmentRoutes } from './attachments/routes.ts';
import { chargeableItemQuery, listChargeableItems } from './chargeable-items.ts';
import { companyFigures, figuresQuery, propertyFigures } from './figures-read.ts';
import { infoFileRoutes } from './info-file.ts';
import { ticketKinds } from './kinds.ts';
import { ledgerReviewRoutes } from './ledger-review.ts';
import { listMyJobs } from './my-jobs.ts';
import { getTicket, householdTimeline, listContacts, listTickets } from './reads.ts';
import { withRooms } from './rooms.ts';
import {
  actionBody,
  actionParams,
  contactCreate,
  contactQuery,
  householdParams,
  propertyParams,
  ticketParams,
  ticketQuery,
} from './schemas.ts';
import { actOnTicket, recordContact } from './service.ts';
import { slaSettingsRoutes } from './sla-settings.ts';

export const tickets = createDomain('tickets');

tickets.route(
  {
    method: 'post',
    path: '/properties/{propertyId}/contacts',
    permission: 'ledger.write',
    request: { params: propertyParams, ...jsonBody(contactCreate) },
    responses: ok(
      recordSchema,
      'The ledger entry and, for a repair, complaint or inquiry, its new ticket',
      201,
    ),
  },
  async (c) => {
    const recorded = await recordContact({ ...c.req.valid('param'), contact: c.req.valid('json') });
    count('ContactsRecorded');
    return c.json(recorded, 201);
  },
);

tickets.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/contacts',
    permission: 'ledger.read',
    request: { params: propertyParams, query: contactQuery },
    responses: ok(pageSchema, 'The ledger of one day (phones masked)'),
  },
  async (c) => {
    const { propertyId } = c.req.valid('param');
    const page = await listContacts({ propertyId, query: c.req.valid('query') });
    return c.json({ ...page, items: await withRooms(propertyId, page.items) });
  },
);

tickets.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/tickets',
    permission: 'ticket.read',
    request: { params: propertyParams, query: ticketQuery },
    responses: ok(pageSchema, 'Tickets of the property, by kind and state'),
  },
  async (c) => {
    const { propertyId } = c.req.valid('param');
    const page = await listTickets({ propertyId, query: c.req.valid('query') });
    return c.json({ ...page, items: await withRooms(propertyId, page.items) });
  },
);

tickets.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/my-jobs',
    permission: 'ticket.read',
    request: { params: propertyParams, query: pageQuery },
    responses: ok(pageSchema, 'The open tickets assigned to the caller (我的工单), oldest first'),
  },
  async (c) => c.json(await listMyJobs({ ...c.req.valid('param'), query: c.req.valid('query') })),
);

tickets.route(
  {
    method: 'get',
    path: '/kinds',
    permission: 'ticket.read',
    responses: ok(recordSchema, 'Ticket kinds: labels of states, actions and SLA clocks; action form fields'),
  },
  async (c) => c.json(ticketKinds()),
);

tickets.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/tickets/{ticketId}',
    permission: 'ticket.read',
    request: { params: ticketParams },
    responses: ok(recordSchema, 'The ticket, the actions the caller may take, and its timeline'),
  },
  async (c) => {
    const detail = await getTicket(c.req.valid('param'));
    const [ticket] = await withRooms(detail.ticket.propertyId, [detail.ticket]);
    return c.json({ ...detail, ticket });
  },
);

tickets.route(
  {
    method: 'post',
    path: '/properties/{propertyId}/tickets/{ticketId}/actions/{action}',
    permission: 'ticket.act',
    request: { params: actionParams, ...jsonBody(actionBody) },
    responses: ok(recordSchema, 'The ticket after the action'),
  },
  async (c) => c.json(await actOnTicket({ ...c.req.valid('param'), ...c.req.valid('json') })),
);

tickets.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/households/{householdId}/timeline',
    permission: 'ticket.read',
    request: { params: householdParams, query: z.strictObject({ cursor: z.string().max(2048).optional() }) },
    responses: ok(pageSchema, 'Ticket events about the household, oldest first'),
  },
  async (c) => c.json(await householdTimeline({ ...c.req.valid('param'), ...c.req.valid('query') })),
);

tickets.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/figures',
    permission: 'ticket.read',
    request: { params: propertyParams, query: figuresQuery },
    responses: ok(recordSchema, 'Tickets now (open, overdue) and the day figures from `from` to `to`'),
  },
  async (c) => c.json(await propertyFigures({ ...c.req.valid('param'), query: c.req.valid('query') })),
);

tickets.route(
  {
    method: 'get',
    path: '/figures',
    permission: 'ticket.read',
    request: { query: figuresQuery },
    responses: ok(recordSchema, 'The same figures for every property the caller may see (head office: all)'),
  },
  async (c) => c.json(await companyFigures(c.req.valid('query'))),
);

tickets.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/chargeable-items',
    permission: 'chargeable.read',
    request: { params: propertyParams, query: chargeableItemQuery },
    responses: ok(
      pageSchema,
      'Confirmed paid-service fees of one billing month (default: the bill drawn next)',
    ),
  },
  async (c) => c.json(await listChargeableItems({ ...c.req.valid('param'), query: c.req.valid('query') })),
);
slaSettingsRoutes(tickets);
infoFileRoutes(tickets);
ledgerReviewRoutes(tickets);
attachmentRoutes(tickets);
