/** Each billing report as workbook sheets: the same rows, in the same order, as its screen. */
import type { agingReport } from './aging.ts';
import type { feeAccounts } from './fee-accounts.ts';
import { agingBuckets, incomeRowLabels, spendingCategoryLabels } from './labels.ts';
import type { billingOverview, householdsReport, monthsReport } from './reads.ts';
import type { householdStatement } from './statement.ts';
import type { Cell, Column, Lang, Sheet } from './workbook.ts';

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

const t = (zh: string, en: string) => ({ zh, en });
const col = (zh: string, en: string, kind: Column['kind'] = 'text', width?: number): Column => ({
  header: t(zh, en),
  kind,
  ...(width ? { width } : {}),
});

const figureColumns = [
  col('应收', 'Receivable', 'cents'),
  col('实收', 'Received', 'cents'),
  col('调整', 'Adjusted', 'cents'),
  col('欠收', 'Arrears', 'cents'),
];
const rateColumns = [
  col('出账户数', 'Households billed', 'int'),
  col('缴清户数', 'Households paid', 'int'),
  col('按金额收缴率', 'By amount', 'rate'),
  col('按户收缴率', 'By household', 'rate'),
  col('往期欠费清缴率', 'Prior arrears recovered', 'rate'),
];
type Line = Result<typeof monthsReport>['months'][number];
const figureCells = (
  l: Pick<Line, 'receivableCents' | 'receivedCents' | 'adjustedCents' | 'arrearsCents'>,
): Cell[] => [l.receivableCents, l.receivedCents, l.adjustedCents, l.arrearsCents];
const rateCells = (l: Pick<Line, 'householdsBilled' | 'householdsPaid' | 'rates'>): Cell[] => [
  l.householdsBilled,
  l.householdsPaid,
  l.rates.amount.value,
  l.rates.households.value,
  l.rates.recovery.value,
];
const yesNo = (v: boolean, lang: Lang) => (v ? t('已结账', 'Closed') : t('未结账', 'Open'))[lang];

export function monthsSheets(r: Result<typeof monthsReport>, lang: Lang): Sheet[] {
  return [
    {
      name: t('收费报表', 'Fee report'),
      heading: [
        t('收费报表（应收/实收/欠收）', 'Fee report (receivable / received / arrears)')[lang],
        r.propertyName,
        `${r.from} – ${r.to}`,
      ],
      columns: [col('月份', 'Month'), ...figureColumns, ...rateColumns, col('月结', 'Close')],
      rows: [
        ...r.months.map((m) => [m.month, ...figureCells(m), ...rateCells(m), yesNo(m.closed, lang)]),
        [t('合计', 'Total')[lang], ...figureCells(r.totals), ...rateCells(r.totals), ''],
      ],
      withRateDefinitions: true,
    },
  ];
}

export function householdSheets(r: Result<typeof householdsReport>, lang: Lang): Sheet[] {
  const heading = [t('住户收费明细', 'Fees by household')[lang], r.propertyName, r.month];
  return [
    {
      name: t('按住户', 'By household'),
      heading,
      columns: [col('楼栋', 'Building'), col('房号', 'Room'), col('住户', 'Household'), ...figureColumns],
      rows: r.households.map((h) => [h.buildingName, h.roomCode, h.householdName, ...figureCells(h)]),
    },
    {
      name: t('按楼栋', 'By building'),
      heading,
      columns: [
        col('楼栋', 'Building'),
        ...figureColumns,
        col('出账户数', 'Households billed', 'int'),
        col('缴清户数', 'Households paid', 'int'),
      ],
      rows: r.buildings.map((b) => [b.buildingName, ...figureCells(b), b.householdsBilled, b.householdsPaid]),
    },
  ];
}

export function agingSheets(r: Result<typeof agingReport>, lang: Lang): Sheet[] {
  const label = (key: string) => agingBuckets.find((b) => b.key === key)!.label[lang];
  const heading = [
    t('欠费账龄', 'Arrears aging')[lang],
    r.propertyName,
    `${t('截至', 'As of')[lang]} ${r.asOf}`,
  ];
  return [
    {
      name: t('账龄汇总', 'Aging summary'),
      heading,
      columns: [
        col('账龄（逾期天数）', 'Days past due', 'text', 20),
        col('请求书数', 'Requests', 'int'),
        col('欠费', 'Owing', 'cents'),
      ],
      rows: [
        ...r.buckets.map((b) => [label(b.bucket), b.requests, b.owingCents]),
        [t('合计', 'Total')[lang], r.rows.length, r.totalOwingCents],
      ],
    },
    {
      name: t('欠费明细', 'Unpaid requests'),
      heading,
      columns: [
        col('房号', 'Room'),
        col('住户', 'Household'),
        col('账期', 'Period'),
        col('缴费期限', 'Due date'),
        col('逾期天数', 'Days past due', 'int'),
        col('账龄', 'Bucket'),
        col('欠费', 'Owing', 'cents'),
      ],
      rows: r.rows.map((x) => [
        x.roomCode,
        x.householdName,
        x.period,
        x.dueDate,
        x.daysPastDue,
        label(x.bucket),
        x.owingCents,
      ]),
    },
  ];
}

export function statementSheets(r: Result<typeof householdStatement>, lang: Lang): Sheet[] {
  return [
    {
      name: t('对账单', 'Statement'),
      heading: [t('住户对账单', 'Household statement')[lang], `${r.roomCode} ${r.householdName}`],
      columns: [
        col('账期', 'Period'),
        col('项目', 'Entry', 'text', 40),
        col('应收', 'Billed', 'cents'),
        col('实收', 'Received', 'cents'),
        col('调整', 'Adjusted', 'cents'),
      ],
      rows: [
        ...r.requests.map((q) => [
          q.period,
          t('付款请求书', 'Payment request')[lang],
          q.billedCents,
          q.receivedCents,
          0,
        ]),
        ...r.adjustments.map((a) => [
          a.month,
          `${t('调整', 'Adjustment')[lang]}（${a.correctsPeriod}）${a.reason}`,
          0,
          0,
          a.amountCents,
        ]),
        [
          t('合计', 'Total')[lang],
          `${t('尚欠', 'Owing')[lang]}`,
          r.totals.billedCents,
          r.totals.receivedCents,
          r.totals.adjustedCents,
        ],
      ],
    },
  ];
}

export function overviewSheets(r: Result<typeof billingOverview>, lang: Lang): Sheet[] {
  return [
    {
      name: t('各项目收费', 'Properties'),
      heading: [
        t('总部收费总览', 'Head office billing overview')[lang],
        r.month ?? t('上月', 'Last month')[lang],
      ],
      columns: [col('项目', 'Property', 'text', 24), col('月份', 'Month'), ...figureColumns, ...rateColumns],
      rows: [
        ...r.properties.map((p) => [p.property.name, p.month, ...figureCells(p), ...rateCells(p)]),
        [t('合计', 'Total')[lang], '', ...figureCells(r.totals), ...rateCells(r.totals)],
      ],
      withRateDefinitions: true,
    },
  ];
}

export function feeAccountSheets(r: Result<typeof feeAccounts>, lang: Lang): Sheet[] {
  const heading = [
    t('管理服务费收支公布', 'Fee accounts published to households')[lang],
    r.propertyName,
    r.half,
  ];
  return [
    {
      name: t('收支', 'Accounts'),
      heading,
      columns: [
        col('收支项目', 'Item', 'text', 28),
        col('应收', 'Receivable', 'cents'),
        col('收入', 'Income', 'cents'),
        col('支出', 'Spending', 'cents'),
      ],
      rows: [
        ...r.income.map((i) => [
          (incomeRowLabels[i.row] ?? t(i.row, i.row))[lang],
          i.receivableCents,
          i.receivedCents,
          null,
        ]),
        ...r.spending.map((s) => [spendingCategoryLabels[s.category][lang], null, null, s.amountCents]),
        [t('合计', 'Total')[lang], null, r.incomeCents, r.spendingCents],
        [t('结余', 'Balance')[lang], null, r.balanceCents, null],
      ],
    },
  ];
}
