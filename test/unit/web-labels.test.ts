import { describe, expect, it } from 'vitest';
import {
  complaintCategories,
  contactCategories,
  contactChannels,
  deliveryStatuses,
  departments,
  escalationRoles,
  householdKinds,
  householdStatuses,
  infoCategories,
  notificationKinds,
  occupancies,
  roles,
  unitTypes,
} from '../../functions/contract.ts';

// The message module sets the page's language and title when it loads: give it the two fields it touches.
Object.assign(globalThis, { document: { documentElement: {}, title: '' } });
const { lang, tOr } = await import('../../web/src/i18n.ts');

/** Each enumeration the API sends, with the message keys the dashboard shows its values under. */
const labelled: [name: string, values: readonly string[], key: (value: string) => string][] = [
  ['roles', roles, (v) => `role.${v}`],
  ['departments', departments, (v) => `dept.${v}`],
  ['unit types', unitTypes, (v) => `unit.${v}`],
  ['occupancies', occupancies, (v) => `unit.${v}`],
  ['household kinds', householdKinds, (v) => `household.${v}`],
  ['household statuses', householdStatuses, (v) => `household.${v}`],
  ['contact channels', contactChannels, (v) => `channel.${v}`],
  ['contact categories', contactCategories, (v) => `category.${v}`],
  ['complaint categories', complaintCategories, (v) => `complaintCategory.${v}`],
  ['information-file categories', infoCategories, (v) => `info.cat.${v}`],
  ['notification kinds', notificationKinds, (v) => `kind.${v}`],
  ['delivery statuses', deliveryStatuses, (v) => `delivery.${v}`],
  ['escalation roles', escalationRoles, (v) => `sla.notify.${v}`],
];

describe.each(['zh-CN', 'en'] as const)('dashboard in %s', (language) => {
  it.each(labelled)('every one of the server’s %s has a label, never the raw value', (_, values, key) => {
    lang.value = language;
    const missing = values.filter((v) => {
      const label = tOr(key(v), '');
      return !label || label === key(v);
    });
    expect(missing).toEqual([]);
  });
});
