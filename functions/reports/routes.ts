/** The reports' routes, mounted on the tickets domain (the reports read its records; docs/decisions/021). */
import * as z from 'zod/mini';
import type { Property } from '../directory/records.ts';
import type { Domain } from '../shared/http.ts';
import { components, jsonBody, ok } from '../shared/openapi.ts';
import { propertyStore } from '../shared/store.ts';
import { keys } from '../shared/table.ts';
import {
  confirmBody,
  downloadQuery,
  openBody,
  propertyParams,
  reportList,
  reportOverview as reportOverviewRecord,
  reportParams,
  reportRecord,
  reportSettingsBody,
  reportSettingsRecord,
} from './schemas.ts';
import {
  changeReportSettings,
  confirmReport,
  getReport,
  getReportSettings,
  listReports,
  openReport,
  reportOverview,
} from './service.ts';

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function reportRoutes(domain: Domain) {
  const base = '/properties/{propertyId}/reports';
  const one = `${base}/{kind}/{period}`;
  domain.route(
    {
      method: 'get',
      path: '/reports',
      operationId: 'getReportOverview',
      summary: 'Where each property’s newest standard reports stand: ready, opened, late',
      permission: 'ticket.read',
      responses: ok(reportOverviewRecord, 'Every visible property with its newest report of each kind'),
    },
    async (c) => c.json(await reportOverview({})),
  );
  domain.route(
    {
      method: 'get',
      path: base,
      operationId: 'listReports',
      summary: 'List a property’s standard reports of the last weeks, produced or not',
      permission: 'ticket.read',
      request: { params: propertyParams },
      responses: ok(reportList, 'The last 14 days of the daily reports and 4 weeks of the weekly summary'),
    },
    async (c) => c.json(await listReports(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'get',
      path: one,
      operationId: 'getReport',
      summary: 'Read one report with who opened it',
      permission: 'ticket.read',
      request: { params: reportParams },
      responses: ok(reportRecord, 'The report as produced, with its openings and confirmations'),
    },
    async (c) => c.json(await getReport(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'post',
      path: `${one}/open`,
      operationId: 'openReport',
      summary: 'Record that the caller opened the report (proof of delivery)',
      permission: 'ticket.read',
      request: { params: reportParams, ...jsonBody(openBody) },
      responses: ok(
        z.object({ firstOpen: z.boolean(), at: z.string() }).register(components, { id: 'ReportOpened' }),
        'When the caller first opened it',
      ),
    },
    async (c) => c.json(await openReport(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'post',
      path: `${one}/confirm`,
      operationId: 'confirmReport',
      summary: 'Confirm the daily repairs reconciliation, for the desk or for engineering',
      permission: 'ticket.act',
      request: { params: reportParams, ...jsonBody(confirmBody) },
      errors: {
        409: 'This side already confirmed the report',
        422: 'Not a confirmable report, the caller is not of that side, or a repair not done has no reason yet',
      },
      responses: ok(
        z
          .object({ side: z.string(), by: z.string(), byName: z.string(), at: z.string() })
          .register(components, { id: 'ReportConfirmation' }),
        'Who confirmed, and when',
      ),
    },
    async (c) => c.json(await confirmReport({ ...c.req.valid('param'), body: c.req.valid('json') })),
  );
  domain.route(
    {
      method: 'get',
      path: `${one}/xlsx`,
      operationId: 'downloadReport',
      summary: 'Download the report as an Excel workbook',
      permission: 'ticket.read',
      request: { params: reportParams, query: downloadQuery },
      responses: {
        200: {
          description: 'The workbook',
          content: { [xlsx]: { schema: z.string().register(components, { format: 'binary' }) } },
        },
      },
    },
    async (c) => {
      const params = c.req.valid('param');
      const report = await getReport(params);
      const property = await propertyStore(params.propertyId).mustGet<Property>(
        keys.property(params.propertyId),
        'Property',
      );
      const { reportWorkbook } = await import('./workbook.ts');
      const lang = c.req.valid('query').lang === 'en' ? 'en' : 'zh';
      const bytes = await reportWorkbook(report, property, lang);
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': xlsx,
        'Content-Disposition': `attachment; filename="${params.kind}-${params.period}.xlsx"`,
      });
    },
  );
  domain.route(
    {
      method: 'get',
      path: '/properties/{propertyId}/report-settings',
      operationId: 'getReportSettings',
      summary: 'Read the property’s report times and recipients',
      permission: 'property.read',
      request: { params: propertyParams },
      responses: ok(reportSettingsRecord, 'The settings, defaults filled in'),
    },
    async (c) => c.json(await getReportSettings(c.req.valid('param'))),
  );
  domain.route(
    {
      method: 'put',
      path: '/properties/{propertyId}/report-settings',
      operationId: 'changeReportSettings',
      summary: 'Change the property’s report times and recipients',
      permission: 'property.update',
      request: { params: propertyParams, ...jsonBody(reportSettingsBody) },
      responses: ok(reportSettingsRecord, 'The settings after the change'),
    },
    async (c) => c.json(await changeReportSettings({ ...c.req.valid('param'), body: c.req.valid('json') })),
  );
}
