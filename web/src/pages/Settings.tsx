import { useState } from 'preact/hooks';
import { dir, isNotFound } from '../api.ts';
import { Empty, ErrorBox, Loading, LoadMore, NoAccess, Notice, PageHeader, Tabs } from '../components/ui.tsx';
import { changedFields, displayValue } from '../format.ts';
import { useLoad, usePaged } from '../hooks.ts';
import { actionLabel, entityLabel, fieldLabel, formatDateTime, type MsgKey, t } from '../i18n.ts';
import { can, me } from '../state.ts';
import type { AuditEntry, Property } from '../types.ts';
import { PropertyForm } from './PropertyForm.tsx';

function AuditTrail({ propertyId, timeZone }: { propertyId: string; timeZone?: string }) {
  const list = usePaged<AuditEntry>(
    (cursor, signal) => dir.page(`/properties/${propertyId}/audit`, { cursor, limit: 50 }, signal),
    [propertyId],
  );
  if (list.loading) return <Loading />;
  return (
    <>
      <ErrorBox error={list.error} onRetry={list.reload} />
      {!list.items.length && !list.error ? (
        <Empty title={t('audit.empty')} />
      ) : (
        <div class="table-wrap card">
          <table class="table audit">
            <thead>
              <tr>
                <th>{t('audit.at')}</th>
                <th>{t('audit.actor')}</th>
                <th>{t('audit.action')}</th>
                <th>{t('audit.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((a) => {
                const changes = changedFields(a.before, a.after);
                return (
                  <tr key={a.id}>
                    <td class="nowrap small">{formatDateTime(a.at, timeZone)}</td>
                    <td>{a.actorName}</td>
                    <td>
                      {actionLabel(a.action)} · {entityLabel(a.entity)}
                    </td>
                    <td class="small">
                      {changes.length === 0
                        ? '—'
                        : changes.slice(0, 6).map((c) => (
                            <div key={c.field}>
                              <b>{fieldLabel(c.field)}</b>：
                              {a.before ? (
                                <>
                                  <s class="muted">{displayValue(c.from)}</s> → {displayValue(c.to)}
                                </>
                              ) : (
                                displayValue(c.to)
                              )}
                            </div>
                          ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <LoadMore
            count={list.items.length}
            hasMore={list.hasMore}
            loadingMore={list.loadingMore}
            onMore={list.loadMore}
          />
        </div>
      )}
    </>
  );
}

export default function Settings({ propertyId }: { propertyId: string }) {
  const property = useLoad(
    (signal) => dir.get<Property>(`/properties/${propertyId}`, undefined, signal),
    [propertyId],
  );
  const [tab, setTab] = useState<'basic' | 'audit'>('basic');
  const [saved, setSaved] = useState(false);
  const editable = can('property.update');
  if (isNotFound(property.error)) return <NoAccess />;
  const p = property.data;
  const tabs: { key: 'basic' | 'audit'; label: MsgKey }[] = [{ key: 'basic', label: 'settings.basic' }];
  if (can('audit.read')) tabs.push({ key: 'audit', label: 'settings.audit' });

  return (
    <div class="page">
      <PageHeader title={t('nav.settings')} subtitle={p ? `${p.name} · ${p.code}` : undefined} />
      {tabs.length > 1 && <Tabs tabs={tabs} active={tab} onChange={setTab} />}
      {tab === 'audit' ? (
        <AuditTrail propertyId={propertyId} timeZone={p?.timeZone} />
      ) : property.loading && !p ? (
        <Loading />
      ) : !p ? (
        <ErrorBox error={property.error} onRetry={property.reload} />
      ) : (
        <div class="card">
          {!editable && <Notice>{t('settings.readOnly')}</Notice>}
          {saved && <Notice kind="success">{t('common.saved')}</Notice>}
          <PropertyForm
            key={`${p.id}:${p.version}`}
            property={p}
            readOnly={!editable}
            onReload={() => {
              setSaved(false);
              property.reload();
            }}
            onSaved={(next) => {
              setSaved(true);
              property.setData(next);
              const user = me.value;
              if (user) {
                me.value = {
                  ...user,
                  properties: user.properties.map((x) => (x.id === next.id ? { ...x, ...next } : x)),
                };
              }
            }}
          />
        </div>
      )}
    </div>
  );
}
