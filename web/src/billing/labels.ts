/** Fee items and rates in words, as the billing pages show them. */
import { rateText } from '../../../functions/billing/money.ts';
import type { FeeBasis, FeeItem, FeeStandardVersion } from '../../../functions/billing/records.ts';
import { incomeRowLabels } from '../../../functions/billing/reports/labels.ts';
import { lang, t } from '../i18n.ts';

/** The fee item as finance calls it (the same names the reports print). */
export const itemLabel = (item: string) => incomeRowLabels[item]?.[lang.value === 'en' ? 'en' : 'zh'] ?? item;

/** Whether a basis reads a meter: the household's own, or a common one it shares. */
export const reads = (basis: FeeBasis) => basis === 'meter' || basis.startsWith('shared');

/** "¥2.35/m²/月": the rate and what it is per, by basis (and for meters, what the meter counts). */
export function rateWithUnit(v: Pick<FeeStandardVersion, 'rate' | 'basis'>, item: FeeItem): string {
  const rate = rateText(v.rate);
  if (v.basis === 'area' || v.basis === 'inner_area') return t('rateUnit.area', { rate });
  if (v.basis === 'unit' || v.basis === 'fixed') return t(`rateUnit.${v.basis}`, { rate });
  const per = item === 'water' ? 'water' : item === 'electricity' ? 'electricity' : 'usage';
  return t(`rateUnit.${per}`, { rate });
}
