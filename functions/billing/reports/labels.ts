/** Names of the report rows and categories in both languages: the workbooks and the dashboard share them (zod-free). */
export const incomeRowLabels: Record<string, { zh: string; en: string }> = {
  management: { zh: '物业管理费', en: 'Property management fee' },
  equipment: { zh: '房屋设备运行费', en: 'Equipment operation fee' },
  parking: { zh: '停车费', en: 'Parking' },
  water: { zh: '水费', en: 'Water' },
  electricity: { zh: '电费', en: 'Electricity' },
  service: { zh: '有偿服务费', en: 'Paid services' },
  other: { zh: '其他', en: 'Other' },
  arrears: { zh: '往期欠费', en: 'Previous arrears' },
  credit: { zh: '预存款抵扣', en: 'Prepayment credit applied' },
};

/** What finance spends the fee accounts on (管理服务费支出), by category. */
export const spendingCategories = [
  'staff',
  'cleaning',
  'security',
  'greening',
  'maintenance',
  'utilities',
  'office',
  'other',
] as const;
export type SpendingCategory = (typeof spendingCategories)[number];

export const spendingCategoryLabels: Record<SpendingCategory, { zh: string; en: string }> = {
  staff: { zh: '人员费用', en: 'Staff' },
  cleaning: { zh: '保洁费用', en: 'Cleaning' },
  security: { zh: '秩序维护费用', en: 'Security' },
  greening: { zh: '绿化养护费用', en: 'Landscaping' },
  maintenance: { zh: '公共设施维修养护', en: 'Common facilities upkeep' },
  utilities: { zh: '公共水电', en: 'Common water and power' },
  office: { zh: '办公及管理费用', en: 'Office and administration' },
  other: { zh: '其他', en: 'Other' },
};

/** The buckets, by days past the due date: due by the end of its due day, so day 0 is not yet overdue. */
export const agingBuckets = [
  { key: 'notDue', upTo: 0, label: { zh: '未到期', en: 'Not yet due' } },
  { key: 'd0_30', upTo: 30, label: { zh: '0–30 天', en: '0–30 days' } },
  { key: 'd31_90', upTo: 90, label: { zh: '31–90 天', en: '31–90 days' } },
  { key: 'd91_180', upTo: 180, label: { zh: '91–180 天', en: '91–180 days' } },
  { key: 'd181plus', upTo: Number.POSITIVE_INFINITY, label: { zh: '180 天以上', en: 'Over 180 days' } },
] as const;
