/**
 * A report as an Excel workbook (zh-CN by default, English on request), made only by the download
 * route: exceljs is loaded there, on first use, and never on the Lambda's cold path.
 */
import { machines } from '../tickets/machines/index.ts';
import { reportTitles } from './produce.ts';
import type { ComplaintRow, RepairRow, ReplyStatus } from './records.ts';
import type { getReport } from './service.ts';

type Lang = 'zh' | 'en';
type Loaded = Awaited<ReturnType<typeof getReport>>;

const words = {
  property: { zh: '物业', en: 'Property' },
  period: { zh: '期间', en: 'Period' },
  readyAt: { zh: '生成时间', en: 'Produced' },
  number: { zh: '单号', en: 'Number' },
  room: { zh: '房号/地点', en: 'Room / place' },
  content: { zh: '内容', en: 'Content' },
  state: { zh: '状态', en: 'State' },
  reportedAt: { zh: '报修时间', en: 'Reported' },
  technician: { zh: '维修人员', en: 'Technician' },
  completedAt: { zh: '完工时间', en: 'Completed' },
  reason: { zh: '未完成原因', en: 'Reason not done' },
  missing: { zh: '（未填写）', en: '(missing)' },
  done: { zh: '已完成', en: 'Done' },
  notDone: { zh: '未完成', en: 'Not done' },
  receivedAt: { zh: '受理时间', en: 'Received' },
  category: { zh: '类别', en: 'Category' },
  complainant: { zh: '投诉人', en: 'Complainant' },
  department: { zh: '责任部门', en: 'Department' },
  responsible: { zh: '责任人', en: 'Responsible' },
  replyDue: { zh: '答复期限', en: 'Reply due' },
  reply: { zh: '答复', en: 'Reply' },
  summary: { zh: '汇总', en: 'Summary' },
} as const;

const replyWords: Record<ReplyStatus, { zh: string; en: string }> = {
  met: { zh: '按时答复', en: 'Replied on time' },
  late: { zh: '超时答复', en: 'Replied late' },
  overdue: { zh: '已超时未答复', en: 'Overdue, not replied' },
  pending: { zh: '未到期', en: 'Not due yet' },
};

const categoryWords: Record<string, { zh: string; en: string }> = {
  service: { zh: '服务', en: 'Service' },
  facilities: { zh: '设施设备', en: 'Facilities' },
  environment: { zh: '环境卫生', en: 'Environment' },
  security: { zh: '安全秩序', en: 'Security' },
  billing: { zh: '收费', en: 'Billing' },
  renovation: { zh: '装修', en: 'Renovation' },
  neighbours: { zh: '邻里', en: 'Neighbours' },
  other: { zh: '其他', en: 'Other' },
};

function localTime(at: string | undefined, timeZone: string, lang: Lang) {
  if (!at) return '';
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));
}

const stateLabel = (kind: 'repair' | 'complaint', state: string, lang: Lang) =>
  (machines[kind].states as Record<string, { label: { zh: string; en: string } }>)[state]?.label[lang] ??
  state;

/** The workbook's bytes. */
export async function reportWorkbook(
  report: Loaded,
  property: { name: string },
  lang: Lang,
): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  const { kind, period } = report.summary;
  const tz = report.timeZone;
  const w = (k: keyof typeof words) => words[k][lang];
  const sheet = (name: string) => {
    // Sheet names may not hold : \ / ? * [ ] and are at most 31 characters.
    const s = book.addWorksheet(name.replace(/[:\\/?*[\]]/g, '.').slice(0, 31));
    s.addRow([reportTitles[kind][lang]]).font = { bold: true, size: 14 };
    s.addRow([
      w('property'),
      property.name,
      w('period'),
      period,
      w('readyAt'),
      localTime(report.summary.readyAt ?? undefined, tz, lang),
    ]);
    s.addRow([]);
    return s;
  };
  const header = (s: ReturnType<typeof sheet>, cells: string[]) => {
    s.addRow(cells).font = { bold: true };
  };
  const repairRows = (s: ReturnType<typeof sheet>, rows: RepairRow[], done: boolean) => {
    header(s, [
      w('number'),
      w('room'),
      w('content'),
      w('state'),
      w('reportedAt'),
      w('technician'),
      done ? w('completedAt') : w('reason'),
    ]);
    for (const r of rows)
      s.addRow([
        r.number ?? '',
        r.roomCode ?? r.place ?? '',
        r.content,
        stateLabel('repair', r.state, lang),
        localTime(r.reportedAt, tz, lang),
        r.technicianName ?? '',
        done ? localTime(r.completedAt, tz, lang) : (r.reason?.reason ?? w('missing')),
      ]);
  };
  const repairs = report.repairs ?? report.weekly;
  if (!repairs && !report.complaints)
    sheet(reportTitles[kind][lang]).addRow([lang === 'zh' ? '尚未生成' : 'Not produced yet']);
  if (repairs) {
    repairRows(sheet(w('done')), repairs.done, true);
    repairRows(sheet(w('notDone')), repairs.notDone, false);
  }
  if (report.weekly) {
    const s = sheet(w('summary'));
    const { complaints, inquiries, followUps } = report.weekly;
    const lines: [string, string, number][] = [
      ['报修 Repairs', w('done'), repairs!.done.length],
      ['报修 Repairs', w('notDone'), repairs!.notDone.length],
      ['投诉 Complaints', lang === 'zh' ? '受理' : 'Received', complaints.received],
      ['投诉 Complaints', replyWords.met[lang], complaints.repliedOnTime],
      ['投诉 Complaints', replyWords.late[lang], complaints.repliedLate],
      ['投诉 Complaints', replyWords.overdue[lang], complaints.overdue],
      ['咨询 Inquiries', lang === 'zh' ? '受理' : 'Received', inquiries.received],
      ['咨询 Inquiries', lang === 'zh' ? '约定时间内答复' : 'Answered on time', inquiries.answeredOnTime],
      ['咨询 Inquiries', lang === 'zh' ? '超时答复' : 'Answered late', inquiries.answeredLate],
      ['回访 Follow-ups', lang === 'zh' ? '完工' : 'Completed', followUps.completed],
      ['回访 Follow-ups', lang === 'zh' ? '已回访' : 'Followed up', followUps.followedUp],
    ];
    for (const line of lines) s.addRow(line);
  }
  if (report.complaints) {
    const s = sheet(reportTitles[kind][lang]);
    header(s, [
      w('number'),
      w('receivedAt'),
      w('category'),
      w('complainant'),
      w('room'),
      w('content'),
      w('state'),
      w('department'),
      w('responsible'),
      w('replyDue'),
      w('reply'),
    ]);
    for (const c of report.complaints as ComplaintRow[])
      s.addRow([
        c.number ?? '',
        localTime(c.receivedAt, tz, lang),
        c.category ? (categoryWords[c.category]?.[lang] ?? c.category) : '',
        c.complainantName ?? '',
        c.roomCode ?? '',
        c.content,
        stateLabel('complaint', c.state, lang),
        c.department ?? '',
        c.responsibleName ?? '',
        localTime(c.replyDueAt, tz, lang),
        replyWords[c.reply][lang],
      ]);
  }
  for (const s of book.worksheets) for (const col of s.columns) col.width = 18;
  return Buffer.from(await book.xlsx.writeBuffer());
}
