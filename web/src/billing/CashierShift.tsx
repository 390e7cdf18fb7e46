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
  NoAccess,
  Notice,
  PageHeader,
  Spinner,
} from '../components/ui.tsx';
import { parseYuan } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { formatDateTime, t } from '../i18n.ts';
import { can, propertyTimeZone } from '../state.ts';
import { paymentsApi, type Shift } from './payments-api.ts';

/** counted − expected, signed: "+¥1.00（长款）", "-¥5.00（短款）", "¥0.00（无差额）". */
function Variance({ cents }: { cents: number }) {
  const text = cents > 0 ? `+${yuan(cents)}` : yuan(cents);
  const word = cents > 0 ? t('shift.over') : cents < 0 ? t('shift.short') : t('shift.even');
  return (
    <strong class={cents === 0 ? '' : 'shift-variance-off'} data-testid="shift-variance">
      {text}（{word}）
    </strong>
  );
}

/** The shift's figures: totals by channel, cash expected, and once closed the count and the variance. */
function Figures({ shift, timeZone }: { shift: Shift; timeZone: string }) {
  return (
    <div class="shift-figures">
      <p class="muted">
        {t('shift.opened', { at: formatDateTime(shift.openedAt, timeZone), name: shift.cashierName })}
        {shift.closedAt ? ` · ${t('shift.closedAt', { at: formatDateTime(shift.closedAt, timeZone) })}` : ''}
      </p>
      <table class="table shift-table" data-testid="shift-totals">
        <thead>
          <tr>
            <th>{t('shift.channel')}</th>
            <th class="num">{t('shift.count')}</th>
            <th class="num">{t('shift.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {shift.totals.map((c) => (
            <tr key={c.channel}>
              <td>{t(`pay.channel.${c.channel}`)}</td>
              <td class="num">{c.count}</td>
              <td class="num">{yuan(c.cents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted small">
        {t('shift.receipts', { n: shift.receiptNumbers.length })}
        {shift.reversedCount ? ` · ${t('shift.reversed', { n: shift.reversedCount })}` : ''}
      </p>
      <div class="shift-cash">
        <div class="shift-cash-item">
          <span class="muted">{t('shift.expected')}</span>
          <strong data-testid="shift-expected">{yuan(shift.expectedCashCents)}</strong>
        </div>
        {shift.countedCashCents !== null && (
          <div class="shift-cash-item">
            <span class="muted">{t('shift.counted')}</span>
            <strong data-testid="shift-counted">{yuan(shift.countedCashCents)}</strong>
          </div>
        )}
        {shift.varianceCents !== null && (
          <div class="shift-cash-item">
            <span class="muted">{t('shift.variance')}</span>
            <Variance cents={shift.varianceCents} />
          </div>
        )}
      </div>
      {shift.cashierNote && <p>{t('shift.cashierNote', { note: shift.cashierNote })}</p>}
      {shift.handover.length > 0 && (
        <div>
          <strong>{t('shift.handoverItems')}</strong>
          <ul data-testid="shift-handover">
            {shift.handover.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** Open one's shift: with whatever the last shift handed over shown once it is open. */
function OpenForm({ propertyId, onOpened }: { propertyId: string; onOpened: (s: Shift) => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onOpened(await paymentsApi.openShift(propertyId, note.trim()));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <form class="card form" onSubmit={submit}>
      <p>{t('shift.none')}</p>
      <Field label={t('shift.openingNote')}>
        <input value={note} maxLength={200} onInput={(e) => setNote(e.currentTarget.value)} />
      </Field>
      {error ? <ErrorBox error={error} /> : null}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={busy} data-testid="shift-open">
          {busy && <Spinner />}
          {t('shift.open')}
        </button>
      </div>
    </form>
  );
}

/** Close one's shift (交班): the cash counted, a note, and the open items for the next shift. */
function CloseForm({ shift, onClosed }: { shift: Shift; onClosed: (s: Shift) => void }) {
  const [counted, setCounted] = useState('');
  const [note, setNote] = useState('');
  const [handover, setHandover] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const cents = parseYuan(counted);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy || cents === null) return;
    setBusy(true);
    setError(null);
    try {
      onClosed(
        await paymentsApi.closeShift(shift.propertyId, shift.id, {
          countedCashCents: cents,
          note: note.trim(),
          handover: handover
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean),
        }),
      );
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <form class="card form shift-close" onSubmit={submit} data-testid="shift-close-form">
      <h2>{t('shift.closeTitle')}</h2>
      <Field label={t('shift.countedInput')} hint={t('desk.amountHint')}>
        <input
          inputMode="decimal"
          required
          value={counted}
          onInput={(e) => setCounted(e.currentTarget.value)}
          data-testid="shift-counted-input"
        />
      </Field>
      {counted !== '' && cents === null && <div class="error-text">{t('shift.countedInvalid')}</div>}
      {cents !== null && (
        <p>
          {t('shift.willBe')} <Variance cents={cents - shift.expectedCashCents} />
        </p>
      )}
      <Field label={t('shift.note')}>
        <input value={note} maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} />
      </Field>
      <Field label={t('shift.handoverInput')} hint={t('shift.handoverHint')}>
        <textarea
          rows={3}
          value={handover}
          onInput={(e) => setHandover(e.currentTarget.value)}
          data-testid="shift-handover-input"
        />
      </Field>
      {error ? <ErrorBox error={error} /> : null}
      <div class="form-actions">
        <button
          type="submit"
          class="btn btn-primary"
          disabled={busy || cents === null}
          data-testid="shift-close"
        >
          {busy && <Spinner />}
          {t('shift.close')}
        </button>
      </div>
    </form>
  );
}

/** A closed shift waiting for a finance lead (not its cashier) to sign its variance off. */
function SignOff({ shift, onSigned }: { shift: Shift; onSigned: (s: Shift) => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const sign = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onSigned(await paymentsApi.signOff(shift.propertyId, shift.id, note.trim()));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="approval-actions">
      <input
        value={note}
        maxLength={500}
        placeholder={t('shift.signOffNote')}
        aria-label={t('shift.signOffNote')}
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      <button
        type="button"
        class="btn btn-primary"
        disabled={busy}
        onClick={sign}
        data-testid="shift-sign-off"
      >
        {busy && <Spinner />}
        {t('shift.signOff')}
      </button>
      {error ? <ErrorBox error={error} /> : null}
    </div>
  );
}

const stateTone = { open: 'blue', closed: 'amber', settled: 'green' } as const;

/** 收银交班: my shift (open, totals, close with the cash counted) and, for a finance lead, the sign-offs. */
export default function CashierShift({ propertyId }: { propertyId: string }) {
  const takes = can('payment.take');
  const mine = useLoad(
    (signal) => (takes ? paymentsApi.myShift(propertyId, signal) : Promise.resolve({ shift: null })),
    [propertyId],
  );
  const shifts = useLoad((signal) => paymentsApi.shifts(propertyId, signal), [propertyId]);
  const [justClosed, setJustClosed] = useState<Shift | null>(null);
  const [signed, setSigned] = useState<Shift | null>(null);
  const timeZone = propertyTimeZone(propertyId);
  if (isNotFound(mine.error) || isNotFound(shifts.error)) return <NoAccess />;
  const shift = mine.data?.shift ?? null;
  const waiting = (shifts.data?.items ?? []).filter((s) => s.state === 'closed');
  const approves = can('payment.approve');
  // A finance lead sees the closed shifts apart, to sign them off; the list below has the rest.
  const recent = (shifts.data?.items ?? []).filter((s) => !approves || s.state !== 'closed').slice(0, 10);

  return (
    <div class="page shift-page" data-testid="cashier-shift">
      <PageHeader title={t('shift.title')} subtitle={t('shift.subtitle')} />
      {mine.error ? <ErrorBox error={mine.error} onRetry={mine.reload} /> : null}
      {takes && (
        <section class="shift-mine">
          <h2>{t('shift.mine')}</h2>
          {mine.loading && !mine.data ? (
            <Loading />
          ) : shift ? (
            <div class="desk-grid">
              <div class="card" data-testid="shift-current">
                {shift.handedOver && shift.handedOver.items.length > 0 && (
                  <Notice>
                    <strong>{t('shift.handedOver', { name: shift.handedOver.fromCashierName })}</strong>
                    <ul>
                      {shift.handedOver.items.map((item) => (
                        <li key={item}>{item}</li>
                      ))}
                    </ul>
                  </Notice>
                )}
                <Figures shift={shift} timeZone={timeZone} />
              </div>
              <CloseForm
                shift={shift}
                onClosed={(closed) => {
                  setJustClosed(closed);
                  mine.setData({ shift: null });
                  shifts.reload();
                }}
              />
            </div>
          ) : (
            <>
              {justClosed && (
                <div class="card" data-testid="shift-closed">
                  <Notice kind="success">{t('shift.closedNotice')}</Notice>
                  <Figures shift={justClosed} timeZone={timeZone} />
                </div>
              )}
              <OpenForm
                propertyId={propertyId}
                onOpened={(opened) => {
                  setJustClosed(null);
                  mine.setData({ shift: opened });
                  shifts.reload();
                }}
              />
            </>
          )}
        </section>
      )}
      {approves && (
        <section class="shift-waiting">
          <h2>{t('shift.waiting')}</h2>
          {signed && (
            <Notice kind="success">
              <span data-testid="shift-signed">{t('shift.signedNotice', { name: signed.cashierName })}</span>
            </Notice>
          )}
          {shifts.error ? <ErrorBox error={shifts.error} onRetry={shifts.reload} /> : null}
          {shifts.loading && !shifts.data ? (
            <Loading />
          ) : !waiting.length ? (
            <Empty title={t('shift.noneWaiting')} />
          ) : (
            <ul class="approval-list">
              {waiting.map((s) => (
                <li key={s.id} class="card" data-testid="shift-waiting" data-cashier={s.cashierName}>
                  <Figures shift={s} timeZone={timeZone} />
                  <SignOff
                    shift={s}
                    onSigned={(done) => {
                      setSigned(done);
                      shifts.setData({
                        items: (shifts.data?.items ?? []).map((x) => (x.id === done.id ? done : x)),
                      });
                    }}
                  />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {recent.length > 0 && (
        <section>
          <h2>{t('shift.recent')}</h2>
          <div class="table-wrap">
            <table class="table shift-table">
              <thead>
                <tr>
                  <th>{t('shift.cashier')}</th>
                  <th>{t('shift.openedAt')}</th>
                  <th>{t('shift.state')}</th>
                  <th class="num">{t('shift.variance')}</th>
                  <th>{t('shift.signedBy')}</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((s) => (
                  <tr key={s.id}>
                    <td>{s.cashierName}</td>
                    <td class="nowrap">{formatDateTime(s.openedAt, timeZone)}</td>
                    <td>
                      <Badge tone={stateTone[s.state]}>{t(`shift.state.${s.state}`)}</Badge>
                    </td>
                    <td class="num">
                      {s.varianceCents === null ? '—' : <Variance cents={s.varianceCents} />}
                    </td>
                    <td>{s.signedOffByName ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
