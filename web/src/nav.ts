import type { Permission, Role } from '../../functions/contract.ts';
import type { MsgKey } from './i18n.ts';

/**
 * The navigation, declared once. A later domain adds its entries here (and its routes in routes.ts):
 * e.g. `{ key: 'tickets', group: 'service', label: 'nav.tickets', path: 'tickets', permission: 'ticket.read' }`.
 * An entry shows when the user holds its `permission` (from GET /me) and, if `roles` is set, one of those roles.
 */
export interface NavItem {
  key: string;
  group: NavGroup;
  label: MsgKey;
  /** 'company': an absolute path outside any property; 'property': relative to /p/:propertyId. */
  scope: 'company' | 'property';
  /** For 'property' items the segment after /p/:propertyId ('' = the property's home). */
  path: string;
  permission?: Permission;
  roles?: Role[];
  /** Also highlighted for deeper paths (e.g. units/:unitId under units). */
  prefix?: boolean;
  /** Shown first, ahead of every group, to a user whose every role is one of these (on a phone: in view). */
  first?: Role[];
}

export type NavGroup = 'company' | 'front' | 'service' | 'billing' | 'directory';

/** Groups in display order. Future: 'service' (工单/投诉/访客/快递/交接班), 'billing', 'reports'. */
export const navGroups: { key: NavGroup; label: MsgKey }[] = [
  { key: 'company', label: 'group.company' },
  { key: 'front', label: 'group.front' },
  { key: 'service', label: 'group.service' },
  { key: 'billing', label: 'group.billing' },
  { key: 'directory', label: 'group.directory' },
];

export const navItems: NavItem[] = [
  // The cashier's pages lead the billing group: the desk is what the front desk and finance open first.
  {
    key: 'desk',
    group: 'billing',
    label: 'nav.desk',
    scope: 'property',
    path: 'billing/desk',
    permission: 'payment.take',
  },
  {
    key: 'receipts',
    group: 'billing',
    label: 'nav.receipts',
    scope: 'property',
    path: 'billing/receipts',
    permission: 'billing.read',
    prefix: true,
  },
  {
    key: 'shift',
    group: 'billing',
    label: 'nav.shift',
    scope: 'property',
    path: 'billing/shift',
    permission: 'payment.take',
  },
  {
    key: 'approvals',
    group: 'billing',
    label: 'nav.approvals',
    scope: 'property',
    path: 'billing/approvals',
    permission: 'payment.approve',
  },
  {
    key: 'feeStandards',
    group: 'billing',
    label: 'nav.feeStandards',
    scope: 'property',
    path: 'billing/standards',
    permission: 'billing.read',
  },
  {
    key: 'billRun',
    group: 'billing',
    label: 'nav.billRun',
    scope: 'property',
    path: 'billing/run',
    permission: 'billing.read',
  },
  {
    key: 'monthClose',
    group: 'billing',
    label: 'nav.monthClose',
    scope: 'property',
    path: 'billing/close',
    permission: 'billing.read',
  },
  {
    key: 'feeReports',
    group: 'billing',
    label: 'nav.feeReports',
    scope: 'property',
    path: 'billing/reports',
    permission: 'billing.read',
  },
  {
    key: 'feeAccounts',
    group: 'billing',
    label: 'nav.feeAccounts',
    scope: 'property',
    path: 'billing/fee-accounts',
    permission: 'billing.read',
    prefix: true,
  },
  {
    key: 'fund',
    group: 'billing',
    label: 'nav.fund',
    scope: 'property',
    path: 'billing/fund',
    permission: 'fund.read',
    prefix: true,
  },
  {
    key: 'overview',
    group: 'company',
    label: 'nav.overview',
    scope: 'company',
    path: '/',
    roles: ['head_office'],
  },
  {
    key: 'holidays',
    group: 'company',
    label: 'nav.holidays',
    scope: 'company',
    path: '/holidays',
    roles: ['head_office'],
  },
  {
    key: 'home',
    group: 'front',
    label: 'nav.home',
    scope: 'property',
    path: '',
    permission: 'property.read',
  },
  {
    key: 'notifications',
    group: 'front',
    label: 'nav.notifications',
    scope: 'company',
    path: '/notifications',
    permission: 'notification.read',
  },
  {
    key: 'units',
    group: 'front',
    label: 'nav.units',
    scope: 'property',
    path: 'units',
    permission: 'unit.read',
    prefix: true,
  },
  {
    key: 'households',
    group: 'front',
    label: 'nav.households',
    scope: 'property',
    path: 'households',
    permission: 'household.read',
  },
  {
    key: 'ledger',
    group: 'service',
    label: 'nav.ledger',
    scope: 'property',
    path: 'ledger',
    permission: 'ledger.write',
  },
  {
    key: 'tickets',
    group: 'service',
    label: 'nav.tickets',
    scope: 'property',
    path: 'tickets',
    permission: 'ticket.read',
    // Technicians work from their own list; the whole property's tickets are the desk's view.
    roles: ['head_office', 'property_manager', 'front_desk', 'security', 'finance'],
    prefix: true,
  },
  {
    key: 'myJobs',
    group: 'service',
    label: 'nav.myJobs',
    scope: 'property',
    path: 'my-jobs',
    permission: 'ticket.act',
    first: ['technician'],
  },
  {
    key: 'infoFile',
    group: 'service',
    label: 'nav.infoFile',
    scope: 'property',
    path: 'info',
    permission: 'info.read',
  },
  {
    key: 'ledgerReview',
    group: 'service',
    label: 'nav.ledgerReview',
    scope: 'property',
    path: 'ledger-review',
    permission: 'ledger.read',
  },
  {
    key: 'reports',
    group: 'service',
    label: 'nav.reports',
    scope: 'property',
    path: 'reports',
    permission: 'ticket.read',
    prefix: true,
  },
  {
    key: 'billingOverview',
    group: 'company',
    label: 'nav.billingOverview',
    scope: 'company',
    path: '/billing',
    roles: ['head_office'],
  },
  {
    key: 'reportsOverview',
    group: 'company',
    label: 'nav.reportsOverview',
    scope: 'company',
    path: '/reports',
    roles: ['head_office'],
  },
  {
    key: 'buildings',
    group: 'directory',
    label: 'nav.buildings',
    scope: 'property',
    path: 'buildings',
    permission: 'building.read',
  },
  {
    key: 'staff',
    group: 'directory',
    label: 'nav.staff',
    scope: 'property',
    path: 'staff',
    permission: 'staff.read',
  },
  {
    key: 'import',
    group: 'directory',
    label: 'nav.import',
    scope: 'property',
    path: 'import',
    permission: 'directory.import',
  },
  {
    key: 'outbox',
    group: 'directory',
    label: 'nav.outbox',
    scope: 'property',
    path: 'outbox',
    permission: 'outbox.read',
  },
  {
    key: 'settings',
    group: 'directory',
    label: 'nav.settings',
    scope: 'property',
    path: 'settings',
    permission: 'property.read',
  },
  {
    key: 'sla',
    group: 'directory',
    label: 'nav.sla',
    scope: 'property',
    path: 'sla',
    permission: 'property.read',
  },
  {
    key: 'collection',
    group: 'billing',
    label: 'nav.collection',
    scope: 'property',
    path: 'billing/collection',
    permission: 'collection.work',
    prefix: true,
  },
];

export function visibleNav(permissions: readonly string[], roles: readonly Role[]): NavItem[] {
  return navItems.filter(
    (item) =>
      (!item.permission || permissions.includes(item.permission)) &&
      (!item.roles || item.roles.some((role) => roles.includes(role))),
  );
}

/** Whether the item leads the menu for a user with `roles` (see `first`). */
export const isFirstFor = (item: NavItem, roles: readonly Role[]) =>
  !!item.first && roles.length > 0 && roles.every((role) => item.first!.includes(role));

/** Where `/` takes someone: a technician (and only a technician) to 我的工单, others to the property. */
export function homeOf(propertyId: string, roles: readonly Role[]): string {
  return roles.length > 0 && roles.every((r) => r === 'technician')
    ? `/p/${propertyId}/my-jobs`
    : `/p/${propertyId}`;
}

export function navHref(item: NavItem, propertyId: string | null): string | null {
  if (item.scope === 'company') return item.path;
  if (!propertyId) return null;
  return item.path ? `/p/${propertyId}/${item.path}` : `/p/${propertyId}`;
}

/** Whether `path` (the current location) is the page of `item`. */
export function isActive(item: NavItem, href: string, path: string): boolean {
  if (path === href) return true;
  return !!item.prefix && path.startsWith(`${href}/`);
}

/** The property id in a /p/:propertyId/... path, and the sub-page after it. */
export function propertyFromPath(path: string): { propertyId: string | null; sub: string } {
  const m = path.match(/^\/p\/([^/]+)(?:\/(.*))?$/);
  if (!m) return { propertyId: null, sub: '' };
  return { propertyId: decodeURIComponent(m[1]!), sub: m[2] ?? '' };
}

/** Where the property switcher goes: the same page in the other property (a detail page → its list). */
export function switchPath(sub: string, propertyId: string): string {
  const page = sub.split('/')[0] ?? '';
  return page ? `/p/${propertyId}/${page}` : `/p/${propertyId}`;
}
