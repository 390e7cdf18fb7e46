/** The service-history routes of a unit and a household; their code (./history.ts) loads on first use. */
import * as z from 'zod/mini';
import type { Domain } from '../shared/http.ts';
import { components, ok, page } from '../shared/openapi.ts';
import { contactRecord, householdParams, id, propertyParams, ticketKindNames } from './schemas.ts';

export const historyQuery = z.strictObject({
  cursor: z.optional(z.string().check(z.maxLength(2048))),
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100))),
});

export const historyEntry = z
  .extend(contactRecord, {
    /** The ticket the call opened, as it stands now. */
    ticket: z.optional(
      z.object({
        id: z.string(),
        number: z.optional(z.string()),
        kind: z.enum(ticketKindNames),
        state: z.string(),
        severity: z.string(),
      }),
    ),
  })
  .register(components, { id: 'HistoryEntry' });

export function historyRoutes(domain: Domain) {
  const history = domain.lazy(() => import('./history.ts'));
  history.route(
    {
      method: 'get',
      path: '/properties/{propertyId}/units/{unitId}/history',
      operationId: 'listUnitHistory',
      summary: "Read a unit's calls and the tickets they opened, newest first",
      permission: 'ledger.read',
      request: { params: z.extend(propertyParams, { unitId: id }), query: historyQuery },
      responses: ok(
        page(historyEntry).register(components, { id: 'UnitHistoryPage' }),
        'Ledger entries about the unit, newest first, each with its ticket as it stands now (phones masked)',
      ),
    },
    async (c, history) => c.json(await history.unitHistory(c.req.valid('param'), c.req.valid('query'))),
  );
  history.route(
    {
      method: 'get',
      path: '/properties/{propertyId}/households/{householdId}/history',
      operationId: 'listHouseholdHistory',
      summary: "Read a household's calls and the tickets they opened, newest first",
      permission: 'ledger.read',
      request: { params: householdParams, query: historyQuery },
      responses: ok(
        page(historyEntry).register(components, { id: 'HouseholdHistoryPage' }),
        'Ledger entries of the household, newest first, each with its ticket as it stands now (phones masked)',
      ),
    },
    async (c, history) => c.json(await history.householdHistory(c.req.valid('param'), c.req.valid('query'))),
  );
}
