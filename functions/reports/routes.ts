/** The reports' routes, mounted on the tickets domain (the reports read its records; docs/decisions/021). */
import * as z from 'zod/mini';
import type { Domain } from '../shared/http.ts';
import { components, jsonBody, ok } from '../shared/openapi.ts';
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

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Read a few times a day: the reports' code (./handlers.ts) loads on the first request to one of these. */
export function reportRoutes(domain: Domain) {
  const reports = domain.lazy(() => import('./handlers.ts'));
  const base = '/properties/{propertyId}/reports';
  const one = `${base}/{kind}/{period}`;
  reports.route(
    {
      method: 'get',
      path: '/reports',
      operationId: 'getReportOverview',
      summary: 'Where each property’s newest standard reports stand: ready, opened, late',
      permission: 'ticket.read',
      responses: ok(reportOverviewRecord, 'Every visible property with its newest report of each kind'),
    },
    async (c, reports) => c.json(await reports.reportOverview({})),
  );
  reports.route(
    {
      method: 'get',
      path: base,
      operationId: 'listReports',
      summary: 'List a property’s standard reports of the last weeks, produced or not',
      permission: 'ticket.read',
      request: { params: propertyParams },
      responses: ok(reportList, 'The last 14 days of the daily reports and 4 weeks of the weekly summary'),
    },
    async (c, reports) => c.json(await reports.listReports(c.req.valid('param'))),
  );
  reports.route(
    {
      method: 'get',
      path: one,
      operationId: 'getReport',
      summary: 'Read one report with who opened it',
      permission: 'ticket.read',
      request: { params: reportParams },
      responses: ok(reportRecord, 'The report as produced, with its openings and confirmations'),
    },
    async (c, reports) => c.json(await reports.getReport(c.req.valid('param'))),
  );
  reports.route(
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
    async (c, reports) => c.json(await reports.openReport(c.req.valid('param'))),
  );
  reports.route(
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
    async (c, reports) =>
      c.json(await reports.confirmReport({ ...c.req.valid('param'), body: c.req.valid('json') })),
  );
  reports.route(
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
    async (c, reports) => {
      const params = c.req.valid('param');
      const lang = c.req.valid('query').lang === 'en' ? 'en' : 'zh';
      return c.body(new Uint8Array(await reports.downloadReport(params, lang)), 200, {
        'Content-Type': xlsx,
        'Content-Disposition': `attachment; filename="${params.kind}-${params.period}.xlsx"`,
      });
    },
  );
  reports.route(
    {
      method: 'get',
      path: '/properties/{propertyId}/report-settings',
      operationId: 'getReportSettings',
      summary: 'Read the property’s report times and recipients',
      permission: 'property.read',
      request: { params: propertyParams },
      responses: ok(reportSettingsRecord, 'The settings, defaults filled in'),
    },
    async (c, reports) => c.json(await reports.getReportSettings(c.req.valid('param'))),
  );
  reports.route(
    {
      method: 'put',
      path: '/properties/{propertyId}/report-settings',
      operationId: 'changeReportSettings',
      summary: 'Change the property’s report times and recipients',
      permission: 'property.update',
      request: { params: propertyParams, ...jsonBody(reportSettingsBody) },
      responses: ok(reportSettingsRecord, 'The settings after the change'),
    },
    async (c, reports) =>
      c.json(await reports.changeReportSettings({ ...c.req.valid('param'), body: c.req.valid('json') })),
  );
}
