import { useState } from 'preact/hooks';
import type { AuditEntry, Property } from '../../../functions/contract.ts';
import { dir, isNotFound } from '../api.ts';
import { Empty, ErrorBox, Loading, LoadMore, NoAccess, Notice, PageHeader, Tabs } from '../components/ui.tsx';
import { auditSubject, changedFields, displayValue } from '../format.ts';
import { useLoad, usePaged } from '../hooks.ts';
import { actionLabel, entityLabel, fieldLabel, fieldValue, formatDateTime, type MsgKey, t } from '../i18n.ts';
import { can, me } from '../state.ts';
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
                const changes = a.before ? changedFields(a.before, a.after) : [];
                const subject = auditSubject(a.after ?? a.before);
                const show = (field: string, v: unknown) => fieldValue(field, v) ?? displayValue(v);
                return (
                  <tr key={a.id}>
                    <td class="nowrap small">{formatDateTime(a.at, timeZone)}</td>
                    <td>{a.actorName}</td>
                    <td>
                      {actionLabel(a.action)} · {entityLabel(a.entity)}
                      {subject && <strong class="audit-subject"> {subject}</strong>}
                    </td>
                    <td class="small">
                      {changes.length === 0
                        ? '—'
                        : changes.slice(0, 8).map((c) => (
                            <div key={c.field}>
                              <b>{fieldLabel(c.field)}</b>：<s class="muted">{show(c.field, c.from)}</s> →{' '}
                              {show(c.field, c.to)}
                            </div>
                          ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <LoadMore list={list} />
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
          <PropertyForm
            key={`${p.id}:${p.version}`}
            property={p}
            readOnly={!editable}
            savedNotice={saved}
            onDirty={() => setSaved(false)}
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
