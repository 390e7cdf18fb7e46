import './desk.css';
import { useState } from 'preact/hooks';
import { yuan } from '../../../functions/billing/money.ts';
import { isNotFound } from '../api.ts';
import {
  Badge,
  Empty,
  ErrorBox,
  Field,
  Loading,
  LoadMore,
  Modal,
  NoAccess,
  PageHeader,
  Spinner,
} from '../components/ui.tsx';
import { useLoad, usePaged } from '../hooks.ts';
import { formatDateTime, t } from '../i18n.ts';
import { can, me, propertyTimeZone } from '../state.ts';
import { type Payment, paymentChannels, paymentsApi, receiptNumberText } from './payments-api.ts';

type Ask = { kind: 'void' | 'refund'; receipt: Payment };

/** Where a receipt stands: valid, voided or refunded, a void or refund waiting, or the last one refused. */
function ReceiptState({ receipt }: { receipt: Payment }) {
  if (receipt.state === 'voided') return <Badge tone="red">{t('receipts.voided')}</Badge>;
  if (receipt.state === 'refunded') return <Badge tone="red">{t('receipts.refunded')}</Badge>;
  if (receipt.pendingApprovalId) return <Badge tone="amber">{t('receipts.pending')}</Badge>;
  // Valid with an ask behind it and none waiting: the last ask was refused (an approved one reverses it).
  if (receipt.approvalIds.length) return <Badge tone="gray">{t('receipts.refused')}</Badge>;
  return <Badge tone="green">{t('receipts.valid')}</Badge>;
}

/** Ask for a void (reason) or a refund (how the money goes back, reason): a second finance person decides. */
function AskForm({
  propertyId,
  ask,
  onClose,
  onAsked,
}: {
  propertyId: string;
  ask: Ask;
  onClose: () => void;
  onAsked: () => void;
}) {
  const [reason, setReason] = useState('');
  const [channel, setChannel] = useState<Payment['channel']>(ask.receipt.channel);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const n = ask.receipt.receiptNumber;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      if (ask.kind === 'void') await paymentsApi.askVoid(propertyId, n, reason.trim());
      else await paymentsApi.askRefund(propertyId, n, { reason: reason.trim(), channel });
      onAsked();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Modal
      title={t(ask.kind === 'void' ? 'receipts.askVoidTitle' : 'receipts.askRefundTitle', {
        n: receiptNumberText(n),
      })}
      onClose={onClose}
    >
      <form class="form" onSubmit={submit} data-testid="ask-form">
        <p>
          {ask.receipt.roomCode} {ask.receipt.householdName} · {yuan(ask.receipt.amountCents)}
        </p>
        {ask.kind === 'refund' && (
          <>
            <p class="muted">{t('receipts.refundWhole', { amount: yuan(ask.receipt.amountCents) })}</p>
            <Field label={t('receipts.refundChannel')}>
              <select
                value={channel}
                onChange={(e) => setChannel(e.currentTarget.value as Payment['channel'])}
              >
                {paymentChannels.map((c) => (
                  <option key={c} value={c}>
                    {t(`pay.channel.${c}`)}
                  </option>
                ))}
              </select>
            </Field>
          </>
        )}
        <Field label={t('receipts.reason')} hint={t('receipts.reasonHint')}>
          <textarea
            rows={3}
            required
            minLength={2}
            maxLength={500}
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
            data-testid="ask-reason"
          />
        </Field>
        {error ? <ErrorBox error={error} /> : null}
        <div class="form-actions">
          <button type="button" class="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy} data-testid="ask-submit">
            {busy && <Spinner />}
            {t('receipts.askSubmit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** 收据: the property's receipts, newest first, or one cashier's (of a day); voids and refunds asked here. */
export default function Receipts({ propertyId }: { propertyId: string }) {
  const [cashierId, setCashierId] = useState('');
  const [day, setDay] = useState('');
  const [ask, setAsk] = useState<Ask | null>(null);
  const [asked, setAsked] = useState<string | null>(null);
  const filter = cashierId ? { cashierId, ...(day ? { day } : {}) } : {};
  const list = usePaged(
    (cursor, signal) => paymentsApi.receipts(propertyId, filter, cursor, signal),
    [propertyId, cashierId, day],
  );
  // The cashiers to choose from: oneself and whoever kept a shift here lately.
  const shifts = useLoad((signal) => paymentsApi.shifts(propertyId, signal), [propertyId]);
  const self = me.value?.staff;
  const cashiers = new Map<string, string>();
  if (self && can('payment.take')) cashiers.set(self.id, t('receipts.me', { name: self.name }));
  for (const s of shifts.data?.items ?? [])
    if (!cashiers.has(s.cashierId)) cashiers.set(s.cashierId, s.cashierName);
  for (const r of list.items) if (!cashiers.has(r.takenBy)) cashiers.set(r.takenBy, r.takenByName);
  const timeZone = propertyTimeZone(propertyId);
  const mayAsk = can('payment.take');

  if (isNotFound(list.error)) return <NoAccess />;
  return (
    <div class="page receipts-page" data-testid="receipts">
      <PageHeader title={t('receipts.title')} subtitle={t('receipts.subtitle')} />
      <div class="filter-row receipts-filter">
        <Field label={t('receipts.cashier')}>
          <select
            value={cashierId}
            onChange={(e) => setCashierId(e.currentTarget.value)}
            data-testid="receipts-cashier"
          >
            <option value="">{t('receipts.allCashiers')}</option>
            {[...cashiers].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('receipts.day')} hint={cashierId ? undefined : t('receipts.dayNeedsCashier')}>
          <input
            type="date"
            value={day}
            disabled={!cashierId}
            onInput={(e) => setDay(e.currentTarget.value)}
            data-testid="receipts-day"
          />
        </Field>
      </div>
      {asked && (
        <div class="alert alert-success" role="status">
          <div class="alert-body">{asked}</div>
        </div>
      )}
      {list.error ? <ErrorBox error={list.error} onRetry={list.reload} /> : null}
      {list.loading ? (
        <Loading />
      ) : !list.items.length ? (
        <Empty title={t('receipts.empty')} />
      ) : (
        <div class="table-wrap">
          <table class="table receipts-table">
            <thead>
              <tr>
                <th>{t('receipts.number')}</th>
                <th>{t('receipts.takenAt')}</th>
                <th>{t('receipts.room')}</th>
                <th class="num">{t('receipts.amount')}</th>
                <th>{t('receipts.channel')}</th>
                <th>{t('receipts.cashier')}</th>
                <th>{t('receipts.state')}</th>
                {mayAsk && <th>{t('common.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {list.items.map((r) => (
                <tr key={r.receiptNumber} data-testid="receipt-row" data-receipt={r.receiptNumber}>
                  <td>
                    <a class="mono" href={`/p/${propertyId}/billing/receipts/${r.receiptNumber}`}>
                      {receiptNumberText(r.receiptNumber)}
                    </a>
                  </td>
                  <td class="nowrap">{formatDateTime(r.takenAt, timeZone)}</td>
                  <td>
                    {r.roomCode} {r.householdName}
                  </td>
                  <td class="num">{yuan(r.amountCents)}</td>
                  <td>{t(`pay.channel.${r.channel}`)}</td>
                  <td>{r.takenByName}</td>
                  <td>
                    <ReceiptState receipt={r} />
                  </td>
                  {mayAsk && (
                    <td class="nowrap">
                      {r.state === 'valid' && !r.pendingApprovalId && (
                        <>
                          <button
                            type="button"
                            class="btn btn-small"
                            onClick={() => setAsk({ kind: 'void', receipt: r })}
                            data-testid="ask-void"
                          >
                            {t('receipts.askVoid')}
                          </button>{' '}
                          <button
                            type="button"
                            class="btn btn-small"
                            onClick={() => setAsk({ kind: 'refund', receipt: r })}
                            data-testid="ask-refund"
                          >
                            {t('receipts.askRefund')}
                          </button>
                        </>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} />
      {ask && (
        <AskForm
          propertyId={propertyId}
          ask={ask}
          onClose={() => setAsk(null)}
          onAsked={() => {
            setAsked(
              t(ask.kind === 'void' ? 'receipts.voidAsked' : 'receipts.refundAsked', {
                n: receiptNumberText(ask.receipt.receiptNumber),
              }),
            );
            setAsk(null);
            list.reload();
          }}
        />
      )}
    </div>
  );
}
