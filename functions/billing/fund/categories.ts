/** What the maintenance fund is used for, in both languages (zod-free: the dashboard imports it as is). */

/** §8.2: daily repairs, special repairs, renewal, medium and major repairs; owners' committee expenses. */
export const fundCategories = [
  'daily_repair',
  'special_repair',
  'renewal',
  'major_repair',
  'committee',
] as const;
export type FundCategory = (typeof fundCategories)[number];
export const fundCategoryLabels: Record<FundCategory, { zh: string; en: string }> = {
  daily_repair: { zh: '日常维修', en: 'Daily repairs' },
  special_repair: { zh: '专项维修', en: 'Special repairs' },
  renewal: { zh: '更新改造', en: 'Renewal' },
  major_repair: { zh: '中修、大修', en: 'Medium and major repairs' },
  committee: { zh: '业委会活动经费', en: 'Owners’ committee expenses' },
};
