/**
 * The words of a ticket's notifications, in both languages a staff member may read them in: notify
 * keeps the one of the recipient's choice (their staff record's `language`, zh-CN by default).
 */
import type { Ticket } from './records.ts';

export type Lang = 'zh' | 'en';
/** One text in both languages. */
export type Both = Record<Lang, string>;

const kindNames = {
  repair: { zh: '报修', en: 'Repair' },
  complaint: { zh: '投诉', en: 'Complaint' },
  inquiry: { zh: '咨询', en: 'Inquiry' },
} as const;

export const kindName = (ticket: Pick<Ticket, 'kind'>, lang: Lang) => kindNames[ticket.kind][lang];

/** What the ticket is about, led by its number when it has one (the number people read out on the phone). */
export function about(ticket: Ticket): string {
  const text = String(ticket.content ?? ticket.question ?? '').trim();
  const number = typeof ticket.number === 'string' ? ticket.number : '';
  return [number, text].filter(Boolean).join(' ');
}

/** A title: what happened, then what about; cut to notify's 120 characters. */
export const titled = (what: string, ticket: Ticket, lang: Lang) => {
  const what_ = about(ticket);
  return (what_ ? `${what}${lang === 'zh' ? '：' : ': '}${what_}` : what).slice(0, 120);
};

/** An instant in the property's time zone, as each language writes it. */
export function localTime(at: string, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone,
    month: lang === 'zh' ? '2-digit' : 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(at));
}

/** notify's input for a text in both languages: Chinese as the default, English for who chose it. */
export const inBoth = (title: Both, body: Both) => ({
  title: title.zh,
  body: body.zh,
  en: { title: title.en, body: body.en },
});
