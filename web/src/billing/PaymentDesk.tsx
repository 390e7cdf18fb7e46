import './desk.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { yuan } from '../../../functions/billing/money.ts';
import { ApiError } from '../api.ts';
import { ErrorBox, Field, Notice, PageHeader, Spinner } from '../components/ui.tsx';
import { normalizeRoomQuery, parseYuan } from '../format.ts';
import { errorText, t, tOr } from '../i18n.ts';
import { CreditRefund } from './CreditRefund.tsx';
import {
  type DeskHousehold,
  type DeskRequest,
  newRequestKey,
  type Payment,
  type PaymentCreate,
  paymentChannels,
  paymentsApi,
  type RoomOpenRequests,
  receiptNumberText,
  referenceChannels,
} from './payments-api.ts';

type Channel = PaymentCreate['channel'];

/** One open request with its lines: what was billed, what is paid, what is left. */
function RequestCard({ request }: { request: DeskRequest }) {
  return (
    <div class="desk-request" data-testid="desk-request" data-period={request.period}>
      <div class="desk-request-head">
        <strong>{t('desk.period', { month: request.period })}</strong>
        <span class="muted">{t('desk.dueDate', { day: request.dueDate })}</span>
        <span class="desk-balance">{yuan(request.balanceCents)}</span>
      </div>
      {request.monthClosed && <div class="muted small">{t('desk.monthClosed')}</div>}
      <table class="table desk-lines">
        <tbody>
          {request.lines.map((line) => (
            <tr key={line.id}>
              <td>{line.name}</td>
              <td class="num">{yuan(line.amountCents)}</td>
              <td class="num muted">
                {line.paidCents > 0 ? t('desk.linePaid', { amount: yuan(line.paidCents) }) : ''}
              </td>
            </tr>
          ))}
          {request.creditAppliedCents > 0 && (
            <tr>
              <td>{t('desk.creditApplied')}</td>
              <td class="num">-{yuan(request.creditAppliedCents)}</td>
              <td />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** What the amount typed will do: pay the open requests, and any rest kept as prepayment credit. */
function Preview({ amount, open }: { amount: number | null; open: number }) {
  if (amount === null || amount <= 0) return null;
  if (amount > open)
    return (
      <Notice kind="warn">
        <span data-testid="desk-overpay">
          {open > 0
            ? t('desk.overpay', { open: yuan(open), credit: yuan(amount - open) })
            : t('desk.allCredit', { credit: yuan(amount) })}
        </span>
      </Notice>
    );
  if (amount < open) return <p class="muted">{t('desk.partial', { left: yuan(open - amount) })}</p>;
  return <p class="muted">{t('desk.exact')}</p>;
}

/** The receipt just taken: its number first (read out to the household), then where the money went. */
function Taken({
  propertyId,
  payment,
  onNext,
}: {
  propertyId: string;
  payment: Payment;
  onNext: () => void;
}) {
  return (
    <section class="card desk-receipt" data-testid="desk-receipt" aria-live="polite">
      <h2>{t('desk.taken')}</h2>
      <p class="desk-receipt-number">
        {t('desk.receiptNumber')}{' '}
        <strong class="mono" data-testid="receipt-number">
          {receiptNumberText(payment.receiptNumber)}
        </strong>
      </p>
      <p>
        {yuan(payment.amountCents)} · {t(`pay.channel.${payment.channel}`)}
        {payment.reference ? ` · ${t('desk.referenceShort', { ref: payment.reference })}` : ''}
      </p>
      <ul class="desk-allocations">
        {payment.allocations.map((a) => (
          <li key={a.lineId}>
            {t('desk.period', { month: a.period })} {a.name} {yuan(a.cents)}
          </li>
        ))}
      </ul>
      {payment.creditCents > 0 && (
        <Notice kind="info">
          <span data-testid="desk-credit-kept">
            {t('desk.creditKept', { credit: yuan(payment.creditCents) })}
          </span>
        </Notice>
      )}
      <div class="form-actions">
        <a
          class="btn btn-primary"
          href={`/p/${propertyId}/billing/receipts/${payment.receiptNumber}?new=1`}
          data-testid="desk-print"
        >
          {t('desk.print')}
        </a>
        <button type="button" class="btn" onClick={onNext}>
          {t('desk.next')}
        </button>
      </div>
    </section>
  );
}

/** The payment form for one household: amount, channel, the statement's reference, who paid. */
function PayForm({
  propertyId,
  household,
  onTaken,
}: {
  propertyId: string;
  household: DeskHousehold;
  onTaken: (payment: Payment) => void;
}) {
  const [amountText, setAmountText] = useState('');
  const [channel, setChannel] = useState<Channel>('cash');
  const [reference, setReference] = useState('');
  const [payer, setPayer] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tried, setTried] = useState(false);
  // One key per form: a second press, or a resend after a lost answer, is the same payment.
  const key = useRef(newRequestKey());
  const amount = parseYuan(amountText);
  const needsReference = referenceChannels.includes(channel);
  const payable = household.requests.filter((r) => !r.monthClosed).map((r) => r.period);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setTried(true);
    if (amount === null || amount <= 0) return;
    setBusy(true);
    setError(null);
    try {
      const payment = await paymentsApi.take(propertyId, {
        householdId: household.householdId,
        amountCents: amount,
        channel,
        ...(reference.trim() ? { reference: reference.trim() } : {}),
        ...(payer.trim() ? { payer: payer.trim() } : {}),
        // A closed month's request is paid through the open month's, so only open months are named.
        ...(payable.length && payable.length < household.requests.length ? { periods: payable } : {}),
        requestKey: key.current,
      });
      onTaken(payment);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card desk-form" onSubmit={submit} data-testid="desk-form">
      <h2>{t('desk.take')}</h2>
      <Field label={t('desk.amount')} hint={t('desk.amountHint')}>
        <input
          inputMode="decimal"
          autoComplete="off"
          value={amountText}
          onInput={(e) => setAmountText(e.currentTarget.value)}
          aria-invalid={(amountText !== '' || tried) && !amount}
          data-testid="desk-amount"
        />
      </Field>
      {(amountText !== '' || tried) && !amount && (
        <div class="error-text" role="alert">
          {t('desk.amountInvalid')}
        </div>
      )}
      <Preview amount={amount} open={household.openCents} />
      <Field label={t('desk.channel')}>
        <select
          value={channel}
          onChange={(e) => setChannel(e.currentTarget.value as Channel)}
          data-testid="desk-channel"
        >
          {paymentChannels.map((c) => (
            <option key={c} value={c}>
              {t(`pay.channel.${c}`)}
            </option>
          ))}
        </select>
      </Field>
      {channel !== 'cash' && (
        <Field
          label={t('desk.reference')}
          hint={t(needsReference ? 'desk.referenceHint' : 'desk.referenceCard')}
        >
          <input
            value={reference}
            maxLength={64}
            required={needsReference}
            onInput={(e) => setReference(e.currentTarget.value)}
            data-testid="desk-reference"
          />
        </Field>
      )}
      <Field label={t('desk.payer')} hint={t('desk.payerHint')}>
        <input value={payer} maxLength={50} onInput={(e) => setPayer(e.currentTarget.value)} />
      </Field>
      {error ? <ErrorBox error={error} /> : null}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary btn-large" disabled={busy} data-testid="desk-submit">
          {busy && <Spinner />}
          {busy ? t('desk.taking') : t('desk.submit')}
        </button>
      </div>
    </form>
  );
}

/** 前台收费: find the household by room number, see what it owes, take the payment, hand over the receipt. */
export default function PaymentDesk({ propertyId }: { propertyId: string }) {
  const [roomText, setRoomText] = useState('');
  const [room, setRoom] = useState<RoomOpenRequests | null>(null);
  const [finding, setFinding] = useState(false);
  const [findError, setFindError] = useState<unknown>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [taken, setTaken] = useState<Payment | null>(null);
  const [refunding, setRefunding] = useState(false);
  const [creditAsked, setCreditAsked] = useState(false);
  const roomInput = useRef<HTMLInputElement>(null);
  // The desk types a room first, as a call in 来电登记 does.
  useEffect(() => roomInput.current?.focus(), []);

  const find = async (code: string) => {
    setFinding(true);
    setFindError(null);
    try {
      const found = await paymentsApi.room(propertyId, code);
      setRoom(found);
      const households = found.units.flatMap((u) => u.households);
      setChosen((prev) =>
        households.some((h) => h.householdId === prev)
          ? prev
          : ((households.find((h) => h.openCents > 0) ?? households[0])?.householdId ?? null),
      );
    } catch (err) {
      setRoom(null);
      setFindError(err);
    } finally {
      setFinding(false);
    }
  };
  const search = (e: Event) => {
    e.preventDefault();
    const code = normalizeRoomQuery(roomText);
    if (!code) return;
    setTaken(null);
    setChosen(null);
    setCreditAsked(false);
    void find(code);
  };
  const households = room?.units.flatMap((u) => u.households) ?? [];
  const household = households.find((h) => h.householdId === chosen) ?? null;
  const notFound = findError instanceof ApiError && findError.status === 404;

  return (
    <div class="page desk-page" data-testid="payment-desk">
      <PageHeader title={t('desk.title')} subtitle={t('desk.subtitle')} />
      <form class="search-row desk-search" onSubmit={search}>
        <label class="desk-room-label">
          <span class="field-label">{t('desk.room')}</span>
          <input
            ref={roomInput}
            class="search-input"
            value={roomText}
            placeholder={t('desk.roomPlaceholder')}
            onInput={(e) => setRoomText(e.currentTarget.value)}
            data-testid="desk-room"
          />
        </label>
        <button type="submit" class="btn btn-primary" disabled={finding} data-testid="desk-find">
          {finding && <Spinner />}
          {t('desk.find')}
        </button>
      </form>
      {notFound ? (
        <div class="error-text" role="alert">
          {t('desk.noRoom', { room: normalizeRoomQuery(roomText) })}
        </div>
      ) : findError ? (
        <div class="error-text" role="alert">
          {errorText(findError)}
        </div>
      ) : null}
      {room && !households.length && <Notice>{t('desk.noHousehold', { room: room.roomCode })}</Notice>}
      {room && household && (
        <div class="desk-grid">
          <section
            class={`desk-household${finding ? ' is-stale' : ''}`}
            aria-busy={finding}
            data-testid="desk-household"
          >
            {households.length > 1 && (
              <div class="desk-choose" role="radiogroup" aria-label={t('desk.chooseHousehold')}>
                {households.map((h) => (
                  <label key={h.householdId} class="radio">
                    <input
                      type="radio"
                      name="household"
                      checked={h.householdId === household.householdId}
                      onChange={() => {
                        setChosen(h.householdId);
                        setTaken(null);
                      }}
                    />
                    {h.name}（{tOr(`household.${h.kind}`, h.kind)}）
                  </label>
                ))}
              </div>
            )}
            <div class="desk-summary">
              <div>
                <div class="desk-name">
                  {room.roomCode} {household.name}
                </div>
                <div class="muted">{tOr(`household.${household.kind}`, household.kind)}</div>
              </div>
              <div class="desk-figure">
                <span class="muted">{t('desk.open')}</span>
                <strong data-testid="desk-open">{yuan(household.openCents)}</strong>
              </div>
              <div class="desk-figure">
                <span class="muted">{t('desk.credit')}</span>
                <strong data-testid="desk-credit">{yuan(household.creditCents)}</strong>
              </div>
              {household.creditCents > 0 && (
                <button
                  type="button"
                  class="btn btn-small"
                  onClick={() => setRefunding(true)}
                  data-testid="desk-credit-refund"
                >
                  {t('credit.ask')}
                </button>
              )}
            </div>
            {creditAsked && <Notice kind="success">{t('credit.asked')}</Notice>}
            {refunding && (
              <CreditRefund
                propertyId={propertyId}
                household={household}
                onClose={() => setRefunding(false)}
                onAsked={() => {
                  setRefunding(false);
                  setCreditAsked(true);
                }}
              />
            )}
            {household.requests.length ? (
              household.requests.map((r) => <RequestCard key={r.id} request={r} />)
            ) : (
              <p class="muted">{t('desk.nothingOpen')}</p>
            )}
          </section>
          <div class="desk-side">
            {taken ? (
              <Taken
                propertyId={propertyId}
                payment={taken}
                onNext={() => {
                  setTaken(null);
                  setRoomText('');
                  setRoom(null);
                  roomInput.current?.focus();
                }}
              />
            ) : (
              <PayForm
                key={household.householdId}
                propertyId={propertyId}
                household={household}
                onTaken={(payment) => {
                  setTaken(payment);
                  void find(room.roomCode);
                }}
              />
            )}
          </div>
        </div>
      )}
    </div>
  );
}
