import { isNotFound } from '../api.ts';
import { Badge, Empty, ErrorBox, Loading, LoadMore, NoAccess, PageHeader } from '../components/ui.tsx';
import { usePaged } from '../hooks.ts';
import { lang, type MsgKey, t } from '../i18n.ts';
import { inbox, type OutboxEntry } from '../notifications.ts';

const statusTone = { sent: 'green', pending: 'gray', failed: 'red', skipped: 'amber' } as const;
/** The local outbox sends nothing: its "sent" means the message was recorded. */
const statusLabel = (e: OutboxEntry) =>
  e.provider === 'outbox' && e.status === 'sent'
    ? t('delivery.recorded')
    : t(`delivery.${e.status}` as MsgKey);
const providerLabel = (p: string) =>
  ['outbox', 'ses', 'sns'].includes(p) ? t(`provider.${p}` as MsgKey) : p;

const when = (at: string) =>
  new Intl.DateTimeFormat(lang.value, {
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(at));

/** 发送记录: the property's e-mails and SMS, newest first, with what became of each. */
export default function OutboxPage({ propertyId }: { propertyId: string }) {
  const list = usePaged<OutboxEntry>(
    (cursor, signal) => inbox.outbox(propertyId, cursor, signal),
    [propertyId],
  );
  if (isNotFound(list.error)) return <NoAccess />;
  return (
    <div class="page">
      <PageHeader title={t('nav.outbox')} subtitle={t('outbox.subtitle')} />
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.loading ? (
        <Loading />
      ) : !list.items.length && !list.error ? (
        <Empty title={t('outbox.empty')} />
      ) : (
        <div class="table-wrap card">
          <table class="table outbox-table">
            <thead>
              <tr>
                <th>{t('outbox.time')}</th>
                <th>{t('outbox.channel')}</th>
                <th>{t('outbox.to')}</th>
                <th>{t('outbox.message')}</th>
                <th>{t('outbox.status')}</th>
                <th class="hide-narrow">{t('outbox.via')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((e) => (
                <tr key={e.id} data-testid="outbox-entry">
                  <td class="nowrap small">{when(e.createdAt)}</td>
                  <td class="nowrap">{t(e.channel === 'email' ? 'channel.email' : 'channel.sms')}</td>
                  <td>
                    <div class="strong">{e.recipientName}</div>
                    <div class="muted small mono">{e.to || '—'}</div>
                  </td>
                  <td class="outbox-message">{e.title}</td>
                  <td>
                    <Badge tone={statusTone[e.status]}>{statusLabel(e)}</Badge>
                    {e.error && <div class="muted small">{e.error}</div>}
                  </td>
                  <td class="hide-narrow small">{providerLabel(e.provider)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore list={list} />
        </div>
      )}
    </div>
  );
}
