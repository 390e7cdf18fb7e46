/** Messages of the company's holiday calendar page (节假日日历). zh-CN first. */
export const zh = {
  'nav.holidays': '节假日日历',
  'holidays.subtitle':
    '办公时间的计时跳过法定节假日、计入调休上班日。数据包尚未收录的年份，由总部按国务院办公厅通知录入。',
  'holidays.year': '年份',
  'holidays.source': '数据来源',
  'holidays.source.package': '已随系统数据提供',
  'holidays.source.entered': '总部录入',
  'holidays.source.none': '缺少数据',
  'holidays.missing': '{year} 年的节假日安排还没有数据：1 月 1 日和春节的工作日会按普通工作日计时。',
  'holidays.enteredBy': '{name} 于 {at} 录入',
  'holidays.enter': '录入',
  'holidays.edit': '修改',
  'holidays.holidays': '放假日期',
  'holidays.holidaysHint': '每行一个日期，如 2027-01-01，包括放假期间的周末',
  'holidays.makeUp': '调休上班日',
  'holidays.makeUpHint': '需要上班的周六或周日，每行一个日期',
  'holidays.notice': '依据的通知',
  'holidays.noticeHint': '如：国务院办公厅关于2027年部分节假日安排的通知',
  'holidays.saved': '{year} 年的节假日已保存',
  'holidays.count': '放假 {n} 天，调休上班 {m} 天',
};

export const en: Record<keyof typeof zh, string> = {
  'nav.holidays': 'Holiday calendar',
  'holidays.subtitle':
    'Office-hours clocks skip public holidays and count make-up workdays. For years the bundled data does not have yet, head office enters them from the State Council’s notice.',
  'holidays.year': 'Year',
  'holidays.source': 'Source',
  'holidays.source.package': 'Bundled data',
  'holidays.source.entered': 'Entered by head office',
  'holidays.source.none': 'Missing',
  'holidays.missing':
    'No holiday arrangement for {year} yet: 1 January and the Spring Festival weekdays would count as working days.',
  'holidays.enteredBy': 'Entered by {name} on {at}',
  'holidays.enter': 'Enter',
  'holidays.edit': 'Edit',
  'holidays.holidays': 'Days off',
  'holidays.holidaysHint': 'One date a line, e.g. 2027-01-01, including the weekend days inside a holiday',
  'holidays.makeUp': 'Make-up workdays',
  'holidays.makeUpHint': 'Saturdays or Sundays that are worked, one date a line',
  'holidays.notice': 'Official notice',
  'holidays.noticeHint': 'e.g. the State Council notice on the 2027 holiday arrangement',
  'holidays.saved': 'The holidays of {year} are saved',
  'holidays.count': '{n} days off, {m} make-up workdays',
};
