/**
 * The billing pages' figures: plain SVG bar charts and the collection rates with their definitions,
 * shared by the month close, the fee reports, the head-office overview and the fund.
 */
import { yuan } from '../../../functions/billing/money.ts';
import type { CollectionRates } from '../../../functions/billing/reports/rates.ts';
import { rateDefinitions, rateNames, rateText } from '../../../functions/billing/reports/rates.ts';
import { lang, t } from '../i18n.ts';

export interface Series {
  label: string;
  color: string;
}
export interface BarGroup {
  key: string;
  /** Under the bars (e.g. "26-05"). */
  label: string;
  /** One per series, in the series' order; `text` is what the tooltip says of it. */
  values: { value: number; text: string }[];
}

const figureColors = { receivable: '#93c5fd', received: '#16a34a', arrears: '#dc2626' } as const;
type Figure = keyof typeof figureColors;

/** The series of a month's figures, in the words (and colours) every billing chart uses. */
export const figureSeries = (...figures: Figure[]): Series[] =>
  figures.map((f) => ({ label: t(`close.${f}`), color: figureColors[f] }));

/** A month's bars: its amounts in fen, labelled "26-05". */
export const monthGroup = (month: string, cents: number[]): BarGroup => ({
  key: month,
  label: month.slice(2),
  values: cents.map((c) => ({ value: c, text: yuan(c) })),
});

function Legend({ series }: { series: Series[] }) {
  return (
    <div class="chart-legend">
      {series.map((s) => (
        <span key={s.label}>
          <i style={{ background: s.color }} />
          {s.label}
        </span>
      ))}
    </div>
  );
}

/** Groups of bars side by side (receivable beside received, month by month). */
export function Bars({
  groups,
  series,
  label,
  testId,
}: {
  groups: BarGroup[];
  series: Series[];
  label: string;
  testId?: string;
}) {
  const max = Math.max(1, ...groups.flatMap((g) => g.values.map((v) => v.value)));
  const bar = 18;
  const w = series.length * (bar + 2) + 18;
  return (
    <figure class="chart" data-testid={testId}>
      <Legend series={series} />
      <svg viewBox={`0 0 ${Math.max(groups.length * w, 200)} 130`} width="100%" height="150" role="img">
        <title>{label}</title>
        {groups.map((g, i) => (
          <g key={g.key}>
            {g.values.map((v, j) => {
              const h = (Math.max(0, v.value) / max) * 100;
              return (
                <rect
                  key={series[j]!.label}
                  x={i * w + 8 + j * (bar + 2)}
                  y={105 - h}
                  width={bar}
                  height={h}
                  fill={series[j]!.color}
                >
                  <title>{`${g.label} ${series[j]!.label} ${v.text}`}</title>
                </rect>
              );
            })}
            <text x={i * w + w / 2} y="122" font-size="10" text-anchor="middle">
              {g.label}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

export interface HBarRow {
  key: string;
  label: string;
  value: number;
  /** Printed at the end of the bar. */
  text: string;
}

/**
 * One horizontal bar per row, its label before it and its figure after it: readable with forty rows
 * (forty properties) as with five (the aging buckets) — the chart grows downwards, never squeezes.
 */
export function HBars({
  rows,
  label,
  color = '#2563eb',
  max: fixedMax,
  testId,
}: {
  rows: HBarRow[];
  label: string;
  color?: string;
  /** The value of a full bar (1 for rates); by default the largest row. */
  max?: number;
  testId?: string;
}) {
  const max = fixedMax ?? Math.max(1, ...rows.map((r) => r.value));
  return (
    <figure class="hbars" aria-label={label} data-testid={testId}>
      {rows.map((r) => (
        <div class="hbar" key={r.key} data-testid={testId ? `${testId}-row` : undefined}>
          <span class="hbar-label" title={r.label}>
            {r.label}
          </span>
          <span class="hbar-track">
            <span
              class="hbar-fill"
              style={{ width: `${(Math.min(max, Math.max(0, r.value)) / max) * 100}%`, background: color }}
            />
          </span>
          <span class="hbar-text">{r.text}</span>
        </div>
      ))}
    </figure>
  );
}

/** The three collection rates, each beside the sentence that says what it divides. */
export function RateTable({ rates, testId }: { rates: CollectionRates; testId?: string }) {
  const l = lang.value === 'en' ? 'en' : 'zh';
  return (
    <table class="table rate-table" data-testid={testId}>
      <tbody>
        {rateNames.map((name) => (
          <tr key={name}>
            <th>{rateDefinitions[name].name[l]}</th>
            <td class="num" data-testid={`rate-${name}`}>
              {rateText(rates[name].value)}
            </td>
            <td class="small muted">{rateDefinitions[name].text[l]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
