/**
 * The fee reports: each answers JSON for the screen and, with `format=xlsx`, the same numbers as an
 * Excel workbook (./workbook.ts), so the two cannot differ.
 */
import type { Context } from 'hono';
import * as z from 'zod/mini';
import type { Domain } from '../../shared/http.ts';
import { components, jsonBody, ok } from '../../shared/openapi.ts';
import { propertyParams } from '../../tickets/schemas.ts';
import { agingQuery, agingReport } from './aging.ts';
import { enterSpending, feeAccountParams, feeAccounts, spendingBody } from './fee-accounts.ts';
import {
  billingOverview,
  householdsReport,
  monthParams,
  monthsQuery,
  monthsReport,
  overviewQuery,
} from './reads.ts';
import {
  agingReportRecord,
  feeAccountsRecord,
  feeSpendingRecord,
  householdsReportRecord,
  monthsReportRecord,
  overviewRecord,
  reportFormatQuery,
  statementRecord,
} from './schemas.ts';
import * as sheets from './sheets.ts';
import { householdStatement, statementParams } from './statement.ts';
import type { Lang, Sheet } from './workbook.ts';

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const withFormat = <S extends z.ZodMiniObject>(query: S) => z.extend(query, reportFormatQuery);
const plainFormat = z.strictObject(reportFormatQuery);

const jsonOrWorkbook = (schema: z.ZodMiniType, description: string) => ({
  200: {
    description: `${description}; with format=xlsx, the same as an Excel workbook`,
    content: {
      'application/json': { schema },
      [xlsx]: { schema: z.string().register(components, { format: 'binary' }) },
    },
  },
});

/** The report as JSON, or as a workbook of the same rows when asked for. */
async function answer<T>(
  c: Context,
  format: { format?: 'json' | 'xlsx'; lang?: 'zh-CN' | 'en' },
  report: T,
  toSheets: (report: T, lang: Lang) => Sheet[],
  fileName: string,
) {
  if (format.format !== 'xlsx') return c.json(report as object);
  const { billingWorkbook } = await import('./workbook.ts');
  const lang: Lang = format.lang === 'en' ? 'en' : 'zh';
  const bytes = await billingWorkbook(toSheets(report, lang), lang);
  return c.body(new Uint8Array(bytes), 200, {
    'Content-Type': xlsx,
    'Content-Length': String(bytes.length),
    'Content-Disposition': `attachment; filename="${fileName}.xlsx"`,
  });
}

export function reportRoutes(domain: Domain) {
  const property = '/properties/{propertyId}';
  domain.route(
    {
      method: 'get',
      path: `${property}/fee-report`,
      operationId: 'getFeeReport',
      summary: 'Read the fee report: receivable, received and arrears by month, with the collection rates',
      permission: 'billing.read',
      request: { params: propertyParams, query: withFormat(monthsQuery) },
      errors: { 422: 'The range is not valid or longer than 24 months' },
      responses: jsonOrWorkbook(monthsReportRecord, 'The months from `from` to `to` (default: the last 12)'),
    },
    async (c) => {
      const { format, lang, ...query } = c.req.valid('query');
      const report = await monthsReport({ ...c.req.valid('param'), query });
      return answer(
        c,
        { format, lang },
        report,
        sheets.monthsSheets,
        `fee-report-${report.from}-${report.to}`,
      );
    },
  );
  domain.route(
    {
      method: 'get',
      path: `${property}/months/{month}/households`,
      operationId: 'getHouseholdFees',
      summary: 'Read a month’s receivable, received and arrears per household and per building',
      permission: 'billing.read',
      request: { params: monthParams, query: plainFormat },
      responses: jsonOrWorkbook(
        householdsReportRecord,
        'Every household billed or adjusted in the month, and each building',
      ),
    },
    async (c) => {
      const report = await householdsReport(c.req.valid('param'));
      return answer(c, c.req.valid('query'), report, sheets.householdSheets, `households-${report.month}`);
    },
  );
  domain.route(
    {
      method: 'get',
      path: `${property}/arrears-aging`,
      operationId: 'getArrearsAging',
      summary:
        'Read the arrears aging: what is owed by days past the due date (0–30, 31–90, 91–180, over 180)',
      permission: 'billing.read',
      request: { params: propertyParams, query: withFormat(agingQuery) },
      responses: jsonOrWorkbook(
        agingReportRecord,
        'The unpaid requests in their buckets on `asOf` (default: today)',
      ),
    },
    async (c) => {
      const { format, lang, ...query } = c.req.valid('query');
      const report = await agingReport({ ...c.req.valid('param'), query });
      return answer(c, { format, lang }, report, sheets.agingSheets, `arrears-aging-${report.asOf}`);
    },
  );
  domain.route(
    {
      method: 'get',
      path: `${property}/households/{householdId}/statement`,
      operationId: 'getHouseholdStatement',
      summary: 'Read a household’s statement: its requests with what they received, and its adjustments',
      permission: 'billing.read',
      request: { params: statementParams, query: plainFormat },
      responses: jsonOrWorkbook(statementRecord, 'The household’s statement, oldest first'),
    },
    async (c) => {
      const report = await householdStatement(c.req.valid('param'));
      return answer(c, c.req.valid('query'), report, sheets.statementSheets, `statement-${report.roomCode}`);
    },
  );
  domain.route(
    {
      method: 'get',
      path: '/overview',
      operationId: 'getBillingOverview',
      summary: 'Read every visible property’s billing month side by side (head office)',
      permission: 'billing.read',
      request: { query: withFormat(overviewQuery) },
      responses: jsonOrWorkbook(overviewRecord, 'One line per property: its month’s figures and rates'),
    },
    async (c) => {
      const { format, lang, ...query } = c.req.valid('query');
      const report = await billingOverview(query);
      return answer(
        c,
        { format, lang },
        report,
        sheets.overviewSheets,
        `billing-overview-${report.month ?? 'last-month'}`,
      );
    },
  );
  domain.route(
    {
      method: 'get',
      path: `${property}/fee-accounts/{half}`,
      operationId: 'getFeeAccounts',
      summary: 'Read the half-year fee accounts (管理服务费收支): income by item and spending',
      permission: 'billing.read',
      request: { params: feeAccountParams, query: plainFormat },
      responses: jsonOrWorkbook(
        feeAccountsRecord,
        'Income of the six months by item, spending by category, and the balance',
      ),
    },
    async (c) => {
      const report = await feeAccounts(c.req.valid('param'));
      return answer(c, c.req.valid('query'), report, sheets.feeAccountSheets, `fee-accounts-${report.half}`);
    },
  );
  domain.route(
    {
      method: 'post',
      path: `${property}/fee-spending`,
      operationId: 'enterFeeSpending',
      summary: 'Enter a spending of the fee accounts for a month (entries only, never edited)',
      permission: 'billing.close',
      request: { params: propertyParams, ...jsonBody(spendingBody) },
      responses: ok(feeSpendingRecord, 'The spending as entered', 201),
    },
    async (c) => c.json(await enterSpending({ ...c.req.valid('param'), body: c.req.valid('json') }), 201),
  );
}
