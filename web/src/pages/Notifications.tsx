import { useState } from 'preact/hooks';
import { Badge, Empty, ErrorBox, Loading, LoadMore, Notice, PageHeader, Tabs } from '../components/ui.tsx';
import { usePaged } from '../hooks.ts';
import { lang, t } from '../i18n.ts';
import {
  inbox,
  isUrgent,
  kindLabel,
  type Notification,
  refreshUnread,
  unreadCount,
} from '../notifications.ts';
import { me } from '../state.ts';

type Filter = 'all' | 'unread';

const when = (at: string) =>
  new Intl.DateTimeFormat(lang.value, {
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(at));

function Item({ n, onOpen }: { n: Notification; onOpen: (n: Notification) => void }) {
  const property = me.value?.properties.find((p) => p.id === n.propertyId)?.name;
  const classes = ['inbox-item', n.readAt ? '' : 'inbox-unread', isUrgent(n) ? 'inbox-urgent' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li class={classes} data-testid="notification" data-unread={n.readAt ? 'false' : 'true'}>
      <a href={n.link} title={t('inbox.open')} onClick={() => onOpen(n)}>
        <span class="inbox-dot" aria-hidden="true" />
        <span class="inbox-main">
          <span class="inbox-meta">
            <Badge tone={isUrgent(n) ? 'red' : n.kind === 'sla.warning' ? 'amber' : 'blue'}>
              {t(kindLabel[n.kind])}
            </Badge>
            {!n.readAt && <span class="sr-only">{t('inbox.new')}</span>}
            <span class="muted small">
              {property ? `${property} · ` : ''}
              {when(n.createdAt)}
            </span>
          </span>
          <span class="inbox-title">{n.title}</span>
          {n.body && <span class="inbox-body muted small">{n.body}</span>}
        </span>
      </a>
    </li>
  );
}

/** 通知中心: the caller's notifications across their properties, newest first. */
export default function NotificationsPage() {
  const [filter, setFilter] = useState<Filter>('all');
  const [error, setError] = useState<unknown>(null);
  const [marked, setMarked] = useState<number | null>(null);
  const list = usePaged<Notification>(
    async (cursor, signal) => {
      const page = await inbox.list({ cursor, unread: filter === 'unread' }, signal);
      unreadCount.value = page.unreadCount;
      return page;
    },
    [filter],
  );

  /**
   * The link opens the ticket at once (the router takes every in-app link); the notification is marked
   * read on the way. Waiting for that before navigating would navigate twice, the second time after the
   * user may have gone on elsewhere. If marking fails, the bell's next poll shows it still unread.
   */
  const open = (n: Notification) => {
    if (n.readAt) return;
    inbox.markRead(n.id).then(
      (read) => {
        unreadCount.value = read.unreadCount;
        list.replace({ ...n, readAt: read.readAt }, (x) => x.id === n.id);
      },
      () => void refreshUnread(),
    );
  };

  const readAll = async () => {
    setError(null);
    try {
      const result = await inbox.markAllRead();
      unreadCount.value = result.unreadCount;
      setMarked(result.marked);
      list.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div class="page">
      <PageHeader title={t('nav.notifications')} subtitle={t('inbox.subtitle')}>
        <button
          type="button"
          class="btn"
          onClick={readAll}
          disabled={!unreadCount.value}
          data-testid="read-all"
        >
          {t('inbox.readAll')}
        </button>
      </PageHeader>
      <Tabs
        tabs={[
          { key: 'all', label: 'inbox.all' },
          { key: 'unread', label: 'inbox.unread' },
        ]}
        active={filter}
        onChange={(key) => {
          setMarked(null);
          setFilter(key);
        }}
      />
      {marked !== null && <Notice kind="success">{t('inbox.markedAll', { n: marked })}</Notice>}
      <ErrorBox error={error ?? list.error} onRetry={error ? undefined : list.reload} />
      {list.loading ? (
        <Loading />
      ) : !list.items.length && !list.error ? (
        <Empty
          title={filter === 'unread' ? t('inbox.emptyUnread') : t('inbox.empty')}
          hint={t('inbox.emptyHint')}
        />
      ) : (
        <div class="card inbox">
          <ul class="inbox-list">
            {list.items.map((n) => (
              <Item key={n.id} n={n} onOpen={open} />
            ))}
          </ul>
          <LoadMore list={list} />
        </div>
      )}
    </div>
  );
}
