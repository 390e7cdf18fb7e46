import { describe, expect, it } from 'vitest';
import { capitalAmount, formatYuan } from '../../functions/billing/payments/amount-words.ts';

describe('amounts as a receipt prints them', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [123_450, '¥1,234.50'],
    [100_000_000, '¥1,000,000.00'],
    [-2_050, '-¥20.50'],
  ])('front desk: %i fen reads %s', (cents, text) => {
    expect(formatYuan(cents)).toBe(text);
  });

  it.each([
    [0, '零元整'],
    [5, '伍分'],
    [50, '伍角整'],
    [105, '壹元零伍分'],
    [1_050, '壹拾元伍角整'],
    [123_450, '壹仟贰佰叁拾肆元伍角整'],
    [100_500, '壹仟零伍元整'],
    [100_005, '壹仟元零伍分'],
    [10_000_000, '壹拾万元整'],
    [100_010_000, '壹佰万零壹佰元整'],
    [1_001_000_000, '壹仟零壹万元整'],
    [10_001_000_000, '壹亿零壹万元整'],
    [21_033, '贰佰壹拾元叁角叁分'],
    [-1_000, '负壹拾元整'],
  ])('front desk: %i fen in capital numerals (大写) is %s', (cents, words) => {
    expect(capitalAmount(cents)).toBe(words);
  });
});
