import type { ComponentType } from 'preact';

type Page = { path: string; component: ComponentType<Record<string, unknown>> };

/**
 * The billing pages (收费管理) and their paths, mounted by the shell; their menu entries are in nav.ts
 * (group `billing`). Each part of billing adds its pages here, e.g. (with preact-iso's `lazy`)
 * `{ path: '/p/:propertyId/billing/run', component: lazy(() => import('./BillRun.tsx')) }`.
 */
export const billingPages: Page[] = [];
