/** Names of the report rows in both languages: the workbooks and the dashboard share them (zod-free). */
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
