import './desk.css';
import { useState } from 'preact/hooks';
import { yuan } from '../../../functions/billing/money.ts';
import { isNotFound } from '../api.ts';
import { Empty, ErrorBox, Loading, NoAccess, Notice, PageHeader, Spinner } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { formatDateTime, t } from '../i18n.ts';
import { can, propertyTimeZone } from '../state.ts';
import { type PaymentApproval, paymentsApi, receiptNumberText } from './payments-api.ts';

/** One waiting void or refund, with the approve / refuse buttons and the server's answer under them. */
function ApprovalCard({
  propertyId,
  approval,
  onDecided,
}: {
  propertyId: string;
  approval: PaymentApproval;
  onDecided: (decided: PaymentApproval) => void;
}) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'approve' | 'refuse' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const timeZone = propertyTimeZone(propertyId);
  const decide = async (approve: boolean) => {
    if (busy) return;
    setBusy(approve ? 'approve' : 'refuse');
    setError(null);
    try {
      onDecided(await paymentsApi.decide(propertyId, approval.id, { approve, note: note.trim() }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <li class="card approval-card" data-testid="approval" data-receipt={approval.receiptNumber ?? ''}>
      <div class="approval-head">
        <strong>{t(`approval.kind.${approval.kind}`)}</strong>
        {approval.receiptNumber !== null && (
          <a class="mono" href={`/p/${propertyId}/billing/receipts/${approval.receiptNumber}`}>
            {t('approvals.receipt', { n: receiptNumberText(approval.receiptNumber) })}
          </a>
        )}
        <span>
          {approval.roomCode} {approval.householdName}
        </span>
        <span class="desk-balance">{yuan(approval.amountCents)}</span>
      </div>
      <p>
        {t('approvals.reason')}：{approval.reason}
        {approval.channel
          ? ` · ${t('approvals.backBy', { channel: t(`pay.channel.${approval.channel}`) })}`
          : ''}
      </p>
      <p class="muted small">
        {t('approvals.asked', {
          name: approval.requestedByName,
          at: formatDateTime(approval.requestedAt, timeZone),
        })}
      </p>
      {can('payment.approve') && (
        <div class="approval-actions">
          <input
            value={note}
            maxLength={500}
            placeholder={t('approvals.notePlaceholder')}
            aria-label={t('approvals.note')}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <button
            type="button"
            class="btn btn-primary"
            disabled={busy !== null}
            onClick={() => decide(true)}
            data-testid="approve"
          >
            {busy === 'approve' && <Spinner />}
            {t('approvals.approve')}
          </button>
          <button
            type="button"
            class="btn"
            disabled={busy !== null}
            onClick={() => decide(false)}
            data-testid="refuse"
          >
            {busy === 'refuse' && <Spinner />}
            {t('approvals.refuse')}
          </button>
        </div>
      )}
      {error ? <ErrorBox error={error} /> : null}
    </li>
  );
}

/** 审批: voids, refunds and credit refunds waiting for a second finance person, oldest first. */
export default function Approvals({ propertyId }: { propertyId: string }) {
  const queue = useLoad((signal) => paymentsApi.approvals(propertyId, signal), [propertyId]);
  const [done, setDone] = useState<PaymentApproval | null>(null);
  if (isNotFound(queue.error)) return <NoAccess />;
  const items = queue.data?.items ?? [];
  return (
    <div class="page approvals-page" data-testid="approvals">
      <PageHeader title={t('approvals.title')} subtitle={t('approvals.subtitle')} />
      {done && (
        <Notice kind="success">
          <span data-testid="approval-done">
            {t(done.state === 'approved' ? 'approvals.approved' : 'approvals.refused', {
              what:
                done.receiptNumber === null
                  ? `${t(`approval.kind.${done.kind}`)} ${done.roomCode} ${yuan(done.amountCents)}`
                  : `${t(`approval.kind.${done.kind}`)} ${receiptNumberText(done.receiptNumber)}`,
            })}
          </span>
        </Notice>
      )}
      {queue.error ? <ErrorBox error={queue.error} onRetry={queue.reload} /> : null}
      {queue.loading && !queue.data ? (
        <Loading />
      ) : !items.length ? (
        <Empty title={t('approvals.empty')} />
      ) : (
        <ul class="approval-list">
          {items.map((a) => (
            <ApprovalCard
              key={a.id}
              propertyId={propertyId}
              approval={a}
              onDecided={(decided) => {
                setDone(decided);
                queue.setData({ items: items.filter((x) => x.id !== decided.id) });
              }}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
