/** The fee standards' and meter readings' routes. */
import type { Domain } from '../../shared/http.ts';
import { jsonBody, ok } from '../../shared/openapi.ts';
import { enterMeterReading, listMeterReadings } from './meters.ts';
import {
  feeStandardCreate,
  feeStandardDeactivate,
  feeStandardList,
  feeStandardRecord,
  feeStandardVersionCreate,
  meterParams,
  meterReadingCreate,
  meterReadingList,
  meterReadingRecord,
  standardParams,
  standardsParams,
} from './schemas.ts';
import {
  addFeeStandardVersion,
  createFeeStandard,
  deactivateFeeStandard,
  getFeeStandard,
  listFeeStandards,
} from './service.ts';

export function standardsRoutes(domain: Domain) {
  const base = '/properties/{propertyId}/fee-standards';
  domain.route(
    {
      method: 'get',
      path: base,
      operationId: 'listFeeStandards',
      summary: 'List a property’s fee standards with every version',
      permission: 'billing.read',
      request: { params: standardsParams },
      responses: ok(feeStandardList, 'Every fee standard of the property, in use or not'),
    },
    async (c) => c.json(await listFeeStandards(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'post',
      path: base,
      operationId: 'createFeeStandard',
      summary: 'Add a fee standard, in force from its effective month',
      permission: 'billing.configure',
      request: { params: standardsParams, ...jsonBody(feeStandardCreate) },
      errors: { 409: 'The effective month is already billed' },
      responses: ok(feeStandardRecord, 'The new fee standard', 201),
    },
    async (c) =>
      c.json(await createFeeStandard({ ...c.req.valid('param'), standard: c.req.valid('json') }), 201),
  );
  domain.route(
    {
      method: 'get',
      path: `${base}/{standardId}`,
      operationId: 'getFeeStandard',
      summary: 'Read a fee standard and its history',
      permission: 'billing.read',
      request: { params: standardParams },
      responses: ok(feeStandardRecord, 'The fee standard'),
    },
    async (c) => c.json(await getFeeStandard(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'post',
      path: `${base}/{standardId}/versions`,
      operationId: 'addFeeStandardVersion',
      summary: 'Change a fee standard from a later month (a new version; earlier months keep theirs)',
      permission: 'billing.configure',
      request: { params: standardParams, ...jsonBody(feeStandardVersionCreate) },
      errors: {
        409: 'Someone changed the standard, it is no longer in use, or the month is already billed',
        422: 'The new version does not take effect after the latest one',
      },
      responses: ok(feeStandardRecord, 'The fee standard with its new version'),
    },
    async (c) =>
      c.json(await addFeeStandardVersion({ ...c.req.valid('param'), change: c.req.valid('json') })),
  );
  domain.route(
    {
      method: 'post',
      path: `${base}/{standardId}/deactivate`,
      operationId: 'deactivateFeeStandard',
      summary: 'Stop using a fee standard: no month billed from now on charges it',
      permission: 'billing.configure',
      request: { params: standardParams, ...jsonBody(feeStandardDeactivate) },
      errors: { 409: 'Someone changed the standard meanwhile' },
      responses: ok(feeStandardRecord, 'The fee standard, no longer in use'),
    },
    async (c) => c.json(await deactivateFeeStandard({ ...c.req.valid('param'), body: c.req.valid('json') })),
  );
  domain.route(
    {
      method: 'get',
      path: '/properties/{propertyId}/meters/{meterId}/readings',
      operationId: 'listMeterReadings',
      summary: 'One meter’s readings (a unit’s meter of a kind, or a common meter), oldest first',
      permission: 'billing.read',
      request: { params: meterParams },
      responses: ok(meterReadingList, 'The meter’s readings of the last three years'),
    },
    async (c) => c.json(await listMeterReadings(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'post',
      path: '/properties/{propertyId}/meter-readings',
      operationId: 'enterMeterReading',
      summary: 'Enter a meter’s reading of a month (its consumption is worked out here)',
      permission: 'billing.configure',
      request: { params: standardsParams, ...jsonBody(meterReadingCreate) },
      errors: {
        409: 'The meter already has its reading of that month',
        422: 'No previous reading, or the reading goes backwards without a rollover or replacement',
      },
      responses: ok(meterReadingRecord, 'The reading with its consumption', 201),
    },
    async (c) =>
      c.json(await enterMeterReading({ ...c.req.valid('param'), reading: c.req.valid('json') }), 201),
  );
}
