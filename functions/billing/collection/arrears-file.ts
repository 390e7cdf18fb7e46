/**
 * A household's arrears file: what it owes and everything that shows it was asked — each notice and
 * reminder with its delivery status, each visit and promise, the fee clause relied on and, where late
 * fees are on, their computation and clause. One read of each partition the household's records sit
 * in; the same content is the page, the print view and the Excel file for a lawyer.
 */
import * as z from 'zod/mini';
import type { Household, Property, Unit } from '../../directory/records.ts';
import { notFound } from '../../shared/errors.ts';
import { fn } from '../../shared/fn.ts';
import { maskPhone } from '../../shared/personal-data.ts';
import { propertyStore, type QueryInput, type Store } from '../../shared/store.ts';
import { billingIndexKeys, billingKeys, billingSkPrefix, keys } from '../../shared/table.ts';
import { localDay } from '../../tickets/local-day.ts';
import type { HouseholdNotice } from '../delivery/records.ts';
import { queryAll } from '../query-all.ts';
import type { PaymentRequest } from '../records.ts';
import { type LateFee, lateFeeOf, overduePrincipal } from './late-fees.ts';
import type { CollectionTask, CollectionVisit } from './records.ts';
import { householdParams } from './schemas.ts';
import { type CollectionSettings, propertyOf, settingsOf } from './settings.ts';

export interface ArrearsFile {
  property: { id: string; name: string; address: string; hotline: string; timeZone: string };
  letterhead: CollectionSettings['letterhead'];
  household: {
    id: string;
    name: string;
    phone: string;
    roomCode: string;
    kind: string;
    moveInDate: string | null;
  };
  asOf: string;
  feeClause: string;
  lateFeeTerms: CollectionSettings['lateFee'];
  /** Requests with a balance left, oldest first, with their task and (where on) late fee as of today. */
  arrears: {
    request: PaymentRequest;
    task: CollectionTask | null;
    lateFee: (LateFee & { waived: boolean }) | null;
  }[];
  totalOwedCents: number;
  notices: HouseholdNotice[];
  visits: CollectionVisit[];
}

const all = <T>(store: Store, query: QueryInput) => queryAll<T>(store, { ...query, limit: 100 });

export async function arrearsFileOf(
  propertyId: string,
  householdId: string,
  now = new Date(),
): Promise<ArrearsFile> {
  const store = propertyStore(propertyId);
  const property: Property = await propertyOf(store, propertyId);
  const household = await store.get<Household>(keys.household(propertyId, householdId));
  if (!household) throw notFound('Household');
  const pk = keys.property(propertyId).pk;
  const [settings, unit, requests, notices, visits] = await Promise.all([
    settingsOf(store, property),
    store.get<Unit>(keys.unit(propertyId, household.unitId)),
    all<PaymentRequest>(store, {
      index: 'listing',
      partition: billingIndexKeys.requestsOfHousehold(propertyId, householdId, '').listingPk,
    }),
    all<HouseholdNotice>(store, {
      partition: pk,
      beginsWith: billingSkPrefix.noticesOfHousehold(householdId),
    }),
    all<CollectionVisit>(store, {
      partition: pk,
      beginsWith: billingSkPrefix.visitsOfHousehold(householdId),
    }),
  ]);
  const owing = requests.filter((r) => r.balanceCents > 0);
  const tasks = await store.batchGet<CollectionTask>(
    owing.map((r) => billingKeys.collectionTask(propertyId, r.period, householdId)),
  );
  const asOf = localDay(now, property.timeZone);
  const arrears = owing.map((request) => {
    const task = tasks.find((t) => t.period === request.period) ?? null;
    const fee = settings.lateFee.enabled
      ? lateFeeOf(
          settings.lateFee,
          Math.min(request.balanceCents, overduePrincipal(request.lines)),
          request.dueDate,
          asOf,
        )
      : null;
    return {
      request,
      task,
      lateFee: fee ? { ...fee, waived: Boolean(task?.lateFeeWaiver?.approvedAt) } : null,
    };
  });
  const byTime = <T extends { createdAt?: string; at?: string }>(a: T, b: T) =>
    (a.createdAt ?? a.at ?? '').localeCompare(b.createdAt ?? b.at ?? '');
  return {
    property: {
      id: property.id,
      name: property.name,
      address: property.address,
      hotline: property.hotline,
      timeZone: property.timeZone,
    },
    letterhead: settings.letterhead,
    household: {
      id: household.id,
      name: household.name,
      phone: maskPhone(household.phone),
      roomCode: unit?.roomCode ?? household.roomCode,
      kind: household.kind,
      moveInDate: household.moveInDate,
    },
    asOf,
    feeClause: settings.feeClause,
    lateFeeTerms: settings.lateFee,
    arrears,
    totalOwedCents: owing.reduce((sum, r) => sum + r.balanceCents, 0),
    notices: notices.sort(byTime),
    visits: visits.sort(byTime),
  };
}

export const getArrearsFile = fn(householdParams, ({ propertyId, householdId }) =>
  arrearsFileOf(propertyId, householdId),
);
export const arrearsFileQuery = z.strictObject({ lang: z.optional(z.enum(['zh-CN', 'en'])) });
