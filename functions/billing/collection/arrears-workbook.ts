/**
 * The arrears file as one Excel workbook for a lawyer (zh-CN): the household and the clause relied on,
 * what is owed, every message with its delivery status, every visit and promise. exceljs is loaded
 * here, on the download route's first use, never on the Lambda's cold path.
 */
import { yuan } from '../money.ts';
import type { ArrearsFile } from './arrears-file.ts';

export const noticeKindNames = {
  request: '缴费通知',
  reminder: '到期前提醒',
  collection: '欠费提醒',
} as const;
export const noticeStatusNames = {
  pending: '发送中',
  sent: '已发送',
  failed: '发送失败',
  skipped: '未发送（无手机号）',
} as const;
export const outcomeNames = {
  paid: '已缴费',
  promised: '承诺缴费',
  refused: '拒绝缴费',
  not_home: '无人在家',
} as const;

/** Instants as the property's clocks show them: 2026-11-21 09:05. */
const localTime = (at: string, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(at));

export async function arrearsWorkbook(file: ArrearsFile): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  const tz = file.property.timeZone;
  const summary = book.addWorksheet('欠费档案');
  summary.addRow([`${file.letterhead.companyName} 欠费档案`]).font = { bold: true, size: 14 };
  summary.addRows([
    ['物业项目', file.property.name, '地址', file.property.address],
    ['房号', file.household.roomCode, '业户', file.household.name],
    ['联系电话', file.household.phone, '截至', file.asOf],
    ['收费依据', file.feeClause || '（未填写）'],
    ...(file.lateFeeTerms.enabled ? [['滞纳金条款', file.lateFeeTerms.clause]] : []),
    [],
    ['账期', '付款请求书编号', '缴费截止日', '应缴', '已缴', '欠缴', '滞纳金', '催收任务'],
    ...file.arrears.map(({ request, task, lateFee }) => [
      request.period,
      request.id,
      request.dueDate,
      yuan(request.totalCents - request.creditAppliedCents),
      yuan(request.paidCents),
      yuan(request.balanceCents),
      lateFee ? (lateFee.waived ? `${yuan(lateFee.cents)}（已批准减免）` : yuan(lateFee.cents)) : '未启用',
      task ? `${task.visits} 次上门` : '未到期',
    ]),
    ['合计欠缴', '', '', '', '', yuan(file.totalOwedCents)],
  ]);
  summary.columns.forEach((c) => {
    c.width = 18;
  });
  const notices = book.addWorksheet('通知与提醒');
  notices.addRow(['发送时间', '类别', '账期', '发至', '送达状态', '送达时间', '渠道', '内容']).font = {
    bold: true,
  };
  for (const n of file.notices)
    notices.addRow([
      localTime(n.createdAt, tz),
      noticeKindNames[n.kind],
      n.period,
      n.to,
      noticeStatusNames[n.status],
      n.deliveredAt ? localTime(n.deliveredAt, tz) : '',
      n.provider,
      n.text,
    ]);
  notices.columns.forEach((c, i) => {
    c.width = i === 7 ? 80 : 16;
  });
  const visits = book.addWorksheet('上门记录');
  visits.addRow(['上门时间', '账期', '收款员', '结果', '承诺缴费日', '下次上门', '备注']).font = {
    bold: true,
  };
  for (const v of file.visits)
    visits.addRow([
      localTime(v.at, tz),
      v.period,
      v.collectorName,
      outcomeNames[v.outcome],
      v.promisedDate ?? '',
      v.nextVisitDate ?? '',
      v.note,
    ]);
  visits.columns.forEach((c, i) => {
    c.width = i === 6 ? 40 : 16;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
