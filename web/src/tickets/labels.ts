import { useEffect, useState } from 'preact/hooks';
import { lang, t } from '../i18n.ts';
import { kinds, type Label, type TicketKind } from './api.ts';
import { splitMinutes } from './countdown.ts';

export const pick = (label: Label | undefined, fallback: string) =>
  label ? (lang.value === 'en' ? label.en : label.zh) : fallback;

export const kindLabel = (kind: TicketKind) => pick(kinds.value?.[kind]?.label, kind);
export const stateLabel = (kind: TicketKind, state: string) =>
  pick(kinds.value?.[kind]?.states[state]?.label, state);
export const actionName = (kind: TicketKind, action: string) =>
  action === 'create' ? t('ticket.created') : pick(kinds.value?.[kind]?.actions[action]?.label, action);
export const slaLabel = (kind: TicketKind, sla: string) => pick(kinds.value?.[kind]?.slas[sla]?.label, sla);

/** "3小时12分" / "3 h 12 min"; under an hour "25分钟". */
export function durationText(minutes: number): string {
  const { days, hours, minutes: m } = splitMinutes(minutes);
  if (!days && !hours) return t('sla.minutesOnly', { n: m });
  const parts = [
    days ? t('sla.days', { n: days }) : '',
    hours ? t('sla.hours', { n: hours }) : '',
    !days && m ? t('sla.minutes', { n: m }) : '',
  ].filter(Boolean);
  return parts.join(lang.value === 'en' ? ' ' : '');
}

/** The current time, ticking every `ms` (badges count down without refetching). */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
