import type { Notification } from '../records.ts';

/** The dashboard link: absolute when NOTIFY_DASHBOARD_URL names the deployed origin, else the path. */
export function dashboardLink(notification: Pick<Notification, 'link'>): string {
  const origin = process.env.NOTIFY_DASHBOARD_URL?.replace(/\/+$/, '');
  return origin ? `${origin}${notification.link}` : notification.link;
}

/** Mainland numbers without a country code get +86 (SNS wants E.164). */
export function toE164(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return digits;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  return `+86${digits.replace(/^0+(?=\d{9,})/, '')}`;
}

export const smsText = (n: Pick<Notification, 'title' | 'link'>) =>
  `【PropDesk】${n.title} ${dashboardLink(n)}`.slice(0, 300);
