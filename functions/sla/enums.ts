/** The SLA vocabulary the API sends, without zod: the dashboard imports these lists through contract.ts. */

/**
 * Which working calendar a 'working' target counts in: `service` = the property's service hours every
 * listed day, holidays included (front desk, hotline); `office` = the office hours setting, observing
 * China's public holidays and make-up working days (调休).
 */
export const calendarKinds = ['service', 'office'] as const;
export type CalendarKind = (typeof calendarKinds)[number];

/** The roles an escalation step notifies. */
export const escalationRoles = ['responsible_person', 'property_manager', 'head_office'] as const;
export type EscalationRole = (typeof escalationRoles)[number];
