import './collection.css';
import { useState } from 'preact/hooks';
import { yuan } from '../../../functions/billing/money.ts';
import type { Building, Page } from '../../../functions/contract.ts';
import { dir, isNotFound } from '../api.ts';
import { Empty, ErrorBox, Loading, LoadMore, NoAccess, PageHeader } from '../components/ui.tsx';
import { useLoad, usePaged } from '../hooks.ts';
import { errorText, t } from '../i18n.ts';
import { collectionApi, type WorklistEntry } from './collection-api.ts';

const monthText = (period: string) => `${period.replace('-', '年')}月`;

function TaskCard({ propertyId, task }: { propertyId: string; task: WorklistEntry }) {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [sending, setSending] = useState(false);
  const remind = async () => {
    setSending(true);
    try {
      const notice = await collectionApi.remind(propertyId, task.period, task.householdId);
      setMessage({ ok: true, text: t('collection.reminded', { to: notice.to }) });
    } catch (error) {
      setMessage({ ok: false, text: errorText(error) });
    } finally {
      setSending(false);
    }
  };
  return (
    <li class="collect-card" data-testid="collect-card" data-room={task.roomCode}>
      <div class="collect-top">
        <span class="collect-room">{task.roomCode}</span>
        <span class="collect-owed">{yuan(task.balanceCents)}</span>
      </div>
      <div>
        {task.householdName} · {task.phone}
      </div>
      <div class="collect-meta">
        <span>{t('collection.period', { month: monthText(task.period) })}</span>
        <span>{t('collection.due', { day: task.dueDate })}</span>
        {task.visits > 0 && <span>{t('collection.visits', { n: task.visits })}</span>}
        {task.lastOutcome && <span>{t(`collection.outcome.${task.lastOutcome}`)}</span>}
        {task.promisedDate && <span>{t('collection.promised', { day: task.promisedDate })}</span>}
        {task.nextVisitDate && <span>{t('collection.next', { day: task.nextVisitDate })}</span>}
      </div>
      <div class="collect-actions">
        <a
          class="btn btn-primary"
          href={`/p/${propertyId}/billing/collection/${task.period}/${task.householdId}`}
        >
          {t('collection.logVisit')}
        </a>
        <button type="button" class="btn" onClick={remind} disabled={sending}>
          {t('collection.remind')}
        </button>
        <a class="btn btn-ghost" href={`/p/${propertyId}/billing/arrears/${task.householdId}`}>
          {t('collection.file')}
        </a>
      </div>
      {message && (
        <div role="status" class={message.ok ? 'muted' : 'error-text'}>
          {message.text}
        </div>
      )}
    </li>
  );
}

/** 上门收款: the open collection tasks of a building (or all), as cards a collector taps on a phone. */
export default function CollectionWorklist({ propertyId }: { propertyId: string }) {
  const [buildingId, setBuildingId] = useState('');
  const buildings = useLoad(
    (signal) => dir.get<Page<Building>>(`/properties/${propertyId}/buildings`, { limit: 100 }, signal),
    [propertyId],
  );
  const list = usePaged<WorklistEntry>(
    (cursor, signal) => collectionApi.worklist(propertyId, buildingId || undefined, cursor, signal),
    [propertyId, buildingId],
  );
  if (isNotFound(list.error)) return <NoAccess />;
  return (
    <div class="page" data-testid="collection-worklist">
      <PageHeader title={t('collection.title')} subtitle={t('collection.subtitle')} />
      <label class="collect-filter">
        <span class="field-label">{t('collection.building')}</span>
        <select
          value={buildingId}
          onChange={(e) => setBuildingId(e.currentTarget.value)}
          data-testid="collect-building"
        >
          <option value="">{t('collection.allBuildings')}</option>
          {(buildings.data?.items ?? []).map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </label>
      <ErrorBox error={list.error} onRetry={list.reload} />
      {list.loading && !list.items.length ? (
        <Loading />
      ) : !list.items.length && !list.error ? (
        <Empty title={t('collection.empty')} />
      ) : (
        <>
          <ul class="collect-list">
            {list.items.map((task) => (
              <TaskCard key={task.id} propertyId={propertyId} task={task} />
            ))}
          </ul>
          <LoadMore list={list} />
        </>
      )}
    </div>
  );
}
