/** The month close (月结) and adjustments: finance closes a month; corrections go in an open month. */
import type { Domain } from '../../shared/http.ts';
import { components, jsonBody, ok, page } from '../../shared/openapi.ts';
import { propertyParams } from '../../tickets/schemas.ts';
import { adjustmentBody, adjustmentQuery, enterAdjustment, listAdjustments } from './adjustments.ts';
import { adjustmentRecord, monthCloseRecord, monthViewRecord } from './schemas.ts';
import { closeBody, closeMonth, monthParams, readMonth } from './service.ts';

export function closeRoutes(domain: Domain) {
  const month = '/properties/{propertyId}/months/{month}';
  domain.route(
    {
      method: 'get',
      path: month,
      operationId: 'getBillingMonth',
      summary: 'Read a billing month: its figures, collection rates and income by item, and its close',
      permission: 'billing.read',
      request: { params: monthParams },
      responses: ok(
        monthViewRecord,
        'An open month as it stands now; a closed one as its close snapshotted it',
      ),
    },
    async (c) => c.json(await readMonth(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'post',
      path: `${month}/close`,
      operationId: 'closeBillingMonth',
      summary:
        'Close a billing month (月结): snapshot its figures and rates; no write to it is taken afterwards',
      permission: 'billing.close',
      request: {
        params: monthParams,
        ...jsonBody(
          closeBody.register(components, { id: 'BillingMonthCloseBody', example: { note: '11月月结' } }),
        ),
      },
      errors: {
        409: 'The month is already closed, or its figures moved while it was being closed (try again)',
        422: 'The month has not ended yet in the property’s time zone',
      },
      responses: ok(monthCloseRecord, 'The close with its snapshot', 201),
    },
    async (c) => c.json(await closeMonth({ ...c.req.valid('param'), body: c.req.valid('json') }), 201),
  );
  domain.route(
    {
      method: 'get',
      path: `${month}/adjustments`,
      operationId: 'listBillingAdjustments',
      summary: 'List the adjustments entered in a billing month',
      permission: 'billing.read',
      request: { params: monthParams, query: adjustmentQuery },
      responses: ok(
        page(adjustmentRecord).register(components, { id: 'BillingAdjustmentPage' }),
        'The month’s adjustments, oldest first',
      ),
    },
    async (c) => c.json(await listAdjustments({ ...c.req.valid('param'), query: c.req.valid('query') })),
  );
  domain.route(
    {
      method: 'post',
      path: '/properties/{propertyId}/adjustments',
      operationId: 'enterBillingAdjustment',
      summary: 'Enter an adjustment in an open month, linked to the request or payment it corrects',
      permission: 'billing.close',
      request: { params: propertyParams, ...jsonBody(adjustmentBody) },
      errors: {
        404: 'No such property, request, payment or household',
        409: 'The month to enter it in is closed',
        422: 'The month has not begun, or it is before the month of what it corrects',
      },
      responses: ok(adjustmentRecord, 'The adjustment as entered', 201),
    },
    async (c) => c.json(await enterAdjustment({ ...c.req.valid('param'), body: c.req.valid('json') }), 201),
  );
}
