import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  largestRemainder,
  lineAmount,
  parseRate,
  rateText,
  roundHalfUp,
} from '../../functions/billing/money.ts';
import { consumptionOf } from '../../functions/billing/standards/meters.ts';

describe('the allocation of a common amount (largest remainder)', () => {
  it('finance: shares of a common meter always add up to the fen', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000_00 }),
        fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 300 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const shares = largestRemainder(total, weights);
          expect(shares.reduce((a, s) => a + s, 0)).toBe(total);
        },
      ),
    );
  });

  it('finance: each share is within one fen of its exact part, and a zero weight pays nothing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 100 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const sum = weights.reduce((a, w) => a + w, 0);
          largestRemainder(total, weights).forEach((share, i) => {
            const exact = (total * weights[i]!) / sum;
            expect(share).toBeGreaterThanOrEqual(Math.floor(exact));
            expect(share).toBeLessThanOrEqual(Math.ceil(exact));
            if (weights[i] === 0) expect(share).toBe(0);
          });
        },
      ),
    );
  });

  it('finance: equal households share ¥100.00 three ways as 33.34, 33.33, 33.33 (the earlier one takes the fen)', () => {
    expect(largestRemainder(10000, [1, 1, 1])).toEqual([3334, 3333, 3333]);
  });

  it('finance: a split with nothing to split on is refused, never a silent zero', () => {
    expect(() => largestRemainder(100, [0, 0])).toThrow(RangeError);
    expect(() => largestRemainder(-1, [1])).toThrow(RangeError);
  });
});

describe('the one rounding rule of a fee line', () => {
  it('finance: 89.50 m² × ¥2.35 is ¥210.33 (210.325 fen rounded once, halves up)', () => {
    expect(lineAmount({ amount: 235, scale: 0 }, 8950, 2)).toBe(21033);
  });

  it('finance: a fractional-fen rate is exact: 104.20 m² × ¥2.355 = ¥245.39 (24539.1 fen)', () => {
    expect(lineAmount({ amount: 2355, scale: 1 }, 10420, 2)).toBe(24539);
  });

  it('finance: the line is rounded once, not per m² (100 m² × ¥0.005 = ¥0.50, not ¥1.00 or ¥0.00)', () => {
    expect(lineAmount({ amount: 5, scale: 1 }, 10000, 2)).toBe(50);
  });

  it('finance: rounding a line is within half a fen of the exact product', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (amount, scale, area) => {
          const cents = lineAmount({ amount, scale }, area, 2);
          const exact = (BigInt(amount) * BigInt(area) * 2n) / 10n ** BigInt(scale + 2);
          // 2 × exact product, floored: the result is its half, rounded up at .5.
          expect(BigInt(cents)).toBe((exact + 1n) / 2n);
        },
      ),
    );
  });

  it('finance: halves go away from zero, a refund rounds like a charge', () => {
    expect(roundHalfUp(5n, 10n)).toBe(1);
    expect(roundHalfUp(-5n, 10n)).toBe(-1);
    expect(roundHalfUp(4n, 10n)).toBe(0);
  });

  it('finance: rates print as the standard states them', () => {
    expect(rateText({ amount: 235, scale: 0 })).toBe('¥2.35');
    expect(rateText({ amount: 2355, scale: 1 })).toBe('¥2.355');
    expect(rateText({ amount: 5, scale: 0 })).toBe('¥0.05');
    expect(rateText({ amount: 10000, scale: 0 })).toBe('¥100.00');
  });

  it('finance: a rate typed in yuan is read exactly, with the fewest fractional fen it needs', () => {
    expect(parseRate('2.35')).toEqual({ amount: 235, scale: 0 });
    expect(parseRate(' 1.955 ')).toEqual({ amount: 1955, scale: 1 });
    expect(parseRate('2.3500')).toEqual({ amount: 235, scale: 0 });
    expect(parseRate('8')).toEqual({ amount: 800, scale: 0 });
    expect(parseRate('0.000001')).toEqual({ amount: 1, scale: 4 });
    for (const bad of ['', '2,35', '-1', '1.0000001', '¥2.35', '1e3', '2.'])
      expect(parseRate(bad), bad).toBeNull();
  });

  it('finance: a rate typed back as it prints is the same rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 4 }),
        (amount, scale) => {
          const parsed = parseRate(rateText({ amount, scale }).slice(1))!;
          // The same value: amount ÷ 10^scale, compared without division.
          expect(BigInt(parsed.amount) * 10n ** BigInt(scale)).toBe(
            BigInt(amount) * 10n ** BigInt(parsed.scale),
          );
        },
      ),
    );
  });
});

describe('meter consumption', () => {
  it('finance: current − previous', () => {
    expect(consumptionOf({ reading: 1520, previousReading: 1488 }).consumption).toBe(32);
  });
  it('finance: a replaced meter counts both meters', () => {
    const r = consumptionOf({
      reading: 20,
      previousReading: 1488,
      replacement: { finalReading: 1600, startReading: 0 },
    });
    expect(r.consumption).toBe(132);
  });
  it('finance: a meter that rolled over past 99999 counts across the wrap', () => {
    expect(consumptionOf({ reading: 15, previousReading: 99980, rolloverAt: 99999 }).consumption).toBe(35);
  });
  it('finance: a reading that goes backwards without a rollover or replacement is refused', () => {
    expect(() => consumptionOf({ reading: 10, previousReading: 20 })).toThrow(/previous/);
  });
});
