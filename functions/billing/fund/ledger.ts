/**
 * The maintenance fund (维修基金, 001 §8): contributions, uses by category approved by a second person,
 * and the monthly reconciliation with the bank (§8.4). Entries only — nothing is edited or removed, a
 * use moves the balance only once approved — so the balance is always the sum of what is listed.
 */
import * as z from 'zod/mini';
import { date } from '../../directory/schemas.ts';
import { useActor } from '../../shared/actor.ts';
import { conflict, notFound, unprocessable } from '../../shared/errors.ts';
import { fn } from '../../shared/fn.ts';
import { newId } from '../../shared/ids.ts';
import { components } from '../../shared/openapi.ts';
import { type Item, propertyStore, type Store } from '../../shared/store.ts';
import { billingKeys, billingSkPrefix } from '../../shared/table.ts';
import { localDay } from '../../tickets/local-day.ts';
import { id } from '../../tickets/schemas.ts';
import { addMonths, halfYearParam, month, monthsOfHalf } from '../close/months.ts';
import { propertyOf } from '../close/service.ts';
import { everyInPartition } from '../reports/month-figures.ts';
import { type FundCategory, fundCategories } from './categories.ts';

interface EntryBase {
  id: string;
  propertyId: string;
  day: string;
  enteredBy: string;
  enteredByName: string;
  enteredAt: string;
  version: number;
}
export type FundEntry = EntryBase &
  (
    | { kind: 'contribution'; amountCents: number; source: string }
    | {
        kind: 'use';
        amountCents: number;
        category: FundCategory;
        description: string;
        state: 'proposed' | 'approved' | 'rejected';
        decidedBy?: string;
        decidedByName?: string;
        decidedAt?: string;
      }
    | {
        kind: 'reconciliation';
        month: string;
        bankBalanceCents: number;
        ledgerBalanceCents: number;
        differenceCents: number;
        note: string;
      }
  );

const fundEntryItem = (e: FundEntry): Item => ({
  ...billingKeys.fundEntry(e.propertyId, e.day, e.id),
  recordType: 'fundEntry',
  ...e,
});

const maxCents = 10_000_000_000;
const cents = z.int().check(z.gte(1), z.lte(maxCents));

export const contributionBody = z
  .strictObject({
    day: date,
    amountCents: cents,
    source: z.string().check(z.trim(), z.minLength(2), z.maxLength(200)),
  })
  .register(components, {
    id: 'FundContribution',
    example: { day: '2026-11-05', amountCents: 12_500_000, source: '11月业主续筹维修基金' },
  });
export const useBody = z
  .strictObject({
    day: date,
    amountCents: cents,
    category: z.enum(fundCategories),
    description: z.string().check(z.trim(), z.minLength(2), z.maxLength(500)),
  })
  .register(components, {
    id: 'FundUse',
    example: {
      day: '2026-11-12',
      amountCents: 860_000,
      category: 'special_repair',
      description: '3号楼屋面防水专项维修',
    },
  });
export const decisionBody = z
  .strictObject({ version: z.int(), approve: z.boolean() })
  .register(components, { id: 'FundUseDecision', example: { version: 1, approve: true } });
export const reconciliationBody = z
  .strictObject({
    month,
    // The fund's bank account is a deposit account: its statement never shows a balance below zero.
    bankBalanceCents: z.int().check(z.gte(0), z.lte(maxCents)),
    note: z._default(z.string().check(z.maxLength(500)), ''),
  })
  .register(components, {
    id: 'FundReconciliation',
    example: { month: '2026-10', bankBalanceCents: 35_640_000, note: '与开户银行对账单核对一致' },
  });

const lastDayOf = (m: string) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
};

/** What an entry moves the balance by: contributions in, approved uses out; nothing else. */
export const balanceEffect = (e: FundEntry) =>
  e.kind === 'contribution' ? e.amountCents : e.kind === 'use' && e.state === 'approved' ? -e.amountCents : 0;

const entriesOf = (store: Store, propertyId: string) =>
  everyInPartition<FundEntry>(store, propertyId, billingSkPrefix.fundEntries);
const balanceThrough = (entries: FundEntry[], day: string) =>
  entries.filter((e) => e.day <= day).reduce((s, e) => s + balanceEffect(e), 0);

function stamp(propertyId: string, day: string) {
  const actor = useActor();
  return {
    id: newId(),
    propertyId,
    day,
    enteredBy: actor.staffId,
    enteredByName: actor.name,
    enteredAt: new Date().toISOString(),
    version: 1,
  };
}

async function put(store: Store, entry: FundEntry, action: string, extra: object) {
  await store.apply(
    [
      {
        put: fundEntryItem(entry),
        condition: 'attribute_not_exists(#pk)',
        onFail: conflict('exists', 'This entry already exists'),
      },
    ],
    {
      action,
      entity: 'fundEntry',
      entityId: entry.id,
      after: { day: entry.day, kind: entry.kind, ...extra },
    },
  );
  return entry;
}

async function notAhead(store: Store, propertyId: string, day: string) {
  const property = await propertyOf(store, propertyId);
  if (day > localDay(new Date(), property.timeZone))
    throw unprocessable('future_day', `${day} has not come yet`);
}

export const enterContribution = fn(
  z.object({ propertyId: id, body: contributionBody }),
  async ({ propertyId, body }) => {
    const store = propertyStore(propertyId);
    await notAhead(store, propertyId, body.day);
    const entry: FundEntry = {
      ...stamp(propertyId, body.day),
      kind: 'contribution',
      amountCents: body.amountCents,
      source: body.source,
    };
    return put(store, entry, 'fund.contribution', { amountCents: body.amountCents });
  },
);

export const proposeUse = fn(z.object({ propertyId: id, body: useBody }), async ({ propertyId, body }) => {
  const store = propertyStore(propertyId);
  await notAhead(store, propertyId, body.day);
  const entry: FundEntry = { ...stamp(propertyId, body.day), kind: 'use', ...body, state: 'proposed' };
  return put(store, entry, 'fund.useProposed', { amountCents: body.amountCents, category: body.category });
});

export const fundEntryParams = z.object({ propertyId: id, day: date, entryId: id });

/** A second person approves (or rejects) a proposed use; approving one that would overdraw the fund is refused. */
export const decideUse = fn(
  z.extend(fundEntryParams, { body: decisionBody }),
  async ({ propertyId, day, entryId, body }) => {
    const store = propertyStore(propertyId);
    const key = billingKeys.fundEntry(propertyId, day, entryId);
    const entry = await store.get<FundEntry>(key, { consistent: true });
    if (entry?.kind !== 'use') throw notFound('Fund use');
    if (entry.version !== body.version)
      throw conflict('stale_version', 'The use was changed by someone else; reload and try again');
    if (entry.state !== 'proposed') throw conflict('already_decided', 'This use has already been decided');
    const actor = useActor();
    if (actor.staffId === entry.enteredBy)
      throw unprocessable('same_person', 'A second person approves a use of the fund');
    if (body.approve) {
      const balance = balanceThrough(await entriesOf(store, propertyId), '9999-12-31');
      if (entry.amountCents > balance)
        throw conflict('insufficient_fund', 'The fund does not hold enough for this use', {
          balanceCents: balance,
        });
    }
    const decided = {
      state: body.approve ? 'approved' : 'rejected',
      decidedBy: actor.staffId,
      decidedByName: actor.name,
      decidedAt: new Date().toISOString(),
    };
    await store.apply(
      [
        {
          update: key,
          set: { ...decided, version: entry.version + 1 },
          condition: '#version = :v AND #state = :proposed',
          values: { ':v': entry.version, ':proposed': 'proposed' },
          onFail: conflict('stale_version', 'The use was changed by someone else; reload and try again'),
        },
      ],
      {
        action: body.approve ? 'fund.useApproved' : 'fund.useRejected',
        entity: 'fundEntry',
        entityId: entryId,
        before: { state: 'proposed' },
        after: decided,
      },
    );
    return { ...entry, ...decided, version: entry.version + 1 } as FundEntry;
  },
);

/** §8.4: the month's ledger balance beside the bank's; one reconciliation per month, once the month has ended. */
export const enterReconciliation = fn(
  z.object({ propertyId: id, body: reconciliationBody }),
  async ({ propertyId, body }) => {
    const store = propertyStore(propertyId);
    const property = await propertyOf(store, propertyId);
    if (localDay(new Date(), property.timeZone).slice(0, 7) <= body.month)
      throw unprocessable('month_not_over', `${body.month} has not ended yet`);
    const day = lastDayOf(body.month);
    const ledgerBalanceCents = balanceThrough(await entriesOf(store, propertyId), day);
    const entry: FundEntry = {
      ...stamp(propertyId, day),
      id: `recon${body.month.replace('-', '')}`,
      kind: 'reconciliation',
      month: body.month,
      bankBalanceCents: body.bankBalanceCents,
      ledgerBalanceCents,
      differenceCents: body.bankBalanceCents - ledgerBalanceCents,
      note: body.note,
    };
    return put(store, entry, 'fund.reconciliation', {
      bankBalanceCents: body.bankBalanceCents,
      ledgerBalanceCents,
    });
  },
);

export const fundLedger = fn(z.object({ propertyId: id }), async ({ propertyId }) => {
  const store = propertyStore(propertyId);
  const property = await propertyOf(store, propertyId);
  const entries = await entriesOf(store, propertyId);
  let balance = 0;
  const lines = entries.map((e) => {
    balance += balanceEffect(e);
    return { ...e, balanceCents: balance };
  });
  return { propertyId, propertyName: property.name, entries: lines, balanceCents: balance };
});

export const fundHalfParams = z.object({ propertyId: id, half: halfYearParam });

/** §8.5: the half year's publication — opening balance, contributions, uses by category, reconciliations, closing balance. */
export const fundPublication = fn(fundHalfParams, async ({ propertyId, half }) => {
  const store = propertyStore(propertyId);
  const property = await propertyOf(store, propertyId);
  const months = monthsOfHalf(half);
  const from = `${months[0]}-01`;
  const to = lastDayOf(months.at(-1)!);
  const entries = await entriesOf(store, propertyId);
  const opening = balanceThrough(entries, lastDayOf(addMonths(months[0]!, -1)));
  const inHalf = entries.filter((e) => e.day >= from && e.day <= to);
  const contributionsCents = inHalf
    .filter((e) => e.kind === 'contribution')
    .reduce((s, e) => s + balanceEffect(e), 0);
  const uses = fundCategories.map((category) => ({
    category,
    amountCents: inHalf
      .filter((e) => e.kind === 'use' && e.state === 'approved' && e.category === category)
      .reduce((s, e) => s - balanceEffect(e), 0),
  }));
  const usesCents = uses.reduce((s, u) => s + u.amountCents, 0);
  return {
    propertyId,
    propertyName: property.name,
    half,
    openingBalanceCents: opening,
    contributionsCents,
    uses,
    usesCents,
    closingBalanceCents: opening + contributionsCents - usesCents,
    reconciliations: inHalf.filter((e) => e.kind === 'reconciliation'),
    approvedUses: inHalf.filter((e) => e.kind === 'use' && e.state === 'approved'),
  };
});
