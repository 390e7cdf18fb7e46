/**
 * A property's delivery and collection settings: the reminder day, the letterhead printed on its
 * requests, the fee clause its arrears files rely on, and late fees (off unless finance turns them on).
 * One item per property; absent, the defaults below hold.
 */
import * as z from 'zod/mini';
import type { Property } from '../../directory/records.ts';
import { id } from '../../directory/schemas.ts';
import { conflict, notFound } from '../../shared/errors.ts';
import { fn } from '../../shared/fn.ts';
import { components } from '../../shared/openapi.ts';
import { propertyStore, type Store } from '../../shared/store.ts';
import { billingKeys, keys } from '../../shared/table.ts';

const text = (max: number) => z.string().check(z.trim(), z.maxLength(max));

export const lateFeeTerms = z.strictObject({
  enabled: z.boolean(),
  /** Per day, in ten-thousandths of the overdue principal (万分之五 = 5). */
  dailyRatePerTenThousand: z.int().check(z.gte(1), z.lte(30)),
  /** Days after the due date before a late fee runs. */
  graceDays: z.int().check(z.gte(0), z.lte(365)),
  /** The late fee never exceeds this percent of the overdue principal. */
  capPercent: z.int().check(z.gte(1), z.lte(100)),
  /** The contract clause that allows it, printed wherever a late fee is shown. */
  clause: text(500),
});
export type LateFeeTerms = z.infer<typeof lateFeeTerms>;

export const letterhead = z.strictObject({
  companyName: text(80),
  address: text(160),
  phone: text(40),
  bank: text(80),
  account: text(40),
});

export const collectionSettingsBody = z
  .strictObject({
    /** Day of the due month on which households still owing are reminded (before the due day). */
    reminderDay: z.optional(z.int().check(z.gte(1), z.lte(28))),
    letterhead: z.optional(letterhead),
    /** The clause of the property service contract the fees rest on. */
    feeClause: z.optional(text(1000)),
    lateFee: z.optional(lateFeeTerms),
  })
  .check(
    z.refine((s) => !s.lateFee?.enabled || s.lateFee.clause.length > 0, {
      message: 'Late fees need the contract clause that allows them',
      path: ['lateFee', 'clause'],
    }),
  )
  .register(components, {
    id: 'CollectionSettingsChange',
    example: {
      reminderDay: 18,
      feeClause: '《前期物业服务合同》第十二条：物业服务费按月于每月20日前缴纳。',
      lateFee: {
        enabled: false,
        dailyRatePerTenThousand: 5,
        graceDays: 15,
        capPercent: 20,
        clause: '',
      },
    },
  });

export const collectionSettingsRecord = z
  .object({
    propertyId: z.string(),
    reminderDay: z.int(),
    letterhead,
    feeClause: z.string(),
    lateFee: lateFeeTerms,
    version: z.int(),
  })
  .register(components, { id: 'CollectionSettings' });
export type CollectionSettings = z.infer<typeof collectionSettingsRecord>;

/** The reminder on the 18th (the request is due on the 20th, 001 §7.3); no late fee unless chosen. */
export function defaultSettings(property: Property): CollectionSettings {
  return {
    propertyId: property.id,
    reminderDay: 18,
    letterhead: {
      companyName: property.name,
      address: property.address,
      phone: property.hotline,
      bank: '',
      account: '',
    },
    feeClause: '',
    lateFee: { enabled: false, dailyRatePerTenThousand: 5, graceDays: 15, capPercent: 20, clause: '' },
    version: 0,
  };
}

export async function propertyOf(store: Store, propertyId: string): Promise<Property> {
  const property = await store.get<Property>(keys.property(propertyId));
  if (!property) throw notFound('Property');
  return property;
}

export async function settingsOf(store: Store, property: Property): Promise<CollectionSettings> {
  const own = await store.get<CollectionSettings>(billingKeys.collectionSettings(property.id));
  return own ?? defaultSettings(property);
}

export const getCollectionSettings = fn(z.object({ propertyId: id }), async ({ propertyId }) => {
  const store = propertyStore(propertyId);
  return settingsOf(store, await propertyOf(store, propertyId));
});

export const changeCollectionSettings = fn(
  z.object({ propertyId: id, body: collectionSettingsBody }),
  async ({ propertyId, body }) => {
    const store = propertyStore(propertyId);
    const current = await settingsOf(store, await propertyOf(store, propertyId));
    const next: CollectionSettings = {
      ...current,
      ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)),
      version: current.version + 1,
    };
    await store.apply(
      [
        {
          put: { ...billingKeys.collectionSettings(propertyId), recordType: 'collectionSettings', ...next },
          condition: current.version ? '#version = :v' : 'attribute_not_exists(#pk)',
          ...(current.version ? { values: { ':v': current.version } } : {}),
          onFail: conflict(
            'stale_version',
            'The settings were changed by someone else; reload and try again',
          ),
        },
      ],
      {
        action: 'collectionSettings.change',
        entity: 'collectionSettings',
        entityId: propertyId,
        before: { reminderDay: current.reminderDay, lateFee: current.lateFee.enabled },
        after: { reminderDay: next.reminderDay, lateFee: next.lateFee.enabled },
      },
    );
    return next;
  },
);
