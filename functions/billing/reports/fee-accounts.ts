/**
 * The half-year fee accounts (管理服务费收支账目, published to households every half year, 001 §7.6):
 * income by item from the months' requests (a closed month's from its close), and the spending finance
 * enters month by month — entries only, never edited, each audited.
 */
import * as z from 'zod/mini';
import { useActor } from '../../shared/actor.ts';
import { fn } from '../../shared/fn.ts';
import { newId } from '../../shared/ids.ts';
import { components } from '../../shared/openapi.ts';
import { type Item, propertyStore } from '../../shared/store.ts';
import { billingKeys, keys } from '../../shared/table.ts';
import { id } from '../../tickets/schemas.ts';
import { halfYearParam, month, monthsOfHalf } from '../close/months.ts';
import type { MonthClose } from '../close/records.ts';
import { propertyOf } from '../close/service.ts';
import { type SpendingCategory, spendingCategories } from './labels.ts';
import { breakdownOf, type IncomeByRow, requestsOfMonth } from './month-figures.ts';

export interface FeeSpending {
  id: string;
  propertyId: string;
  month: string;
  category: SpendingCategory;
  amountCents: number;
  note: string;
  enteredBy: string;
  enteredByName: string;
  enteredAt: string;
}

const feeSpendingItem = (s: FeeSpending): Item => ({
  ...billingKeys.feeSpending(s.propertyId, s.month, s.id),
  recordType: 'billingFeeSpending',
  ...s,
});

export const spendingBody = z
  .strictObject({
    month,
    category: z.enum(spendingCategories),
    amountCents: z.int().check(z.gte(1), z.lte(1_000_000_000)),
    note: z.string().check(z.trim(), z.minLength(2), z.maxLength(500)),
  })
  .register(components, {
    id: 'FeeSpendingCreate',
    example: { month: '2026-11', category: 'cleaning', amountCents: 1_850_000, note: '11月保洁外包服务费' },
  });

export const enterSpending = fn(
  z.object({ propertyId: id, body: spendingBody }),
  async ({ propertyId, body }): Promise<FeeSpending> => {
    const store = propertyStore(propertyId);
    await propertyOf(store, propertyId);
    const actor = useActor();
    const spending: FeeSpending = {
      id: newId(),
      propertyId,
      ...body,
      enteredBy: actor.staffId,
      enteredByName: actor.name,
      enteredAt: new Date().toISOString(),
    };
    await store.apply([{ put: feeSpendingItem(spending), condition: 'attribute_not_exists(#pk)' }], {
      action: 'billing.feeSpending',
      entity: 'billingFeeSpending',
      entityId: spending.id,
      after: { month: spending.month, category: spending.category, amountCents: spending.amountCents },
    });
    return spending;
  },
);

export const feeAccountParams = z.object({ propertyId: id, half: halfYearParam });

export const feeAccounts = fn(feeAccountParams, async ({ propertyId, half }) => {
  const store = propertyStore(propertyId);
  const property = await propertyOf(store, propertyId);
  const months = monthsOfHalf(half);
  const closes = await store.batchGet<MonthClose>(months.map((m) => billingKeys.monthClose(propertyId, m)));
  const monthLines = await Promise.all(
    months.map(async (m) => {
      const close = closes.find((c) => c.month === m);
      const income: IncomeByRow[] = close
        ? close.income
        : breakdownOf(await requestsOfMonth(store, propertyId, m)).income;
      return { month: m, closed: Boolean(close), income };
    }),
  );
  const spendingPage = await store.query<FeeSpending>({
    partition: keys.property(propertyId).pk,
    between: [`SPEND#${months[0]}#`, `SPEND#${months.at(-1)}#~`],
    limit: 1000,
  });
  const income = new Map<string, IncomeByRow>();
  for (const line of monthLines)
    for (const row of line.income) {
      const r = income.get(row.row) ?? { row: row.row, receivableCents: 0, receivedCents: 0 };
      r.receivableCents += row.receivableCents;
      r.receivedCents += row.receivedCents;
      income.set(row.row, r);
    }
  const spendingByCategory = spendingCategories
    .map((category) => ({
      category,
      amountCents: spendingPage.items
        .filter((s) => s.category === category)
        .reduce((s, e) => s + e.amountCents, 0),
    }))
    .filter((c) => c.amountCents > 0);
  const incomeCents = [...income.values()].reduce((s, r) => s + r.receivedCents, 0);
  const spendingCents = spendingByCategory.reduce((s, c) => s + c.amountCents, 0);
  return {
    propertyId,
    propertyName: property.name,
    half,
    months: monthLines.map((l) => ({
      month: l.month,
      closed: l.closed,
      receivedCents: l.income.reduce((s, r) => s + r.receivedCents, 0),
    })),
    income: [...income.values()],
    spending: spendingByCategory,
    entries: spendingPage.items,
    incomeCents,
    spendingCents,
    balanceCents: incomeCents - spendingCents,
  };
});
