/**
 * The permission matrix: role × action. Every route declares one permission; docs/security.md is
 * generated from (and checked against) this table by a unit test.
 */
import { type Role, roles } from './roles.ts';

export { type Role, roles };

export const roleLabels: Record<Role, { zh: string; en: string }> = {
  head_office: { zh: '总部', en: 'Head office' },
  property_manager: { zh: '项目经理', en: 'Property manager' },
  front_desk: { zh: '前台客服', en: 'Front desk' },
  technician: { zh: '维修技术员', en: 'Technician' },
  finance: { zh: '财务', en: 'Finance' },
  security: { zh: '秩序维护', en: 'Security' },
  service_lead: { zh: '客服主管', en: 'Service team lead' },
};

export const permissions = {
  'property.read': 'See a property, its settings and its figures',
  'property.create': 'Open a new property',
  'property.update': 'Change a property’s settings',
  'building.read': 'List and view buildings',
  'building.write': 'Create and edit buildings',
  'unit.read': 'List, search and view units',
  'unit.write': 'Create and edit units',
  'household.read': 'List and view households (phones masked)',
  'household.write': 'Create and edit households',
  'household.revealPhone': 'See a household’s full phone number (audited)',
  'staff.read': 'List and view staff',
  'staff.write': 'Create and edit staff and their memberships',
  'directory.import': 'Import buildings, units and households from a spreadsheet',
  'audit.read': 'Read a property’s audit trail',
  'notification.read': 'See one’s own notifications and mark them read',
  'outbox.read':
    'See the e-mails and SMS a property’s notifications sent (or would have sent), with their status',
  'ledger.read': 'Read the front-desk ledger (callers’ phones masked)',
  'ledger.write': 'Record a contact in the front-desk ledger (and open its ticket)',
  'ticket.read': 'List and view repairs, complaints and inquiries with their timelines',
  'ticket.act': 'Take the actions of a ticket that the role (and assignment) allows',
  'ticket.revealPhone':
    'See the full phone of a ticket’s caller or household to call them (a technician: only on their own job; audited)',
  'chargeable.read': 'See a property’s chargeable items (confirmed paid-service fees) for billing',
  'sla.configure': 'Change a property’s SLA policies (only tighten the service standards)',
  'calendar.configure':
    'Enter a year’s official holidays and make-up workdays for the whole company (head office)',
  'info.read': 'Read and search the information file (信息档案: useful numbers, local services)',
  'info.write': 'Add, edit and remove information-file entries',
  'ledger.reviewDay': 'Mark a day of the front-desk ledger reviewed (team lead, daily)',
  'ledger.reviewWeek': 'Mark a week of the front-desk ledger reviewed (property head, weekly)',
  'billing.read':
    'See fee standards, payment requests, payments, receipts and billing figures of a property (phones masked)',
  'billing.configure': 'Set a property’s fee standards, meter readings and billing settings',
  'billing.run': 'Run the monthly bill run (or its dry run) now',
  'payment.take': 'Take a payment, print its receipt and settle one’s cashier shift',
  'payment.approve': 'Approve another person’s void or refund, or sign off a shift’s cash variance (finance)',
  'collection.work': 'Work the collection worklist: log visits, promises and reminders',
  'billing.close': 'Close a billing month and enter adjustments in the open month',
  'fund.read': 'See the maintenance fund (维修基金) ledger and its publications',
  'fund.write': 'Enter maintenance fund contributions, uses and bank reconciliations',
} as const;
export type Permission = keyof typeof permissions;

const all = Object.keys(permissions) as Permission[];
const readDirectory: Permission[] = [
  'property.read',
  'building.read',
  'unit.read',
  'household.read',
  'staff.read',
];

export const matrix: Record<Role, readonly Permission[]> = {
  head_office: all,
  property_manager: all.filter((p) => p !== 'property.create' && p !== 'calendar.configure'),
  front_desk: [...readDirectory, 'household.write', 'household.revealPhone', 'notification.read'],
  technician: ['property.read', 'building.read', 'unit.read', 'household.read', 'notification.read'],
  finance: [...readDirectory, 'household.revealPhone', 'notification.read', 'chargeable.read'],
  security: [
    'property.read',
    'building.read',
    'unit.read',
    'household.read',
    'staff.read',
    'notification.read',
  ],
  // An add-on role: a team lead is also front desk (roles ['front_desk', 'service_lead']); this adds the daily review.
  service_lead: [...readDirectory, 'notification.read'],
};

/** Tickets and the ledger, per role; the machines decide further which action a role may take. */
const ticketPermissions: Record<Exclude<Role, 'head_office' | 'property_manager'>, Permission[]> = {
  front_desk: ['ledger.read', 'ledger.write', 'ticket.read', 'ticket.act', 'ticket.revealPhone', 'info.read'],
  technician: ['ticket.read', 'ticket.act', 'ticket.revealPhone'],
  finance: ['ticket.read', 'ticket.act'],
  security: ['ledger.read', 'ledger.write', 'ticket.read', 'ticket.act', 'info.read'],
  service_lead: ['ledger.read', 'ticket.read', 'info.read', 'ledger.reviewDay'],
};
for (const [role, extra] of Object.entries(ticketPermissions)) {
  (matrix as Record<string, Permission[]>)[role] = [...matrix[role as Role], ...extra];
}

/** Billing, per role: finance runs it; the front desk takes payments at the desk and visits for arrears. */
const billingPermissions: Partial<Record<Role, Permission[]>> = {
  front_desk: ['billing.read', 'payment.take', 'collection.work'],
  finance: [
    'billing.read',
    'billing.configure',
    'billing.run',
    'payment.take',
    'payment.approve',
    'collection.work',
    'billing.close',
    'fund.read',
    'fund.write',
  ],
};
for (const [role, extra] of Object.entries(billingPermissions)) {
  (matrix as Record<string, Permission[]>)[role] = [...matrix[role as Role], ...extra];
}

export function can(userRoles: readonly Role[], permission: Permission): boolean {
  return userRoles.some((role) => matrix[role].includes(permission));
}
