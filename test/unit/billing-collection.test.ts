import { describe, expect, it } from 'vitest';
import { daysOverdue, lateFeeOf } from '../../functions/billing/collection/late-fees.ts';
import type { LateFeeTerms } from '../../functions/billing/collection/settings.ts';
import { householdLinkToken, verifyHouseholdLink } from '../../functions/billing/delivery/link.ts';
import { noticeKinds } from '../../functions/billing/delivery/records.ts';
import { noticeTexts } from '../../functions/billing/delivery/texts.ts';
import { yuan } from '../../functions/billing/money.ts';

const facts = {
  propertyName: '测试小区',
  hotline: '021-12345678',
  roomCode: '3-1502',
  period: '2026-12',
  dueDate: '2026-12-20',
  balanceCents: 123_456,
};

describe('texts to households', () => {
  // Civil Code art. 944: a fee is not collected by stopping water, power, heating or gas.
  const threats =
    /停水|停电|停暖|停气|断水|断电|断暖|断气|停止供|中断供|限制供|切断|停供|限水|限电|拉闸|锁卡/;

  it.each(noticeKinds)('the %s text never threatens to cut water, power, heating or gas', (kind) => {
    const text = noticeTexts[kind](facts);
    expect(text).not.toMatch(threats);
    expect(text).toContain('¥1,234.56');
    expect(text).toContain('3-1502');
  });

  it('the pattern does catch a threatening text (the check can fail)', () => {
    expect('逾期未缴将停水停电').toMatch(threats);
  });

  it('amounts are shown exactly, from fen', () => {
    expect(yuan(0)).toBe('¥0.00');
    expect(yuan(5)).toBe('¥0.05');
    expect(yuan(123_456_789)).toBe('¥1,234,567.89');
  });
});

describe('late fees', () => {
  const terms: LateFeeTerms = {
    enabled: true,
    dailyRatePerTenThousand: 5,
    graceDays: 15,
    capPercent: 20,
    clause: '第十五条',
  };

  it('counts property-local days after the due day', () => {
    expect(daysOverdue('2026-12-20', '2026-12-20')).toBe(0);
    expect(daysOverdue('2026-12-20', '2026-12-21')).toBe(1);
    expect(daysOverdue('2026-02-20', '2026-03-20')).toBe(28);
    expect(daysOverdue('2026-12-20', '2026-12-01')).toBe(0);
  });

  it('nothing while off, nothing within the grace days', () => {
    expect(lateFeeOf({ ...terms, enabled: false }, 100_000, '2026-12-20', '2027-03-01').cents).toBe(0);
    expect(lateFeeOf(terms, 100_000, '2026-12-20', '2027-01-04')).toMatchObject({ days: 0, cents: 0 });
  });

  it('accrues the daily rate from the first day after grace, rounded down to the fen', () => {
    // 16 overdue days − 15 grace = 1 day × ¥1,000.00 × 0.05% = ¥0.50.
    expect(lateFeeOf(terms, 100_000, '2026-12-20', '2027-01-05')).toMatchObject({ days: 1, cents: 50 });
    // ¥333.33 × 0.05% × 7 = 116.6655 fen → 116.
    expect(lateFeeOf(terms, 33_333, '2026-12-20', '2027-01-11')).toMatchObject({ days: 7, cents: 116 });
  });

  it('never more than the cap', () => {
    // 1,000 days would be ¥500 on ¥1,000; the 20% cap holds it to ¥200.
    const fee = lateFeeOf(terms, 100_000, '2026-12-20', '2029-09-30');
    expect(fee).toMatchObject({ cents: 20_000, capped: true });
    expect(lateFeeOf(terms, 0, '2026-12-20', '2029-09-30').cents).toBe(0);
  });
});

describe('household link', () => {
  const request = { propertyId: 'p0001', period: '2026-12', householdId: 'h0001', id: 'r0001' };
  const now = new Date('2026-12-15T01:00:00Z');

  it('verifies what it signed, with its claims', () => {
    const checked = verifyHouseholdLink(householdLinkToken(request, now), now);
    expect(checked).toMatchObject({ ok: true, claims: { householdId: 'h0001', requestId: 'r0001' } });
  });

  it('refuses a changed signature, extra parts and garbage', () => {
    const token = householdLinkToken(request, now);
    expect(verifyHouseholdLink(`${token.slice(0, -2)}xx`, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyHouseholdLink(`${token}~x`, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyHouseholdLink('x', now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('stops working after its lifetime', () => {
    const token = householdLinkToken(request, now);
    expect(verifyHouseholdLink(token, new Date('2027-04-13T00:59:59Z')).ok).toBe(true);
    expect(verifyHouseholdLink(token, new Date('2027-04-14T01:00:00Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });
});
