import { useState } from 'preact/hooks';
import { yuan } from '../../../functions/billing/money.ts';
import { ErrorBox, Field, Modal, Spinner } from '../components/ui.tsx';
import { parseYuan } from '../format.ts';
import { t } from '../i18n.ts';
import { type DeskHousehold, type Payment, paymentChannels, paymentsApi } from './payments-api.ts';

/** Ask to refund part or all of a household's prepayment credit: a second finance person decides. */
export function CreditRefund({
  propertyId,
  household,
  onClose,
  onAsked,
}: {
  propertyId: string;
  household: DeskHousehold;
  onClose: () => void;
  onAsked: () => void;
}) {
  const [amountText, setAmountText] = useState('');
  const [channel, setChannel] = useState<Payment['channel']>('cash');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const amount = parseYuan(amountText);
  const tooMuch = amount !== null && amount > household.creditCents;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || !amount || tooMuch) return;
    setBusy(true);
    setError(null);
    try {
      await paymentsApi.askCreditRefund(propertyId, household.householdId, {
        amountCents: amount,
        channel,
        reason: reason.trim(),
      });
      onAsked();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Modal title={t('credit.title', { name: household.name })} onClose={onClose}>
      <form class="form" onSubmit={submit} data-testid="credit-refund-form">
        <p>{t('credit.balance', { amount: yuan(household.creditCents) })}</p>
        <Field label={t('credit.amount')}>
          <input
            inputMode="decimal"
            required
            value={amountText}
            onInput={(e) => setAmountText(e.currentTarget.value)}
            data-testid="credit-refund-amount"
          />
        </Field>
        {amountText !== '' && !amount && <div class="error-text">{t('desk.amountInvalid')}</div>}
        {tooMuch && <div class="error-text">{t('apiError.more_than_credit')}</div>}
        <Field label={t('receipts.refundChannel')}>
          <select value={channel} onChange={(e) => setChannel(e.currentTarget.value as Payment['channel'])}>
            {paymentChannels.map((c) => (
              <option key={c} value={c}>
                {t(`pay.channel.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('receipts.reason')} hint={t('receipts.reasonHint')}>
          <textarea
            rows={2}
            required
            minLength={2}
            maxLength={500}
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
            data-testid="credit-refund-reason"
          />
        </Field>
        {error ? <ErrorBox error={error} /> : null}
        <div class="form-actions">
          <button type="button" class="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy} data-testid="credit-refund-submit">
            {busy && <Spinner />}
            {t('receipts.askSubmit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
