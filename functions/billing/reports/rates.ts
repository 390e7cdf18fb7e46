/**
 * The collection rates (收缴率), defined here once: the API, the month close's snapshot, the print views
 * and the Excel workbooks all compute them with `collectionRates` and show them with `rateText`, and
 * the screens print the definitions below beside them. zod-free, so the dashboard imports it as is.
 */

export const rateNames = ['amount', 'households', 'recovery'] as const;
export type RateName = (typeof rateNames)[number];

/** What each rate divides, in the words the screens, print views and workbooks show (001 §7.5). */
export const rateDefinitions: Record<
  RateName,
  { name: { zh: string; en: string }; text: { zh: string; en: string } }
> = {
  amount: {
    name: { zh: '按金额收缴率', en: 'Collection rate by amount' },
    text: {
      zh: '本期实收 ÷ 本期应收：本月请求书已收到的金额（含预存抵扣）除以本月请求书的应收金额',
      en: 'Received ÷ receivable of the period: what the month’s requests have received (prepayment credit included) divided by what they bill',
    },
  },
  households: {
    name: { zh: '按户收缴率', en: 'Collection rate by household' },
    text: {
      zh: '已缴清户数 ÷ 出账户数：本月请求书已全部付清的住户数除以收到本月请求书的住户数',
      en: 'Households paid in full ÷ households billed: those whose request of the month is fully paid, divided by those who received one',
    },
  },
  recovery: {
    name: { zh: '往期欠费清缴率', en: 'Recovery of prior arrears' },
    text: {
      zh: '收回的往期欠费 ÷ 往期欠费：本月请求书上“往期欠费”行已收到的金额除以这些行的金额',
      en: 'Prior arrears recovered ÷ prior arrears: what the “previous arrears” lines of the month’s requests have received, divided by their amount',
    },
  },
};

/** The counts a rate is computed from: a month's figures, and its requests' prior-arrears lines. */
export interface RateInputs {
  receivableCents: number;
  receivedCents: number;
  householdsBilled: number;
  householdsPaid: number;
  /** Prior arrears carried onto the month's requests, and what of them was paid; null: not known. */
  priorArrearsCents: number | null;
  priorRecoveredCents: number | null;
}

export interface Rate {
  /** The fraction, rounded to 4 decimals (hundredths of a percent); null when there is nothing to divide by. */
  value: number | null;
  numerator: number;
  denominator: number;
}
export type CollectionRates = Record<RateName, Rate>;

function rate(numerator: number, denominator: number): Rate {
  return {
    value: denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 10_000 : null,
    numerator,
    denominator,
  };
}

export function collectionRates(f: RateInputs): CollectionRates {
  return {
    amount: rate(f.receivedCents, f.receivableCents),
    households: rate(f.householdsPaid, f.householdsBilled),
    recovery:
      f.priorArrearsCents === null || f.priorRecoveredCents === null
        ? { value: null, numerator: 0, denominator: 0 }
        : rate(f.priorRecoveredCents, f.priorArrearsCents),
  };
}

/** A rate as every screen and print view shows it: "96.25%", or "—" when there is nothing to divide. */
export const rateText = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(2)}%`);

/** The Excel number format that shows a rate's `value` exactly as `rateText` does. */
export const rateNumberFormat = '0.00%';
