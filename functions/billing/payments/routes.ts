/** Payments and receipts (收款与收据): the front desk's look-up, taking a payment, receipts and reprints. */
import type { Domain } from '../../shared/http.ts';
import { components, jsonBody, ok, page } from '../../shared/openapi.ts';
import { householdParams, propertyParams } from '../../tickets/schemas.ts';
import { roomOpenRequestsOf, roomParams } from './desk.ts';
import { listReceipts, readCredit, readReceipt, reprintReceipt } from './receipts.ts';
import {
  creditView,
  paymentCreate,
  paymentRecord,
  reasonBody,
  receiptParams,
  receiptQuery,
  receiptView,
  reprintRecord,
  roomOpenRequests,
} from './schemas.ts';
import { takePayment } from './take.ts';

export function paymentRoutes(domain: Domain) {
  const property = '/properties/{propertyId}';
  const receipt = `${property}/receipts/{receiptNumber}`;
  domain.route(
    {
      method: 'get',
      path: `${property}/rooms/{room}/open-requests`,
      operationId: 'getRoomOpenRequests',
      summary:
        'Find a room’s households and their open payment requests and credit (the front desk’s look-up)',
      permission: 'payment.take',
      request: { params: roomParams },
      errors: { 404: 'No unit has that room number in the property' },
      responses: ok(roomOpenRequests, 'The room’s households, each with its open requests, oldest first'),
    },
    async (c) => c.json(await roomOpenRequestsOf(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'post',
      path: `${property}/payments`,
      operationId: 'takePayment',
      summary:
        'Take a payment: allocate it to the household’s open requests (oldest first, principal before late fees), keep any rest as credit, and give it the next receipt number',
      permission: 'payment.take',
      request: { params: propertyParams, ...jsonBody(paymentCreate) },
      errors: {
        404: 'No such household',
        409: 'A month the payment would touch is closed (`month_closed`), or the desk is too busy (try again)',
        422: 'A statement channel without its reference, or a chosen month without an open request',
      },
      responses: ok(paymentRecord, 'The payment and its receipt number', 201),
    },
    async (c) => c.json(await takePayment({ ...c.req.valid('param'), body: c.req.valid('json') }), 201),
  );
  domain.route(
    {
      method: 'get',
      path: `${property}/receipts`,
      operationId: 'listReceipts',
      summary: 'List the property’s receipts, newest first (or one household’s)',
      permission: 'billing.read',
      request: { params: propertyParams, query: receiptQuery },
      responses: ok(
        page(paymentRecord).register(components, { id: 'PaymentPage' }),
        'A page of receipts, newest first',
      ),
    },
    async (c) => c.json(await listReceipts({ ...c.req.valid('param'), query: c.req.valid('query') })),
  );
  domain.route(
    {
      method: 'get',
      path: receipt,
      operationId: 'getReceipt',
      summary: 'Read a receipt with its letterhead, reprint register and voids or refunds asked for it',
      permission: 'billing.read',
      request: { params: receiptParams },
      responses: ok(receiptView, 'The receipt'),
    },
    async (c) => c.json(await readReceipt(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'post',
      path: `${receipt}/reprints`,
      operationId: 'reprintReceipt',
      summary: 'Register a reprint (补打) of a receipt, with its reason, before printing it',
      permission: 'payment.take',
      request: { params: receiptParams, ...jsonBody(reasonBody) },
      responses: ok(reprintRecord, 'The reprint as registered', 201),
    },
    async (c) => c.json(await reprintReceipt({ ...c.req.valid('param'), body: c.req.valid('json') }), 201),
  );
  domain.route(
    {
      method: 'get',
      path: `${property}/households/{householdId}/credit`,
      operationId: 'getHouseholdCredit',
      summary: 'Read a household’s prepayment credit and its history',
      permission: 'billing.read',
      request: { params: householdParams },
      responses: ok(creditView, 'The credit balance and every movement of it'),
    },
    async (c) => c.json(await readCredit(c.req.valid('param'))),
  );
}
