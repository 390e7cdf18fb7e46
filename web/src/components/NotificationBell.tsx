import '../notifications.css';
import { useEffect } from 'preact/hooks';
import { t } from '../i18n.ts';
import { refreshUnread, unreadCount } from '../notifications.ts';

const pollMs = 30_000;

/** The top bar's bell: the unread count, read every 30 s and whenever the window comes back into focus. */
export function NotificationBell() {
  useEffect(() => {
    void refreshUnread();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refreshUnread();
    }, pollMs);
    const onFocus = () => void refreshUnread();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refreshUnread();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  const count = unreadCount.value ?? 0;
  const label = count ? t('bell.unread', { n: count }) : t('bell.none');
  return (
    <a class="bell" href="/notifications" aria-label={label} title={label} data-testid="bell">
      <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
        <path
          d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 16a2.5 2.5 0 0 0 5 0z"
          fill="currentColor"
        />
      </svg>
      {count > 0 && (
        <span class="bell-count" data-testid="bell-count">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </a>
  );
}
