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
      zh: '收回的往期欠费 ÷ 带入的往期欠费：本月出账时各户以前月份尚未缴清的金额（本月请求书上列出的往期欠费），其中至今（已月结的月份：至月结时）已缴回的金额，除以带入的金额',
      en: 'Prior arrears recovered ÷ prior arrears brought in: what each household still owed on earlier months when the month was billed (the prior arrears its request shows), how much of that has been paid since (for a closed month: by its close), divided by the amount brought in',
    },
  },
};

/** The counts a rate is computed from: a month's figures, and the prior arrears its requests brought in. */
export interface RateInputs {
  receivableCents: number;
  receivedCents: number;
  householdsBilled: number;
  householdsPaid: number;
  /** Prior arrears the month's requests brought in, and what of them was paid since (`priorArrearsOf`); null: not known. */
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

/** A request as the bill run issued it: the prior arrears it showed (open on earlier requests, and their periods). */
export interface BroughtIn {
  householdId: string;
  priorArrears?: { cents: number; periods: string[] };
}

/**
 * The inputs of 往期欠费清缴率, defined here once: the prior arrears the month's requests brought in,
 * and how much of it has been recovered — per household, what it brought in less what is still open
 * (`stillOpen`) on those same earlier requests, between 0 and what it brought in (a void that reopens
 * more than was brought in recovers nothing, never less).
 */
export function priorArrearsOf(
  requests: BroughtIn[],
  stillOpen: (householdId: string, period: string) => number,
): { priorArrearsCents: number; priorRecoveredCents: number } {
  let priorArrearsCents = 0;
  let priorRecoveredCents = 0;
  for (const { householdId, priorArrears } of requests) {
    if (!priorArrears) continue;
    const open = priorArrears.periods.reduce((sum, p) => sum + stillOpen(householdId, p), 0);
    priorArrearsCents += priorArrears.cents;
    priorRecoveredCents += priorArrears.cents - Math.min(Math.max(open, 0), priorArrears.cents);
  }
  return { priorArrearsCents, priorRecoveredCents };
}

/** A rate as every screen and print view shows it: "96.25%", or "—" when there is nothing to divide. */
export const rateText = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(2)}%`);

/** The Excel number format that shows a rate's `value` exactly as `rateText` does. */
export const rateNumberFormat = '0.00%';
