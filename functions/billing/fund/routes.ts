/** The maintenance fund's routes (维修基金): the ledger, its entries, the bank reconciliation, the half-year publication. */
import * as z from 'zod/mini';
import type { Domain } from '../../shared/http.ts';
import { components, jsonBody, ok } from '../../shared/openapi.ts';
import { propertyParams } from '../../tickets/schemas.ts';
import {
  contributionBody,
  decideUse,
  decisionBody,
  enterContribution,
  enterReconciliation,
  fundEntryParams,
  fundHalfParams,
  fundLedger,
  fundPublication,
  proposeUse,
  reconciliationBody,
  useBody,
} from './ledger.ts';

const entry = z
  .object({
    id: z.string(),
    propertyId: z.string(),
    day: z.string(),
    kind: z.enum(['contribution', 'use', 'reconciliation']),
    amountCents: z.optional(z.int()),
    source: z.optional(z.string()),
    category: z.optional(z.string()),
    description: z.optional(z.string()),
    state: z.optional(z.enum(['proposed', 'approved', 'rejected'])),
    decidedBy: z.optional(z.string()),
    decidedByName: z.optional(z.string()),
    decidedAt: z.optional(z.string()),
    month: z.optional(z.string()),
    bankBalanceCents: z.optional(z.int()),
    ledgerBalanceCents: z.optional(z.int()),
    differenceCents: z.optional(z.int()),
    note: z.optional(z.string()),
    enteredBy: z.string(),
    enteredByName: z.string(),
    enteredAt: z.string(),
    version: z.int(),
  })
  .register(components, { id: 'FundEntry' });

const ledgerRecord = z
  .object({
    propertyId: z.string(),
    propertyName: z.string(),
    entries: z.array(z.extend(entry, { balanceCents: z.int() })),
    balanceCents: z.int(),
  })
  .register(components, { id: 'FundLedger' });

const publicationRecord = z
  .object({
    propertyId: z.string(),
    propertyName: z.string(),
    half: z.string(),
    openingBalanceCents: z.int(),
    contributionsCents: z.int(),
    uses: z.array(z.object({ category: z.string(), amountCents: z.int() })),
    usesCents: z.int(),
    closingBalanceCents: z.int(),
    reconciliations: z.array(entry),
    approvedUses: z.array(entry),
  })
  .register(components, { id: 'FundPublication' });

export function fundRoutes(domain: Domain) {
  const fund = '/properties/{propertyId}/fund';
  domain.route(
    {
      method: 'get',
      path: fund,
      operationId: 'getFundLedger',
      summary: 'Read the maintenance fund ledger (维修基金) with the running balance',
      permission: 'fund.read',
      request: { params: propertyParams },
      responses: ok(ledgerRecord, 'Every entry by day, with the balance after it'),
    },
    async (c) => c.json(await fundLedger(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'post',
      path: `${fund}/contributions`,
      operationId: 'enterFundContribution',
      summary: 'Enter a contribution to the maintenance fund',
      permission: 'fund.write',
      request: { params: propertyParams, ...jsonBody(contributionBody) },
      errors: { 422: 'The day has not come yet' },
      responses: ok(entry, 'The entry', 201),
    },
    async (c) => c.json(await enterContribution({ ...c.req.valid('param'), body: c.req.valid('json') }), 201),
  );
  domain.route(
    {
      method: 'post',
      path: `${fund}/uses`,
      operationId: 'proposeFundUse',
      summary:
        'Propose a use of the maintenance fund (it moves the balance once a second person approves it)',
      permission: 'fund.write',
      request: { params: propertyParams, ...jsonBody(useBody) },
      errors: { 422: 'The day has not come yet' },
      responses: ok(entry, 'The proposed use', 201),
    },
    async (c) => c.json(await proposeUse({ ...c.req.valid('param'), body: c.req.valid('json') }), 201),
  );
  domain.route(
    {
      method: 'post',
      path: `${fund}/uses/{day}/{entryId}/decision`,
      operationId: 'decideFundUse',
      summary: 'Approve or reject a proposed use of the maintenance fund (a second person)',
      permission: 'fund.write',
      request: { params: fundEntryParams, ...jsonBody(decisionBody) },
      errors: {
        409: 'Already decided, changed since `version`, or the fund does not hold enough',
        422: 'The person who proposed it cannot approve it',
      },
      responses: ok(entry, 'The use after the decision'),
    },
    async (c) => c.json(await decideUse({ ...c.req.valid('param'), body: c.req.valid('json') })),
  );
  domain.route(
    {
      method: 'post',
      path: `${fund}/reconciliations`,
      operationId: 'enterFundReconciliation',
      summary: 'Enter the month’s bank reconciliation: the bank’s balance beside the ledger’s',
      permission: 'fund.write',
      request: { params: propertyParams, ...jsonBody(reconciliationBody) },
      errors: { 409: 'The month is already reconciled', 422: 'The month has not ended yet' },
      responses: ok(entry, 'The reconciliation with the difference', 201),
    },
    async (c) =>
      c.json(await enterReconciliation({ ...c.req.valid('param'), body: c.req.valid('json') }), 201),
  );
  domain.route(
    {
      method: 'get',
      path: `${fund}/publication/{half}`,
      operationId: 'getFundPublication',
      summary: 'Read the half-year publication of the maintenance fund’s use and management',
      permission: 'fund.read',
      request: { params: fundHalfParams },
      responses: ok(
        publicationRecord,
        'Opening balance, contributions, uses by category, reconciliations, closing balance',
      ),
    },
    async (c) => c.json(await fundPublication(c.req.valid('param'))),
  );
}
