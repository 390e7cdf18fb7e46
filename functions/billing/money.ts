/**
 * Exact money (docs/billing.md, "Rounding and allocation"; seed 001 §7.2: figures exact). Amounts are
 * integer fen; rates are integers of a stated scale (records.ts `Rate`); products are taken in BigInt so
 * no step passes through a floating-point number, and each line is rounded once, at the end.
 */
import type { Rate } from './records.ts';

/** The largest scale a rate may carry: 1/10,000 fen. */
export const maxRateScale = 4;

/** n ÷ d rounded to the nearest integer, halves away from zero (四舍五入), for d > 0. */
export function roundHalfUp(n: bigint, d: bigint): number {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = (abs * 2n + d) / (2n * d);
  return Number(negative ? -q : q);
}

/**
 * The one rounding rule of a fee line: the exact product of the rate and the quantity (m² in
 * hundredths, meter units, or 1 for a unit or fixed fee), rounded once to the fen, halves up.
 * `quantityScale` is the quantity's own scale (2 for areaSqmX100).
 */
export function lineAmount(rate: Rate, quantity: number, quantityScale = 0): number {
  return roundHalfUp(BigInt(rate.amount) * BigInt(quantity), 10n ** BigInt(rate.scale + quantityScale));
}

/**
 * Splits `total` fen into shares proportional to `weights` with the largest-remainder method: each
 * share is first its floor, then the fen left over go one each to the largest remainders (ties to the
 * earlier weight), so the shares always add up to `total` exactly. No weight at all (or all zero)
 * leaves nothing to split on: an error, not a silent zero.
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`Not a sum of fen: ${total}`);
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0))
    throw new RangeError('Weights are non-negative integers');
  const sum = weights.reduce((a, w) => a + BigInt(w), 0n);
  if (sum === 0n) throw new RangeError('Nothing to split on: every weight is zero');
  const t = BigInt(total);
  const shares = weights.map((w) => (t * BigInt(w)) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (t * BigInt(w)) % sum }));
  let left = Number(t - shares.reduce((a, s) => a + s, 0n));
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0) break;
    shares[i]! += 1n;
    left -= 1;
  }
  return shares.map(Number);
}

/** Hundredths with two decimals, for the basis text of a line: 12345 → "123.45". */
export function hundredths(n: number): string {
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Fen as shown and printed everywhere, exactly: 123450 → "¥1,234.50". */
export function yuan(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** A rate as printed: { amount: 2355, scale: 1 } fen → "23.55" fen → "¥0.2355". */
export function rateText(rate: Rate): string {
  const digits = String(rate.amount).padStart(rate.scale + 3, '0');
  const whole = digits.slice(0, digits.length - rate.scale - 2);
  const fraction = digits.slice(digits.length - rate.scale - 2).replace(/0+$/, '');
  return `¥${whole}.${fraction.padEnd(2, '0')}`;
}

/**
 * A rate typed in yuan, exactly (rateText's inverse): "2.35" → { 235, 0 }, "1.955" → { 1955, 1 }; the
 * scale is the fewest fractional fen it needs, at most `maxRateScale`. Anything else is null.
 */
export function parseRate(input: string): Rate | null {
  const m = input.trim().match(/^(\d{1,7})(?:\.(\d+))?$/);
  const fraction = (m?.[2] ?? '').replace(/0+$/, '');
  if (!m || fraction.length > 2 + maxRateScale) return null;
  const scale = Math.max(0, fraction.length - 2);
  return { amount: Number(`${m[1]}${fraction.padEnd(2 + scale, '0')}`), scale };
}

/** Hundredths of a m² as printed: 8950 → "89.50". */
export const areaText = (areaSqmX100: number) => hundredths(areaSqmX100);
