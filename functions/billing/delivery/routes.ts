/** Delivery routes: the printable request, and the household's view of it through its signed link. */
import type { Domain } from '../../shared/http.ts';
import { ok } from '../../shared/openapi.ts';
import { householdView } from './household-view.ts';
import { requestParams, requestPrintout } from './printout.ts';
import { householdViewRecord, linkParams, requestPrintoutRecord } from './schemas.ts';

/** The household view: public by design, declared in functions/domains.ts so the gateway skips the sign-in. */
export const householdViewPath = '/household-view/{token}';

export function deliveryRoutes(domain: Domain) {
  domain.route(
    {
      method: 'get',
      path: '/properties/{propertyId}/payment-requests/{month}/{householdId}/printout',
      operationId: 'getRequestPrintout',
      summary: 'A payment request as printed: letterhead, lines, clause and the household’s link (QR code)',
      permission: 'billing.read',
      request: { params: requestParams },
      responses: ok(requestPrintoutRecord, 'The request with what its print shows'),
    },
    async (c) => c.json(await requestPrintout(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'get',
      path: householdViewPath,
      operationId: 'getHouseholdView',
      summary:
        'A household’s own payment request and its payment status, through the signed link on it (no sign-in)',
      permission: 'public',
      request: { params: linkParams },
      errors: {
        403: 'The link has expired',
        404: 'The link is not one of ours, was altered, or names a request that is not there',
      },
      responses: ok(householdViewRecord, 'The request, personal data masked'),
    },
    async (c) => {
      // Read-only and personal: neither shared caches nor the browser keep it.
      c.header('Cache-Control', 'no-store');
      c.header('Referrer-Policy', 'no-referrer');
      return c.json(await householdView(c.req.valid('param').token));
    },
  );
}
