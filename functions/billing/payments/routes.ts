/** Payments and receipts (收款与收据): the front desk's look-up, taking a payment, receipts and reprints. */
import * as z from 'zod/mini';
import type { Domain } from '../../shared/http.ts';
import { components, jsonBody, ok, page } from '../../shared/openapi.ts';
import { householdParams, propertyParams } from '../../tickets/schemas.ts';
import {
  askCreditRefund,
  askPaymentRefund,
  askVoid,
  decideApproval,
  listPendingApprovals,
} from './approvals.ts';
import { roomOpenRequestsOf, roomParams } from './desk.ts';
import { listReceipts, readCredit, readReceipt, reprintReceipt } from './receipts.ts';
import {
  approvalParams,
  approvalRecord,
  creditRefundBody,
  creditView,
  decisionBody,
  paymentCreate,
  paymentRecord,
  reasonBody,
  receiptParams,
  receiptQuery,
  receiptView,
  refundPaymentBody,
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
      summary:
        'List the property’s receipts, newest first: all, one household’s, or one cashier’s (of a day of the property’s clock)',
      permission: 'billing.read',
      request: { params: propertyParams, query: receiptQuery },
      errors: { 422: 'A day without a cashier' },
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
  domain.route(
    {
      method: 'post',
      path: `${receipt}/void`,
      operationId: 'askReceiptVoid',
      summary: 'Ask to void a receipt (作废), with a reason: done when a second finance person approves',
      permission: 'payment.take',
      request: { params: receiptParams, ...jsonBody(reasonBody) },
      errors: {
        409: 'The receipt is already voided or refunded, a void or refund of it is waiting, or its month is closed',
      },
      responses: ok(approvalRecord, 'The void asked for, waiting for approval', 201),
    },
    async (c) => c.json(await askVoid({ ...c.req.valid('param'), body: c.req.valid('json') }), 201),
  );
  domain.route(
    {
      method: 'post',
      path: `${receipt}/refund`,
      operationId: 'askPaymentRefund',
      summary:
        'Ask to refund a payment (退款), with a reason and how it goes back: done when a second finance person approves',
      permission: 'payment.take',
      request: { params: receiptParams, ...jsonBody(refundPaymentBody) },
      errors: {
        409: 'The receipt is already voided or refunded, a void or refund of it is waiting, or its month is closed',
      },
      responses: ok(approvalRecord, 'The refund asked for, waiting for approval', 201),
    },
    async (c) => c.json(await askPaymentRefund({ ...c.req.valid('param'), body: c.req.valid('json') }), 201),
  );
  domain.route(
    {
      method: 'post',
      path: `${property}/households/{householdId}/credit/refunds`,
      operationId: 'askCreditRefund',
      summary:
        'Ask to refund part or all of a household’s prepayment credit: done when a second finance person approves',
      permission: 'payment.take',
      request: { params: householdParams, ...jsonBody(creditRefundBody) },
      errors: { 422: 'The amount is more than the household’s credit' },
      responses: ok(approvalRecord, 'The refund asked for, waiting for approval', 201),
    },
    async (c) => c.json(await askCreditRefund({ ...c.req.valid('param'), body: c.req.valid('json') }), 201),
  );
  domain.route(
    {
      method: 'get',
      path: `${property}/approvals`,
      operationId: 'listPendingApprovals',
      summary: 'List the voids and refunds waiting for a second finance person, oldest first',
      permission: 'billing.read',
      request: { params: propertyParams },
      responses: ok(
        z.object({ items: z.array(approvalRecord) }).register(components, { id: 'PendingApprovals' }),
        'The approvals queue',
      ),
    },
    async (c) => c.json(await listPendingApprovals(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'post',
      path: `${property}/approvals/{approvalId}/decision`,
      operationId: 'decideApproval',
      summary:
        'Approve or refuse a void or refund (a second finance person): an approved one reverses the payment’s allocation, or takes the credit out',
      permission: 'payment.approve',
      request: { params: approvalParams, ...jsonBody(decisionBody) },
      errors: {
        403: 'The caller asked for it: a second finance person must decide, or the roles do not allow this',
        409: 'Already decided, the month is closed, or the credit has been spent since',
      },
      responses: ok(approvalRecord, 'The decided approval'),
    },
    async (c) => c.json(await decideApproval({ ...c.req.valid('param'), body: c.req.valid('json') })),
  );
}
