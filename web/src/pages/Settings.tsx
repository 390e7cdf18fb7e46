import { useEffect, useState } from 'preact/hooks';
import type { AuditEntry, Page, Property, Staff } from '../../../functions/contract.ts';
import { dir, isNotFound } from '../api.ts';
import { CollectionSettingsForm } from '../billing/CollectionSettings.tsx';
import { Empty, ErrorBox, Loading, LoadMore, NoAccess, Notice, PageHeader, Tabs } from '../components/ui.tsx';
import { auditSentence, systemStaffId } from '../history/sentences.ts';
import { useLoad, usePaged } from '../hooks.ts';
import { formatDateTime, type MsgKey, t } from '../i18n.ts';
import { ReportSettingsForm } from '../reports/ReportSettingsForm.tsx';
import { can, me } from '../state.ts';
import { loadKinds } from '../tickets/api.ts';
import { PropertyForm } from './PropertyForm.tsx';

function AuditTrail({ propertyId, timeZone }: { propertyId: string; timeZone?: string }) {
  const list = usePaged<AuditEntry>(
    (cursor, signal) => dir.page(`/properties/${propertyId}/audit`, { cursor, limit: 50 }, signal),
    [propertyId],
  );
  // Ticket entries name staff by id (a dispatch's technician): the page shows their names.
  const staff = useLoad(
    (signal) =>
      can('staff.read')
        ? dir.get<Page<Staff>>(`/properties/${propertyId}/staff`, { limit: 100 }, signal)
        : Promise.resolve({ items: [] as Staff[], cursor: null }),
    [propertyId],
  );
  const names = Object.fromEntries((staff.data?.items ?? []).map((s) => [s.id, s.name]));
  // Sentences of ticket entries use the machines' labels (clock names, action names).
  useEffect(() => {
    loadKinds().catch(() => {});
  }, []);
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
                <th class="audit-actor">{t('audit.actor')}</th>
                <th>{t('audit.action')}</th>
                <th>{t('audit.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((a) => {
                const sentence = auditSentence(a, names, timeZone);
                return (
                  <tr key={a.id} data-testid="audit-entry">
                    <td class="nowrap small">{formatDateTime(a.at, timeZone)}</td>
                    <td class="audit-actor">
                      {a.actorId === systemStaffId ? t('history.system') : a.actorName}
                    </td>
                    <td class="audit-sentence">{sentence.text}</td>
                    <td class="small">
                      {sentence.details.length === 0
                        ? '—'
                        : sentence.details.slice(0, 8).map((line) => <div key={line}>{line}</div>)}
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

type Tab = 'basic' | 'reports' | 'billing' | 'audit';

export default function Settings({ propertyId }: { propertyId: string }) {
  const property = useLoad(
    (signal) => dir.get<Property>(`/properties/${propertyId}`, undefined, signal),
    [propertyId],
  );
  const [tab, setTab] = useState<Tab>('basic');
  const [saved, setSaved] = useState(false);
  const editable = can('property.update');
  if (isNotFound(property.error)) return <NoAccess />;
  const p = property.data;
  const tabs: { key: Tab; label: MsgKey }[] = [
    { key: 'basic', label: 'settings.basic' },
    { key: 'reports', label: 'settings.reports' },
  ];
  if (can('billing.read')) tabs.push({ key: 'billing', label: 'settings.billing' });
  if (can('audit.read')) tabs.push({ key: 'audit', label: 'settings.audit' });

  return (
    <div class="page">
      <PageHeader title={t('nav.settings')} subtitle={p ? `${p.name} · ${p.code}` : undefined} />
      {tabs.length > 1 && <Tabs tabs={tabs} active={tab} onChange={setTab} />}
      {tab === 'audit' ? (
        <AuditTrail propertyId={propertyId} timeZone={p?.timeZone} />
      ) : tab === 'reports' ? (
        <ReportSettingsForm propertyId={propertyId} editable={editable} />
      ) : tab === 'billing' ? (
        <CollectionSettingsForm propertyId={propertyId} editable={can('billing.configure')} />
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
