import '../reports/reports.css';
import { useState } from 'preact/hooks';
import { yuan } from '../../../functions/billing/money.ts';
import {
  incomeRowLabels,
  type SpendingCategory,
  spendingCategories,
  spendingCategoryLabels,
} from '../../../functions/billing/reports/labels.ts';
import { isNotFound, request } from '../api.ts';
import { ErrorBox, Field, FormActions, Loading, NoAccess, Notice, PageHeader } from '../components/ui.tsx';
import { parseYuan } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { lang, t } from '../i18n.ts';
import { can } from '../state.ts';
import {
  type FeeAccounts as Accounts,
  ExcelButton,
  halfOf,
  halfText,
  halvesUpTo,
  monthText,
  previousMonth,
} from './report-kit.tsx';

const l = () => (lang.value === 'en' ? 'en' : 'zh');
const incomeText = (row: string) => incomeRowLabels[row]?.[l()] ?? row;
const spendingText = (c: string) => spendingCategoryLabels[c as SpendingCategory]?.[l()] ?? c;
const accountsPath = (propertyId: string, half: string) =>
  `/api/billing/properties/${propertyId}/fee-accounts/${half}`;

/** Income by item, spending by category and the balance: the table the page and the print view share. */
function AccountsTable({ a }: { a: Accounts }) {
  return (
    <table class="print-grid statement-grid" data-testid="fee-accounts-table">
      <thead>
        <tr>
          <th>{t('feeAccounts.item')}</th>
          <th class="num">{t('close.receivable')}</th>
          <th class="num">{t('feeAccounts.income')}</th>
          <th class="num">{t('feeAccounts.spending')}</th>
        </tr>
      </thead>
      <tbody>
        {a.income.map((i) => (
          <tr key={i.row}>
            <td>{incomeText(i.row)}</td>
            <td class="num">{yuan(i.receivableCents)}</td>
            <td class="num">{yuan(i.receivedCents)}</td>
            <td />
          </tr>
        ))}
        {a.spending.map((s) => (
          <tr key={s.category}>
            <td>{spendingText(s.category)}</td>
            <td />
            <td />
            <td class="num">{yuan(s.amountCents)}</td>
          </tr>
        ))}
        <tr class="row-total">
          <th>{t('feeReports.total')}</th>
          <td />
          <td class="num" data-testid="fee-accounts-income">
            {yuan(a.incomeCents)}
          </td>
          <td class="num" data-testid="fee-accounts-spending">
            {yuan(a.spendingCents)}
          </td>
        </tr>
        <tr class="row-total">
          <th>{t('feeAccounts.balance')}</th>
          <td />
          <td class="num" data-testid="fee-accounts-balance">
            {yuan(a.balanceCents)}
          </td>
          <td />
        </tr>
      </tbody>
    </table>
  );
}

/** 管理服务费收支 (published every half year, 001 §7.6): the accounts, the spending entries and the form. */
export default function FeeAccounts({ propertyId }: { propertyId: string }) {
  const [half, setHalf] = useState(halfOf(previousMonth()));
  const accounts = useLoad(
    (signal) => request<Accounts>(accountsPath(propertyId, half), { signal }),
    [propertyId, half],
  );
  const a = accounts.data;
  return (
    <div class="page billing-report">
      <PageHeader title={t('feeAccounts.title')} subtitle={t('feeAccounts.subtitle')} />
      <div class="report-controls">
        <select
          value={half}
          aria-label={t('feeAccounts.half')}
          onChange={(e) => setHalf(e.currentTarget.value)}
          data-testid="fee-accounts-half"
        >
          {halvesUpTo(previousMonth(), 6).map((h) => (
            <option key={h} value={h}>
              {halfText(h)}
            </option>
          ))}
        </select>
        <ExcelButton
          path={accountsPath(propertyId, half)}
          fileName={`fee-accounts-${half}`}
          testId="fee-accounts-excel"
        />
        <a
          class="btn btn-small"
          href={`/p/${propertyId}/billing/fee-accounts/${half}/print`}
          data-testid="fee-accounts-print"
        >
          {t('feeAccounts.printView')}
        </a>
      </div>
      {accounts.error ? <ErrorBox error={accounts.error} onRetry={accounts.reload} /> : null}
      {!a ? (
        !accounts.error && <Loading />
      ) : (
        <>
          <p class="muted">
            {a.months
              .map(
                (m) => `${monthText(m.month)}${m.closed ? t('feeAccounts.closed') : t('feeAccounts.open')}`,
              )
              .join('　')}
          </p>
          <div class="card fee-accounts-card">
            <AccountsTable a={a} />
          </div>
          {can('billing.close') && (
            <SpendingForm
              key={half}
              propertyId={propertyId}
              months={a.months.map((m) => m.month)}
              onDone={accounts.reload}
            />
          )}
          <h2>{t('feeAccounts.entries')}</h2>
          {a.entries.length === 0 ? (
            <p class="muted">{t('feeAccounts.noEntries')}</p>
          ) : (
            <div class="table-wrap card">
              <table class="table" data-testid="fee-spending-entries">
                <thead>
                  <tr>
                    <th>{t('close.month')}</th>
                    <th>{t('feeAccounts.category')}</th>
                    <th class="num">{t('feeAccounts.amount')}</th>
                    <th>{t('feeAccounts.note')}</th>
                    <th>{t('fund.enteredBy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {a.entries.map((e) => (
                    <tr key={e.id}>
                      <td>{monthText(e.month)}</td>
                      <td>{spendingText(e.category)}</td>
                      <td class="num">{yuan(e.amountCents)}</td>
                      <td>{e.note}</td>
                      <td>{e.enteredByName}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}

function SpendingForm({
  propertyId,
  months,
  onDone,
}: {
  propertyId: string;
  months: string[];
  onDone: () => void;
}) {
  const [month, setMonth] = useState(months[0]!);
  const [category, setCategory] = useState<SpendingCategory>('cleaning');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const cents = parseYuan(amount);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!cents) return;
    setSaving(true);
    setError(null);
    try {
      await request(`/api/billing/properties/${propertyId}/fee-spending`, {
        method: 'POST',
        json: { month, category, amountCents: cents, note },
      });
      setAmount('');
      setNote('');
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <form class="card form" onSubmit={submit} data-testid="fee-spending-form">
      <h3>{t('feeAccounts.enter')}</h3>
      <div class="form-grid">
        <Field label={t('close.month')}>
          <select
            value={month}
            onChange={(e) => setMonth(e.currentTarget.value)}
            data-testid="spending-month"
          >
            {months.map((m) => (
              <option key={m} value={m}>
                {monthText(m)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('feeAccounts.category')}>
          <select
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value as SpendingCategory)}
            data-testid="spending-category"
          >
            {spendingCategories.map((c) => (
              <option key={c} value={c}>
                {spendingText(c)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('fund.amount')} hint={t('fund.amountHint')}>
          <input
            inputMode="decimal"
            required
            value={amount}
            onInput={(e) => setAmount(e.currentTarget.value)}
            data-testid="spending-amount"
          />
        </Field>
        <Field label={t('feeAccounts.note')} wide>
          <input
            required
            minLength={2}
            maxLength={500}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
            data-testid="spending-note"
          />
        </Field>
      </div>
      {amount && !cents && <Notice kind="warn">{t('fund.amountInvalid')}</Notice>}
      <p class="muted small">{t('feeAccounts.entriesOnly')}</p>
      <ErrorBox error={error} />
      <FormActions saving={saving} label={t('fund.save')} />
    </form>
  );
}

/** The accounts as published on the notice board: A4, zh-CN. */
export function FeeAccountsPrint({ propertyId, half }: { propertyId: string; half: string }) {
  const accounts = useLoad(
    (signal) => request<Accounts>(accountsPath(propertyId, half), { signal }),
    [propertyId, half],
  );
  if (isNotFound(accounts.error)) return <NoAccess />;
  if (accounts.error) return <ErrorBox error={accounts.error} onRetry={accounts.reload} />;
  const a = accounts.data;
  if (!a) return <Loading />;
  return (
    <div>
      <div class="print-toolbar">
        <a class="btn btn-ghost" href={`/p/${propertyId}/billing/fee-accounts`}>
          {t('billingReports.back')}
        </a>
        <button type="button" class="btn btn-primary" onClick={() => window.print()} data-testid="print-now">
          {t('print.printNow')}
        </button>
      </div>
      <article class="print-sheet statement-sheet" data-testid="fee-accounts-sheet">
        <h1>{t('feeAccounts.publicationTitle')}</h1>
        <p class="report-meta">
          <span>{a.propertyName}</span>
          <span>{halfText(a.half)}</span>
        </p>
        <AccountsTable a={a} />
        <p class="small">{t('feeAccounts.publicationNote')}</p>
        <div class="print-sign">
          <div>{t('fund.signCompany')}</div>
          <div>{t('fund.signCommittee')}</div>
        </div>
      </article>
    </div>
  );
}
