/** Cashier shift settlement (收银交班): open, read, close with the cash counted, and the finance sign-off. */
import * as z from 'zod/mini';
import type { Domain } from '../../shared/http.ts';
import { components, jsonBody, ok } from '../../shared/openapi.ts';
import { propertyParams } from '../../tickets/schemas.ts';
import { paymentChannels } from '../records.ts';
import {
  closeShift,
  closeShiftBody,
  listShifts,
  myOpenShift,
  openShift,
  openShiftBody,
  readShift,
  shiftParams,
  signOffBody,
  signOffShift,
} from './service.ts';

const shiftRecord = z
  .object({
    id: z.string(),
    propertyId: z.string(),
    cashierId: z.string(),
    cashierName: z.string(),
    openedAt: z.string(),
    firstReceiptNumber: z.optional(z.int()),
    openingNote: z.nullable(z.string()),
    handedOver: z.nullable(
      z.object({ fromShiftId: z.string(), fromCashierName: z.string(), items: z.array(z.string()) }),
    ),
    state: z.enum(['open', 'closed', 'settled']),
    closedAt: z.nullable(z.string()),
    totals: z.array(z.object({ channel: z.enum(paymentChannels), count: z.int(), cents: z.int() })),
    reversedCount: z.int(),
    receiptNumbers: z.array(z.int()),
    expectedCashCents: z.int(),
    countedCashCents: z.nullable(z.int()),
    varianceCents: z.nullable(z.int()),
    cashierNote: z.nullable(z.string()),
    handover: z.array(z.string()),
    signedOffBy: z.nullable(z.string()),
    signedOffByName: z.nullable(z.string()),
    signedOffAt: z.nullable(z.string()),
    signOffNote: z.nullable(z.string()),
    version: z.int(),
  })
  .register(components, { id: 'CashierShift' });

export function shiftRoutes(domain: Domain) {
  const shifts = '/properties/{propertyId}/shifts';
  domain.route(
    {
      method: 'post',
      path: shifts,
      operationId: 'openCashierShift',
      summary: 'Open one’s cashier shift, receiving the open items the last shift handed over',
      permission: 'payment.take',
      request: {
        params: propertyParams,
        ...jsonBody(openShiftBody.register(components, { id: 'ShiftOpen', example: { note: '早班 08:00' } })),
      },
      errors: { 409: 'The caller already has an open shift' },
      responses: ok(shiftRecord, 'The open shift', 201),
    },
    async (c) => c.json(await openShift({ ...c.req.valid('param'), body: c.req.valid('json') }), 201),
  );
  domain.route(
    {
      method: 'get',
      path: shifts,
      operationId: 'listCashierShifts',
      summary: 'List the property’s recent shifts, newest first',
      permission: 'billing.read',
      request: { params: propertyParams },
      responses: ok(
        z.object({ items: z.array(shiftRecord) }).register(components, { id: 'CashierShiftList' }),
        'The shifts',
      ),
    },
    async (c) => c.json(await listShifts(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'get',
      path: '/properties/{propertyId}/my-shift',
      operationId: 'getMyOpenShift',
      summary: 'Read the caller’s open shift with its totals so far (null when none is open)',
      permission: 'payment.take',
      request: { params: propertyParams },
      responses: ok(
        z.object({ shift: z.nullable(shiftRecord) }).register(components, { id: 'MyShift' }),
        'The open shift, or null',
      ),
    },
    async (c) => c.json(await myOpenShift(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'get',
      path: `${shifts}/{shiftId}`,
      operationId: 'getCashierShift',
      summary:
        'Read a shift: totals by channel (so far, while open), the cash expected and counted, the sign-offs',
      permission: 'billing.read',
      request: { params: shiftParams },
      responses: ok(shiftRecord, 'The shift'),
    },
    async (c) => c.json(await readShift(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'post',
      path: `${shifts}/{shiftId}/close`,
      operationId: 'closeCashierShift',
      summary:
        'Close one’s shift (交班): the cash counted against the expected, signed by the cashier, and the open items for the next shift',
      permission: 'payment.take',
      request: {
        params: shiftParams,
        ...jsonBody(
          closeShiftBody.register(components, {
            id: 'ShiftClose',
            example: { countedCashCents: 100, note: '现金已清点', handover: ['3-1502 业主下午来补交差额'] },
          }),
        ),
      },
      errors: { 403: 'Not the caller’s shift', 409: 'The shift is already closed' },
      responses: ok(shiftRecord, 'The closed shift with its totals and variance'),
    },
    async (c) => c.json(await closeShift({ ...c.req.valid('param'), body: c.req.valid('json') })),
  );
  domain.route(
    {
      method: 'post',
      path: `${shifts}/{shiftId}/sign-off`,
      operationId: 'signOffCashierShift',
      summary: 'Sign off a closed shift and its cash variance (a finance lead, not the cashier)',
      permission: 'payment.approve',
      request: {
        params: shiftParams,
        ...jsonBody(
          signOffBody.register(components, { id: 'ShiftSignOff', example: { note: '差额已核实' } }),
        ),
      },
      errors: {
        403: 'The caller is the shift’s cashier',
        409: 'The shift is still open or already signed off',
      },
      responses: ok(shiftRecord, 'The settled shift'),
    },
    async (c) => c.json(await signOffShift({ ...c.req.valid('param'), body: c.req.valid('json') })),
  );
}
