import type { ComponentType } from 'preact';
import { lazy } from 'preact-iso';

type Page = { path: string; component: ComponentType<Record<string, unknown>> };

/** A lazily loaded page: the router gives it its path's params (`:propertyId`, …) as props. */
const page = <P>(path: string, load: () => Promise<{ default: ComponentType<P> }>): Page => ({
  path,
  component: lazy(load) as unknown as Page['component'],
});

/**
 * The billing pages (收费管理) and their paths, mounted by the shell; their menu entries are in nav.ts
 * (group `billing`). Each part of billing adds its pages here, e.g. (with preact-iso's `lazy`)
 * `{ path: '/p/:propertyId/billing/run', component: lazy(() => import('./BillRun.tsx')) }`.
 */
export const billingPages: Page[] = [
  page('/p/:propertyId/billing/desk', () => import('./PaymentDesk.tsx')),
  page('/p/:propertyId/billing/receipts', () => import('./Receipts.tsx')),
  page('/p/:propertyId/billing/receipts/:receiptId', () => import('./ReceiptPrint.tsx')),
  page('/p/:propertyId/billing/approvals', () => import('./Approvals.tsx')),
  page('/p/:propertyId/billing/shift', () => import('./CashierShift.tsx')),
  page('/p/:propertyId/billing/standards', () => import('./FeeStandards.tsx')),
  page('/p/:propertyId/billing/run', () => import('./BillRun.tsx')),
  page('/p/:propertyId/billing/collection', () => import('./CollectionWorklist.tsx')),
  page('/p/:propertyId/billing/collection/:month/:householdId', () => import('./VisitEntry.tsx')),
  page('/p/:propertyId/billing/arrears/:householdId', () => import('./ArrearsFilePage.tsx')),
  page('/p/:propertyId/billing/requests/:month/:householdId/print', () => import('./RequestPrint.tsx')),
  page('/p/:propertyId/billing/close', () => import('./MonthClose.tsx')),
  page('/p/:propertyId/billing/reports', () => import('./FeeReports.tsx')),
  page('/billing', () => import('./BillingOverview.tsx')),
  page('/p/:propertyId/billing/fee-accounts', () => import('./FeeAccounts.tsx')),
  page<{ propertyId: string; half: string }>('/p/:propertyId/billing/fee-accounts/:half/print', () =>
    import('./FeeAccounts.tsx').then((m) => ({ default: m.FeeAccountsPrint })),
  ),
  page('/p/:propertyId/billing/fund', () => import('./MaintenanceFund.tsx')),
  page<{ propertyId: string; half: string }>('/p/:propertyId/billing/fund/publication/:half', () =>
    import('./MaintenanceFund.tsx').then((m) => ({ default: m.FundPublicationPage })),
  ),
  page('/p/:propertyId/billing/households/:householdId/statement', () => import('./HouseholdStatement.tsx')),
];
