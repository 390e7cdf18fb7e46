/** The bill run's routes: its progress, a dry run, "run now", and the period's requests. */
import type { Domain } from '../../shared/http.ts';
import { ok } from '../../shared/openapi.ts';
import { billRunRecord, billRunTotals, billRunView, paymentRequestPage } from './schemas.ts';
import { dryRunBill, getBillRun, listRequests, monthParams, requestsQuery, runBillNow } from './service.ts';

export function billRunRoutes(domain: Domain) {
  const base = '/properties/{propertyId}/bill-runs/{month}';
  domain.route(
    {
      method: 'get',
      path: base,
      operationId: 'getBillRun',
      summary: 'Where the bill run of a month stands (done / total), and when the schedule bills it',
      permission: 'billing.read',
      request: { params: monthParams },
      responses: ok(billRunView, 'The run of the month, or null before it started'),
    },
    async (c) => c.json(await getBillRun(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'post',
      path: `${base}/dry-run`,
      operationId: 'dryRunBill',
      summary: 'What the bill run of a month would bill now, without writing anything',
      permission: 'billing.run',
      request: { params: monthParams },
      errors: { 422: 'The month has not begun yet' },
      responses: ok(billRunTotals, 'The totals by item, the households and what could not be billed'),
    },
    async (c) => c.json(await dryRunBill(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'post',
      path: `${base}/run`,
      operationId: 'runBillNow',
      summary:
        'Run (or continue) the bill run of a month now: each household is billed once, whoever runs it',
      permission: 'billing.run',
      request: { params: monthParams },
      errors: { 409: 'The month is closed', 422: 'The month has not begun yet' },
      responses: ok(billRunRecord, 'The run as it stands (the schedule continues one not finished)'),
    },
    async (c) => c.json(await runBillNow(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'get',
      path: `${base}/requests`,
      operationId: 'listPaymentRequests',
      summary: 'The payment requests of a month, in household order, or one household’s',
      permission: 'billing.read',
      request: { params: monthParams, query: requestsQuery },
      responses: ok(paymentRequestPage, 'A page of requests'),
    },
    async (c) => c.json(await listRequests({ ...c.req.valid('param'), query: c.req.valid('query') })),
  );
}
