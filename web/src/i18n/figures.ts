/** Messages of the head-office figures (overview table, property home cards). zh-CN first. */
export const zh = {
  'figures.title': '服务工单数据',
  'figures.hint': '开单、关单、超时由每笔操作实时累计；回访率与满意度为近 7 天。',
  'figures.property': '物业',
  'figures.openNow': '在办工单',
  'figures.overdueNow': '超时未结',
  'figures.breachedToday': '今日超时',
  'figures.breached7': '近 7 天超时',
  'figures.followUpRate': '回访率',
  'figures.satisfaction': '满意度',
  'figures.openedToday': '今日新开',
  'figures.closedToday': '今日关闭',
  'figures.followUpHint': '近 7 天：已回访 {n} / 完工 {total}',
  'figures.satisfactionHint': '近 7 天：满意 {n} / 回访 {total}',
  'figures.none': '暂无数据',
  'figures.today': '今日工单',
};

export const en: Record<keyof typeof zh, string> = {
  'figures.title': 'Service requests',
  'figures.hint':
    'Opened, closed and breached are counted as each action happens; follow-up rate and satisfaction cover the last 7 days.',
  'figures.property': 'Property',
  'figures.openNow': 'Open now',
  'figures.overdueNow': 'Overdue now',
  'figures.breachedToday': 'Breached today',
  'figures.breached7': 'Breached, 7 days',
  'figures.followUpRate': 'Follow-up rate',
  'figures.satisfaction': 'Satisfaction',
  'figures.openedToday': 'Opened today',
  'figures.closedToday': 'Closed today',
  'figures.followUpHint': 'Last 7 days: {n} followed up of {total} completed',
  'figures.satisfactionHint': 'Last 7 days: {n} satisfied of {total} asked',
  'figures.none': 'No figures yet',
  'figures.today': 'Today’s requests',
};
