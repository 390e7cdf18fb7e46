import { describe, expect, it } from 'vitest';
import { collectionRates, priorArrearsOf, rateText } from '../../functions/billing/reports/rates.ts';

/** 往期欠费清缴率: the prior arrears a month's requests brought in, and what of them is recovered. */
const open = (left: Record<string, number>) => (householdId: string, period: string) =>
  left[`${householdId}#${period}`] ?? 0;

describe('recovery of prior arrears', () => {
  it('finance: what each household brought in less what is still open on those months is recovered', () => {
    const prior = priorArrearsOf(
      [
        { householdId: 'a', priorArrears: { cents: 3000, periods: ['2026-04', '2026-05'] } },
        { householdId: 'b', priorArrears: { cents: 2000, periods: ['2026-05'] } },
        { householdId: 'c' },
      ],
      open({ 'a#2026-04': 500, 'b#2026-05': 2000, 'c#2026-05': 999 }),
    );
    expect(prior).toEqual({ priorArrearsCents: 5000, priorRecoveredCents: 2500 });
    const rates = collectionRates({
      receivableCents: 1,
      receivedCents: 1,
      householdsBilled: 1,
      householdsPaid: 1,
      ...prior,
    });
    expect(rateText(rates.recovery.value)).toBe('50.00%');
  });

  it('finance: a void that reopens more than was brought in recovers nothing, never less; nothing brought in shows “—”', () => {
    const reopened = priorArrearsOf(
      [{ householdId: 'a', priorArrears: { cents: 1000, periods: ['2026-05'] } }],
      open({ 'a#2026-05': 1500 }),
    );
    expect(reopened).toEqual({ priorArrearsCents: 1000, priorRecoveredCents: 0 });
    const none = priorArrearsOf([{ householdId: 'a' }], open({}));
    const rates = collectionRates({
      receivableCents: 0,
      receivedCents: 0,
      householdsBilled: 0,
      householdsPaid: 0,
      ...none,
    });
    expect(rateText(rates.recovery.value)).toBe('—');
  });
});
