import { describe, expect, it } from 'vitest';
import * as billingClose from '../../web/src/i18n/billing-close.ts';
import * as billingDesk from '../../web/src/i18n/billing-desk.ts';
import * as billingReports from '../../web/src/i18n/billing-reports.ts';
import * as billingRun from '../../web/src/i18n/billing-run.ts';
import * as collection from '../../web/src/i18n/collection.ts';
import * as figures from '../../web/src/i18n/figures.ts';
import * as history from '../../web/src/i18n/history.ts';
import * as importErrors from '../../web/src/i18n/import-errors.ts';
import * as ledger from '../../web/src/i18n/ledger.ts';
import * as notifications from '../../web/src/i18n/notifications.ts';
import * as photos from '../../web/src/i18n/photos.ts';
import * as settings from '../../web/src/i18n/settings.ts';
import * as tickets from '../../web/src/i18n/tickets.ts';

const modules = {
  billingClose,
  billingDesk,
  billingReports,
  billingRun,
  collection,
  figures,
  history,
  importErrors,
  ledger,
  notifications,
  photos,
  settings,
  tickets,
};

describe('dashboard messages', () => {
  it('no two feature message files define the same key (a later one would silently replace the other’s text)', () => {
    const owners = new Map<string, string[]>();
    for (const [name, { zh }] of Object.entries(modules)) {
      for (const key of Object.keys(zh)) owners.set(key, [...(owners.get(key) ?? []), name]);
    }
    const clashes = [...owners].filter(([, names]) => names.length > 1);
    expect(clashes).toEqual([]);
  });

  it('every message of a feature file exists in English too', () => {
    for (const { zh, en } of Object.values(modules)) {
      expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    }
  });
});
