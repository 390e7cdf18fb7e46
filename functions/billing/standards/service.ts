/**
 * Fee standards (收费标准) of a property, with their history: a change is a new version in force from
 * its effective month, so a month already billed keeps the version it was billed with (docs/billing.md).
 */
import * as z from 'zod/mini';
import { readInProperty } from '../../directory/properties.ts';
import { id } from '../../directory/schemas.ts';
import { useActor } from '../../shared/actor.ts';
import { conflict, unprocessable } from '../../shared/errors.ts';
import { fn } from '../../shared/fn.ts';
import { newId } from '../../shared/ids.ts';
import { propertyStore, type Store } from '../../shared/store.ts';
import { billingKeys, billingSkPrefix, keys } from '../../shared/table.ts';
import { feeStandardItem } from '../items.ts';
import { queryAll } from '../query-all.ts';
import type { FeeStandard, FeeStandardVersion } from '../records.ts';
import { feeStandardCreate, feeStandardDeactivate, feeStandardVersionCreate } from './schemas.ts';

/** Every fee standard of a property: a few dozen at most, one Query page. */
export const readStandards = (store: Store, propertyId: string) =>
  queryAll<FeeStandard>(store, {
    partition: keys.property(propertyId).pk,
    beginsWith: billingSkPrefix.feeStandards,
    limit: 100,
  });

export const listFeeStandards = fn(z.object({ propertyId: id }), async ({ propertyId }) => ({
  items: await readInProperty(propertyId, (store) => readStandards(store, propertyId)),
}));

export const getFeeStandard = fn(z.object({ propertyId: id, standardId: id }), ({ propertyId, standardId }) =>
  propertyStore(propertyId).mustGet<FeeStandard>(
    billingKeys.feeStandard(propertyId, standardId),
    'Fee standard',
  ),
);

type VersionInput = Omit<FeeStandardVersion, 'changedBy' | 'changedAt'>;

function versionOf(input: VersionInput): FeeStandardVersion {
  const actor = useActor();
  return { ...input, changedBy: actor.name, changedAt: new Date().toISOString() };
}

/** A month already billed keeps what it was billed with: a change may only take effect after it. */
async function assertNotBilled(store: Store, propertyId: string, month: string) {
  const run = await store.get(billingKeys.billRun(propertyId, month), { consistent: true });
  if (run)
    throw conflict(
      'month_billed',
      `${month} is already billed: let the change take effect from a later month`,
      {
        month,
      },
    );
}

export const createFeeStandard = fn(
  z.object({ propertyId: id, standard: feeStandardCreate }),
  async ({ propertyId, standard }) => {
    const store = propertyStore(propertyId);
    await store.mustGet(keys.property(propertyId), 'Property');
    await assertNotBilled(store, propertyId, standard.effectiveFrom);
    const { item, name, ...version } = standard;
    const record: Omit<FeeStandard, 'version'> = {
      id: newId(),
      propertyId,
      item,
      name,
      versions: [versionOf(version)],
      active: true,
    };
    return store.create<FeeStandard>(feeStandardItem({ ...record, version: 1 }), {
      action: 'feeStandard.create',
      entity: 'feeStandard',
      entityId: record.id,
    });
  },
);

export const addFeeStandardVersion = fn(
  z.object({ propertyId: id, standardId: id, change: feeStandardVersionCreate }),
  async ({ propertyId, standardId, change }) => {
    const store = propertyStore(propertyId);
    const key = billingKeys.feeStandard(propertyId, standardId);
    const current = await store.mustGet<FeeStandard>(key, 'Fee standard');
    const { version, ...input } = change;
    const latest = current.versions.at(-1)!;
    if (!current.active) throw conflict('standard_inactive', 'This fee standard is no longer in use');
    if (input.effectiveFrom <= latest.effectiveFrom)
      throw unprocessable(
        'effective_too_early',
        `A new version takes effect after the latest one (${latest.effectiveFrom})`,
        { latest: latest.effectiveFrom },
      );
    await assertNotBilled(store, propertyId, input.effectiveFrom);
    return store.update<FeeStandard>(
      key,
      'Fee standard',
      version,
      { versions: [...current.versions, versionOf(input)] },
      { action: 'feeStandard.version', entity: 'feeStandard', entityId: standardId },
      { current, item: feeStandardItem },
    );
  },
);

export const deactivateFeeStandard = fn(
  z.object({ propertyId: id, standardId: id, body: feeStandardDeactivate }),
  async ({ propertyId, standardId, body }) => {
    const store = propertyStore(propertyId);
    return store.update<FeeStandard>(
      billingKeys.feeStandard(propertyId, standardId),
      'Fee standard',
      body.version,
      { active: false },
      { action: 'feeStandard.deactivate', entity: 'feeStandard', entityId: standardId },
      { item: feeStandardItem },
    );
  },
);
