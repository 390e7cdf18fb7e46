/**
 * The texts households receive. They state what is owed, by when, and where to see it; they never
 * threaten to cut water, power, heating or gas: a supplier may not stop supply to collect a fee
 * (Civil Code art. 944), and test/unit/billing-texts.test.ts holds every text to that.
 */

import { yuan } from '../money.ts';
import type { NoticeKind } from './records.ts';

export interface NoticeFacts {
  propertyName: string;
  hotline: string;
  roomCode: string;
  /** Billing month `YYYY-MM`. */
  period: string;
  /** Property-local due day `YYYY-MM-DD`. */
  dueDate: string;
  balanceCents: number;
}

const month = (period: string) => `${Number(period.slice(0, 4))}年${Number(period.slice(5, 7))}月`;
const day = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

export const noticeTexts: Record<NoticeKind, (f: NoticeFacts) => string> = {
  request: (f) =>
    `${f.propertyName}：${f.roomCode} ${month(f.period)}付款请求书已出，应缴${yuan(f.balanceCents)}，请于${day(f.dueDate)}前缴纳。明细及缴费状态见链接`,
  reminder: (f) =>
    `${f.propertyName}温馨提示：${f.roomCode} ${month(f.period)}费用尚有${yuan(f.balanceCents)}未缴，缴费截止${day(f.dueDate)}，已缴请忽略。详情见链接`,
  collection: (f) =>
    `${f.propertyName}：${f.roomCode} ${month(f.period)}费用${yuan(f.balanceCents)}已过缴费期（${day(f.dueDate)}），我们将上门收款，也可到前台缴纳。咨询${f.hotline}。详情见链接`,
};
