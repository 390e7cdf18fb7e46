import { z } from '@hono/zod-openapi';
import { createDomain } from '../shared/http.ts';
import { jsonBody, ok, pageSchema, recordSchema } from '../shared/openapi.ts';
import { attachmentRoutes } from './attachments/routes.ts';
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
import {
  actOnTicket,
  getTicket,
  householdTimeline,
  listContacts,
  listTickets,
  recordContact,
} from './service.ts';

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
  async (c) => c.json(await recordContact({ ...c.req.valid('param'), contact: c.req.valid('json') }), 201),
);

tickets.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/contacts',
    permission: 'ledger.read',
    request: { params: propertyParams, query: contactQuery },
    responses: ok(pageSchema, 'The ledger of one day (phones masked)'),
  },
  async (c) => c.json(await listContacts({ ...c.req.valid('param'), query: c.req.valid('query') })),
);

tickets.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/tickets',
    permission: 'ticket.read',
    request: { params: propertyParams, query: ticketQuery },
    responses: ok(pageSchema, 'Tickets of the property, by kind and state'),
  },
  async (c) => c.json(await listTickets({ ...c.req.valid('param'), query: c.req.valid('query') })),
);

tickets.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/tickets/{ticketId}',
    permission: 'ticket.read',
    request: { params: ticketParams },
    responses: ok(recordSchema, 'The ticket, the actions the caller may take, and its timeline'),
  },
  async (c) => c.json(await getTicket(c.req.valid('param'))),
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

attachmentRoutes(tickets);
