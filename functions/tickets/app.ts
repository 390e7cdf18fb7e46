import * as z from 'zod/mini';
import { reportRoutes } from '../reports/routes.ts';
import { createDomain } from '../shared/http.ts';
import { count } from '../shared/log.ts';
import { components, jsonBody, ok, page } from '../shared/openapi.ts';
import { attachmentRoutes } from './attachments/routes.ts';
import { chargeableItemQuery, listChargeableItems } from './chargeable-items.ts';
import { companyFigures, figuresQuery, propertyFigures } from './figures-read.ts';
import { historyRoutes } from './history-routes.ts';
import { holidayCalendarRoutes } from './holiday-calendar-routes.ts';
import { infoFileRoutes } from './info-file.ts';
import { ticketKinds } from './kinds.ts';
import { ledgerReviewRoutes } from './ledger-review.ts';
import { listMyJobs, myJobsQuery } from './my-jobs.ts';
import { getTicket, householdTimeline, listContacts, listTickets } from './reads.ts';
import { revealPhoneRoutes } from './reveal-phone.ts';
import { withRooms } from './rooms.ts';
import {
  actedTicket,
  actionBody,
  actionParams,
  chargeableItemRecord,
  companyFiguresRecord,
  contactCreate,
  contactQuery,
  contactRecord,
  householdParams,
  kindsRecord,
  propertyFiguresRecord,
  propertyParams,
  recordedContact,
  ticketDetail,
  ticketEventRecord,
  ticketParams,
  ticketQuery,
  ticketRecord,
} from './schemas.ts';
import { actOnTicket, recordContact } from './service.ts';
import { slaSettingsRoutes } from './sla-settings.ts';

export const tickets = createDomain('tickets');

tickets.route(
  {
    method: 'post',
    path: '/properties/{propertyId}/contacts',
    operationId: 'recordContact',
    summary: 'Record a contact in the front-desk ledger (and open its ticket)',
    permission: 'ledger.write',
    request: { params: propertyParams, ...jsonBody(contactCreate) },
    errors: {
      422: 'The household is not in the unit, the contact time is in the future, or a named colleague is not of this property',
    },
    responses: ok(
      recordedContact,
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
    operationId: 'listContacts',
    summary: 'Read one day of the front-desk ledger',
    permission: 'ledger.read',
    request: { params: propertyParams, query: contactQuery },
    responses: ok(
      page(contactRecord).register(components, { id: 'ContactPage' }),
      'The ledger of one day (phones masked)',
    ),
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
    operationId: 'listTickets',
    summary: "List or search a property's tickets: by kind and state, due soonest or newest",
    permission: 'ticket.read',
    request: { params: propertyParams, query: ticketQuery },
    errors: { 422: '`q` has nothing to search by (a lone Chinese character, punctuation only)' },
    responses: ok(
      page(ticketRecord).register(components, { id: 'TicketPage' }),
      'Tickets of the property. With `q`: those matching every word, newest first (ordered by due time with `sort=due`); a page may hold fewer than `limit` with a cursor to read on. `sort=due`: open tickets, overdue first. `sort=newest`: newest first. Neither: by kind and state',
    ),
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
    operationId: 'listMyJobs',
    summary: 'List the tickets assigned to the caller (我的工单): open, or done',
    permission: 'ticket.read',
    request: { params: propertyParams, query: myJobsQuery },
    responses: ok(
      page(ticketRecord).register(components, { id: 'MyJobsPage' }),
      'The tickets assigned to the caller (我的工单): open ones oldest first, done ones newest first',
    ),
  },
  async (c) => c.json(await listMyJobs({ ...c.req.valid('param'), query: c.req.valid('query') })),
);

tickets.route(
  {
    method: 'get',
    path: '/kinds',
    operationId: 'listTicketKinds',
    summary: 'Describe the ticket kinds: states, actions, SLA clocks and action forms',
    permission: 'ticket.read',
    responses: ok(kindsRecord, 'Ticket kinds: labels of states, actions and SLA clocks; action form fields'),
  },
  async (c) => c.json(ticketKinds()),
);

tickets.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/tickets/{ticketId}',
    operationId: 'getTicket',
    summary: "Read a ticket with its timeline, photos and the caller's actions",
    permission: 'ticket.read',
    request: { params: ticketParams },
    responses: ok(ticketDetail, 'The ticket, the actions the caller may take, and its timeline'),
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
    operationId: 'actOnTicket',
    summary: 'Take an action on a ticket (assign, complete, reply, ...)',
    permission: 'ticket.act',
    request: { params: actionParams, ...jsonBody(actionBody) },
    errors: {
      400: 'Not an action of this kind of ticket, or its input is not valid',
      403: 'The caller’s roles (or assignment) do not allow this action',
      404: 'No such ticket, or the action does not exist for its kind',
      409: 'The ticket was changed since `version` was read, or the action is not allowed in its state',
      422: 'The input names something that does not fit the ticket (a colleague, a photo, an information-file entry, a time)',
    },
    responses: ok(actedTicket, 'The ticket after the action, and the actions the caller may take next'),
  },
  async (c) => c.json(await actOnTicket({ ...c.req.valid('param'), ...c.req.valid('json') })),
);

tickets.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/households/{householdId}/timeline',
    operationId: 'listHouseholdTimeline',
    summary: 'Read the ticket events about a household, oldest first',
    permission: 'ticket.read',
    request: {
      params: householdParams,
      query: z.strictObject({ cursor: z.optional(z.string().check(z.maxLength(2048))) }),
    },
    responses: ok(
      page(ticketEventRecord).register(components, { id: 'TicketEventPage' }),
      'Ticket events about the household, oldest first',
    ),
  },
  async (c) => c.json(await householdTimeline({ ...c.req.valid('param'), ...c.req.valid('query') })),
);

tickets.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/figures',
    operationId: 'getPropertyFigures',
    summary: "Read a property's ticket figures, now and per day",
    permission: 'ticket.read',
    request: { params: propertyParams, query: figuresQuery },
    errors: { 422: 'The range is not valid or longer than the figures keep' },
    responses: ok(
      propertyFiguresRecord,
      'Tickets now (open, overdue) and the day figures from `from` to `to`',
    ),
  },
  async (c) => c.json(await propertyFigures({ ...c.req.valid('param'), query: c.req.valid('query') })),
);

tickets.route(
  {
    method: 'get',
    path: '/figures',
    operationId: 'getCompanyFigures',
    summary: 'Read the ticket figures of every visible property side by side',
    permission: 'ticket.read',
    request: { query: figuresQuery },
    errors: { 422: 'The range is not valid or longer than the figures keep' },
    responses: ok(
      companyFiguresRecord,
      'The same figures for every property the caller may see (head office: all)',
    ),
  },
  async (c) => c.json(await companyFigures(c.req.valid('query'))),
);

tickets.route(
  {
    method: 'get',
    path: '/properties/{propertyId}/chargeable-items',
    operationId: 'listChargeableItems',
    summary: 'List the confirmed paid-service fees of a billing month',
    permission: 'chargeable.read',
    request: { params: propertyParams, query: chargeableItemQuery },
    responses: ok(
      page(chargeableItemRecord).register(components, { id: 'ChargeableItemPage' }),
      'Confirmed paid-service fees of one billing month (default: the bill drawn next)',
    ),
  },
  async (c) => c.json(await listChargeableItems({ ...c.req.valid('param'), query: c.req.valid('query') })),
);
slaSettingsRoutes(tickets);
holidayCalendarRoutes(tickets);
infoFileRoutes(tickets);
ledgerReviewRoutes(tickets);
attachmentRoutes(tickets);
historyRoutes(tickets);
revealPhoneRoutes(tickets);
reportRoutes(tickets);
