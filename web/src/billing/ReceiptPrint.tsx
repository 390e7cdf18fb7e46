import '../reports/reports.css';
import './desk.css';
import { useState } from 'preact/hooks';
import { yuan } from '../../../functions/billing/money.ts';
import { capitalAmount } from '../../../functions/billing/payments/amount-words.ts';
import { isNotFound } from '../api.ts';
import { ErrorBox, Loading, NoAccess, Spinner } from '../components/ui.tsx';
import { useLoad } from '../hooks.ts';
import { formatDateTime, t } from '../i18n.ts';
import { propertyTimeZone } from '../state.ts';
import { paymentsApi, type ReceiptView, receiptNumberText } from './payments-api.ts';

/** The sheet as it prints: half an A4 page, zh-CN, with 作废 / 已退款 stamped over a reversed receipt. */
function Sheet({ view, timeZone }: { view: ReceiptView; timeZone: string }) {
  const { receipt, property } = view;
  const stamp =
    receipt.state === 'voided'
      ? t('receipt.voidStamp')
      : receipt.state === 'refunded'
        ? t('receipt.refundStamp')
        : null;
  return (
    <article class="print-sheet receipt-sheet" lang="zh-CN" data-testid="receipt-sheet">
      {stamp && (
        <div class="receipt-stamp" data-testid="receipt-stamp">
          {stamp}
        </div>
      )}
      <div class="receipt-letterhead">
        <div class="company">{property.name}</div>
        <div class="small">
          {t('receipt.contact', { address: property.address, phone: property.hotline })}
        </div>
      </div>
      <div class="receipt-title-row">
        <h1>{t('receipt.title')}</h1>
        {receipt.reprints > 0 && (
          <span class="receipt-reprint" data-testid="receipt-reprint">
            {t('receipt.reprintMark', { n: receipt.reprints })}
          </span>
        )}
      </div>
      <div class="receipt-meta">
        <span>
          {t('receipt.number')}：
          <b class="print-number" data-testid="receipt-number">
            {receiptNumberText(receipt.receiptNumber)}
          </b>
        </span>
        <span>
          {t('receipt.takenAt')}：{formatDateTime(receipt.takenAt, timeZone)}
        </span>
      </div>
      <table class="print-grid receipt-grid">
        <tbody>
          <tr>
            <th>{t('receipt.room')}</th>
            <td>{receipt.roomCode}</td>
            <th>{t('receipt.household')}</th>
            <td>{receipt.householdName}</td>
          </tr>
        </tbody>
      </table>
      <table class="print-grid receipt-lines">
        <thead>
          <tr>
            <th>{t('receipt.period')}</th>
            <th>{t('receipt.item')}</th>
            <th class="num">{t('receipt.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {receipt.allocations.map((a) => (
            <tr key={a.lineId}>
              <td>{a.period}</td>
              <td>{a.name}</td>
              <td class="num">{yuan(a.cents)}</td>
            </tr>
          ))}
          {receipt.creditCents > 0 && (
            <tr>
              <td>—</td>
              <td>{t('receipt.toCredit')}</td>
              <td class="num">{yuan(receipt.creditCents)}</td>
            </tr>
          )}
          <tr class="request-total">
            <td colSpan={2}>
              {t('receipt.totalWords')}：
              <span data-testid="receipt-words">{capitalAmount(receipt.amountCents)}</span>
            </td>
            <td class="num" data-testid="receipt-amount">
              {yuan(receipt.amountCents)}
            </td>
          </tr>
        </tbody>
      </table>
      <div class="receipt-meta">
        <span>
          {t('receipt.channel')}：{t(`pay.channel.${receipt.channel}`)}
        </span>
        {receipt.reference && (
          <span>
            {t('receipt.reference')}：{receipt.reference}
          </span>
        )}
        {receipt.payer && (
          <span>
            {t('receipt.payer')}：{receipt.payer}
          </span>
        )}
      </div>
      <div class="print-sign">
        <div>
          {t('receipt.cashier')}：{receipt.takenByName}
        </div>
        <div>{t('receipt.payerSign')}：</div>
      </div>
    </article>
  );
}

/**
 * A receipt's view and print (收据). The desk opens it with `?new=1` right after taking the payment:
 * that first print is the original. Every later print is a reprint (补打), registered with its reason
 * before printing, and the sheet then says 补打 with the count.
 */
export default function ReceiptPrint({ propertyId, receiptId }: { propertyId: string; receiptId: string }) {
  const view = useLoad(
    (signal) => paymentsApi.receipt(propertyId, receiptId, signal),
    [propertyId, receiptId],
  );
  const [original, setOriginal] = useState(() => new URLSearchParams(location.search).get('new') === '1');
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (isNotFound(view.error)) return <NoAccess />;
  if (view.error) return <ErrorBox error={view.error} onRetry={view.reload} />;
  if (!view.data) return <Loading />;
  const { receipt, reprints, approvals } = view.data;
  const timeZone = propertyTimeZone(propertyId);

  const printOriginal = () => {
    window.print();
    // Printed once: from now on this page prints reprints.
    history.replaceState(history.state, '', location.pathname);
    setOriginal(false);
  };
  const reprint = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await paymentsApi.reprint(propertyId, receipt.receiptNumber, reason.trim());
      view.setData(await paymentsApi.receipt(propertyId, receipt.receiptNumber));
      setAsking(false);
      setReason('');
      // After the sheet shows 补打 with its new count.
      requestAnimationFrame(() => window.print());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="receipt-page">
      <div class="print-toolbar">
        <a class="btn btn-ghost" href={`/p/${propertyId}/billing/receipts`}>
          {t('receipt.toList')}
        </a>
        <a class="btn btn-ghost" href={`/p/${propertyId}/billing/desk`}>
          {t('receipt.toDesk')}
        </a>
        {original ? (
          <button type="button" class="btn btn-primary" onClick={printOriginal} data-testid="print-now">
            {t('receipt.print')}
          </button>
        ) : (
          <button
            type="button"
            class="btn btn-primary"
            onClick={() => setAsking(true)}
            disabled={asking}
            data-testid="reprint"
          >
            {t('receipt.reprint')}
          </button>
        )}
      </div>
      {asking && (
        <form class="card receipt-reprint-form no-print" onSubmit={reprint}>
          <label class="field">
            <span class="field-label">{t('receipt.reprintReason')}</span>
            <input
              value={reason}
              required
              minLength={2}
              maxLength={500}
              placeholder={t('receipt.reprintReasonHint')}
              onInput={(e) => setReason(e.currentTarget.value)}
              data-testid="reprint-reason"
            />
          </label>
          {error ? <ErrorBox error={error} /> : null}
          <div class="form-actions">
            <button type="button" class="btn" onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </button>
            <button type="submit" class="btn btn-primary" disabled={busy} data-testid="reprint-confirm">
              {busy && <Spinner />}
              {t('receipt.reprintConfirm')}
            </button>
          </div>
        </form>
      )}
      <Sheet view={view.data} timeZone={timeZone} />
      <section class="receipt-register no-print">
        {receipt.reversal && (
          <p data-testid="receipt-reversal">
            {t(receipt.reversal.kind === 'void' ? 'receipt.voidedBy' : 'receipt.refundedBy', {
              reason: receipt.reversal.reason,
              asked: receipt.reversal.requestedByName,
              approved: receipt.reversal.approvedByName,
              at: formatDateTime(receipt.reversal.at, timeZone),
            })}
          </p>
        )}
        {approvals.some((a) => a.state !== 'approved') && (
          <ul>
            {approvals
              .filter((a) => a.state !== 'approved')
              .map((a) => (
                <li key={a.id}>
                  {t(`approval.kind.${a.kind}`)} · {t(`approval.state.${a.state}`)} · {a.reason}
                </li>
              ))}
          </ul>
        )}
        {reprints.length > 0 && (
          <>
            <h2>{t('receipt.register')}</h2>
            <ul data-testid="receipt-register">
              {reprints.map((r) => (
                <li key={r.id}>
                  {formatDateTime(r.at, timeZone)} {r.byName}：{r.reason}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
