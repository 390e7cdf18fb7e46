import '../reports/reports.css';
import { useState } from 'preact/hooks';
import {
  type FundCategory,
  fundCategories,
  fundCategoryLabels,
} from '../../../functions/billing/fund/categories.ts';
import type { FundEntry, fundLedger, fundPublication } from '../../../functions/billing/fund/ledger.ts';
import { yuan } from '../../../functions/billing/money.ts';
import { isNotFound, request } from '../api.ts';
import {
  ErrorBox,
  Field,
  FormActions,
  Loading,
  NoAccess,
  Notice,
  PageHeader,
  Stat,
} from '../components/ui.tsx';
import { isoToZonedInput, parseYuan } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { formatDateTime, lang, type MsgKey, t } from '../i18n.ts';
import { can, me, propertyTimeZone } from '../state.ts';
import {
  DayInput,
  halfOf,
  halfText,
  halvesUpTo,
  MonthInput,
  monthText,
  previousMonth,
} from './report-kit.tsx';

type Ledger = Awaited<ReturnType<typeof fundLedger>>;
type Publication = Awaited<ReturnType<typeof fundPublication>>;
type Line = Ledger['entries'][number];
const categoryText = (c: string) =>
  fundCategoryLabels[c as FundCategory]?.[lang.value === 'en' ? 'en' : 'zh'] ?? c;
const fundPath = (propertyId: string) => `/api/billing/properties/${propertyId}/fund`;

/** What an entry says in the ledger: its source, its use, or the bank's balance beside the ledger's. */
function entryText(e: FundEntry) {
  if (e.kind === 'contribution') return t('fund.contributionText', { source: e.source });
  if (e.kind === 'use') return t('fund.useText', { category: categoryText(e.category), text: e.description });
  return t('fund.reconciliationText', {
    month: monthText(e.month),
    bank: yuan(e.bankBalanceCents),
    ledger: yuan(e.ledgerBalanceCents),
    difference: yuan(e.differenceCents),
  });
}

function stateText(e: FundEntry) {
  if (e.kind !== 'use') return '';
  if (e.state === 'proposed') return t('fund.state.proposed');
  return t(e.state === 'approved' ? 'fund.state.approved' : 'fund.state.rejected', {
    name: e.decidedByName ?? '',
  });
}

type Form = 'contribution' | 'use' | 'reconciliation';

/** 维修基金: the balance, the entries by day, uses waiting for a second person, the forms and the publication. */
export default function MaintenanceFund({ propertyId }: { propertyId: string }) {
  const ledger = useLoad((signal) => request<Ledger>(fundPath(propertyId), { signal }), [propertyId]);
  const [form, setForm] = useState<Form | null>(null);
  const [half, setHalf] = useState(halfOf(previousMonth()));
  if (isNotFound(ledger.error)) return <NoAccess />;
  const l = ledger.data;
  const writer = can('fund.write');
  const proposed = (l?.entries ?? []).filter((e) => e.kind === 'use' && e.state === 'proposed');
  return (
    <div class="page billing-report">
      <PageHeader title={t('fund.title')} subtitle={t('fund.subtitle')} />
      {ledger.error ? <ErrorBox error={ledger.error} onRetry={ledger.reload} /> : null}
      {!l ? (
        !ledger.error && <Loading />
      ) : (
        <>
          <div class="fund-top">
            <Stat
              label={t('fund.balance')}
              value={<span data-testid="fund-balance">{yuan(l.balanceCents)}</span>}
            />
            <div class="report-controls">
              <select
                value={half}
                aria-label={t('fund.publication')}
                onChange={(e) => setHalf(e.currentTarget.value)}
              >
                {halvesUpTo(previousMonth(), 6).map((h) => (
                  <option key={h} value={h}>
                    {halfText(h)}
                  </option>
                ))}
              </select>
              <a
                class="btn btn-small"
                href={`/p/${propertyId}/billing/fund/publication/${half}`}
                data-testid="fund-publication"
              >
                {t('fund.publication')}
              </a>
            </div>
          </div>
          {writer && (
            <div class="report-controls">
              {(['contribution', 'use', 'reconciliation'] as const).map((f) => (
                <button
                  type="button"
                  key={f}
                  class={`btn${form === f ? ' btn-primary' : ''}`}
                  onClick={() => setForm(form === f ? null : f)}
                  data-testid={`fund-open-${f}`}
                >
                  {t(`fund.form.${f}` as MsgKey)}
                </button>
              ))}
            </div>
          )}
          {writer && form && (
            <EntryForm
              key={form}
              propertyId={propertyId}
              form={form}
              onDone={() => {
                setForm(null);
                ledger.reload();
              }}
            />
          )}
          {proposed.length > 0 && (
            <section data-testid="fund-proposed">
              <h2>{t('fund.waiting', { n: proposed.length })}</h2>
              {proposed.map((e) => (
                <Decision key={e.id} propertyId={propertyId} entry={e} onDone={ledger.reload} />
              ))}
            </section>
          )}
          <h2>{t('fund.ledger')}</h2>
          <LedgerTable entries={l.entries} />
        </>
      )}
    </div>
  );
}

function LedgerTable({ entries }: { entries: Line[] }) {
  if (entries.length === 0) return <p class="muted">{t('fund.empty')}</p>;
  return (
    <div class="table-wrap card table-scroll fund-ledger-table">
      <table class="table" data-testid="fund-ledger">
        <thead>
          <tr>
            <th>{t('fund.day')}</th>
            <th>{t('fund.entry')}</th>
            <th class="num">{t('fund.in')}</th>
            <th class="num">{t('fund.out')}</th>
            <th>{t('fund.state')}</th>
            <th class="num">{t('fund.balance')}</th>
            <th>{t('fund.enteredBy')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr
              key={e.id}
              data-testid="fund-entry"
              data-kind={e.kind}
              class={e.kind === 'use' && e.state !== 'approved' ? 'row-muted' : undefined}
            >
              <td class="nowrap">{e.day}</td>
              <td>{entryText(e)}</td>
              <td class="num">{e.kind === 'contribution' ? yuan(e.amountCents) : ''}</td>
              <td class="num">{e.kind === 'use' ? yuan(e.amountCents) : ''}</td>
              <td class="nowrap">{stateText(e)}</td>
              <td class="num">{yuan(e.balanceCents)}</td>
              <td class="nowrap">{e.enteredByName}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A proposed use: a second person approves or refuses it; its proposer sees that it waits for one. */
function Decision({ propertyId, entry, onDone }: { propertyId: string; entry: Line; onDone: () => void }) {
  const [busy, setBusy] = useState<'approve' | 'refuse' | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (entry.kind !== 'use') return null;
  const own = entry.enteredBy === me.value?.staff.id;
  const decide = async (approve: boolean) => {
    setBusy(approve ? 'approve' : 'refuse');
    setError(null);
    try {
      await request(`${fundPath(propertyId)}/uses/${entry.day}/${entry.id}/decision`, {
        method: 'POST',
        json: { version: entry.version, approve },
      });
      onDone();
    } catch (e) {
      setError(e);
      setBusy(null);
    }
  };
  return (
    <div class="card fund-decision" data-testid="fund-decision">
      <div>
        <strong>{yuan(entry.amountCents)}</strong> · {entryText(entry)}
        <div class="muted small">
          {t('fund.proposedBy', {
            name: entry.enteredByName,
            at: formatDateTime(entry.enteredAt, propertyTimeZone(propertyId)),
          })}
        </div>
      </div>
      {own ? (
        <span class="muted">{t('fund.secondPerson')}</span>
      ) : can('fund.write') ? (
        <div class="report-controls">
          <button
            type="button"
            class="btn btn-primary"
            disabled={busy !== null}
            onClick={() => decide(true)}
            data-testid="fund-approve"
          >
            {busy === 'approve' ? t('fund.approving') : t('fund.approve')}
          </button>
          <button
            type="button"
            class="btn"
            disabled={busy !== null}
            onClick={() => decide(false)}
            data-testid="fund-refuse"
          >
            {busy === 'refuse' ? t('fund.refusing') : t('fund.refuse')}
          </button>
        </div>
      ) : null}
      <ErrorBox error={error} />
    </div>
  );
}

/** The form of a contribution, a proposed use or a month's bank reconciliation. */
function EntryForm({ propertyId, form, onDone }: { propertyId: string; form: Form; onDone: () => void }) {
  const today = isoToZonedInput(Date.now(), propertyTimeZone(propertyId)).slice(0, 10);
  const [day, setDay] = useState(today);
  const [amount, setAmount] = useState('');
  const [text, setText] = useState('');
  const [category, setCategory] = useState<FundCategory>('daily_repair');
  const [month, setMonth] = useState(previousMonth());
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const cents = parseYuan(amount);
  const dayOk = /^\d{4}-\d{2}-\d{2}$/.test(day);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (cents === null || (form !== 'reconciliation' && (!dayOk || cents === 0))) return;
    setSaving(true);
    setError(null);
    const body =
      form === 'contribution'
        ? { day, amountCents: cents, source: text }
        : form === 'use'
          ? { day, amountCents: cents, category, description: text }
          : { month, bankBalanceCents: cents, note: text };
    try {
      await request(`${fundPath(propertyId)}/${form === 'use' ? 'uses' : `${form}s`}`, {
        method: 'POST',
        json: body,
      });
      onDone();
    } catch (err) {
      setError(err);
      setSaving(false);
    }
  };
  return (
    <form class="card form" onSubmit={submit} data-testid={`fund-form-${form}`}>
      <h3>{t(`fund.form.${form}` as MsgKey)}</h3>
      <div class="form-grid">
        {form === 'reconciliation' ? (
          <Field label={t('close.month')} hint={t('fund.reconciliationHint')}>
            <MonthInput value={month} onChange={setMonth} testId="fund-month" />
          </Field>
        ) : (
          <Field label={t('fund.day')} hint={t('billingReports.dayHint')}>
            <DayInput value={day} onChange={setDay} label={t('fund.day')} required testId="fund-day" />
          </Field>
        )}
        <Field
          label={t(form === 'reconciliation' ? 'fund.bankBalance' : 'fund.amount')}
          hint={t('fund.amountHint')}
        >
          <input
            inputMode="decimal"
            required
            value={amount}
            onInput={(e) => setAmount(e.currentTarget.value)}
            data-testid="fund-amount"
          />
        </Field>
        {form === 'use' && (
          <Field label={t('fund.category')}>
            <select
              value={category}
              onChange={(e) => setCategory(e.currentTarget.value as FundCategory)}
              data-testid="fund-category"
            >
              {fundCategories.map((c) => (
                <option key={c} value={c}>
                  {categoryText(c)}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field
          label={t(
            form === 'contribution' ? 'fund.source' : form === 'use' ? 'fund.description' : 'fund.note',
          )}
          wide
        >
          <input
            required={form !== 'reconciliation'}
            minLength={form === 'reconciliation' ? undefined : 2}
            maxLength={500}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
            data-testid="fund-text"
          />
        </Field>
      </div>
      {amount && cents === null && <Notice kind="warn">{t('fund.amountInvalid')}</Notice>}
      {form === 'use' && <p class="muted small">{t('fund.useHint')}</p>}
      <ErrorBox error={error} />
      <FormActions saving={saving} label={t('fund.save')} />
    </form>
  );
}

/** 维修基金使用和管理情况公示 (half-yearly, §8.5) as an A4 sheet for the notice board. */
export function FundPublicationPage({ propertyId, half }: { propertyId: string; half: string }) {
  const publication = useLoad(
    (signal) => request<Publication>(`${fundPath(propertyId)}/publication/${half}`, { signal }),
    [propertyId, half],
  );
  if (isNotFound(publication.error)) return <NoAccess />;
  if (publication.error) return <ErrorBox error={publication.error} onRetry={publication.reload} />;
  const p = publication.data;
  if (!p) return <Loading />;
  return (
    <div>
      <div class="print-toolbar">
        <a class="btn btn-ghost" href={`/p/${propertyId}/billing/fund`}>
          {t('billingReports.back')}
        </a>
        <button type="button" class="btn btn-primary" onClick={() => window.print()} data-testid="print-now">
          {t('print.printNow')}
        </button>
      </div>
      <article class="print-sheet statement-sheet" data-testid="fund-publication-sheet">
        <h1>{t('fund.publicationTitle')}</h1>
        <p class="report-meta">
          <span>{p.propertyName}</span>
          <span>{halfText(p.half)}</span>
        </p>
        <table class="print-grid statement-grid">
          <tbody>
            <tr>
              <th>{t('fund.opening')}</th>
              <td class="num">{yuan(p.openingBalanceCents)}</td>
            </tr>
            <tr>
              <th>{t('fund.contributions')}</th>
              <td class="num">{yuan(p.contributionsCents)}</td>
            </tr>
            {p.uses.map((u) => (
              <tr key={u.category}>
                <th>{t('fund.usesOf', { category: categoryText(u.category) })}</th>
                <td class="num">{yuan(u.amountCents)}</td>
              </tr>
            ))}
            <tr>
              <th>{t('fund.usesTotal')}</th>
              <td class="num">{yuan(p.usesCents)}</td>
            </tr>
            <tr>
              <th>{t('fund.closing')}</th>
              <td class="num" data-testid="fund-closing">
                <strong>{yuan(p.closingBalanceCents)}</strong>
              </td>
            </tr>
          </tbody>
        </table>
        <h2>{t('fund.approvedUses')}</h2>
        {p.approvedUses.length === 0 ? (
          <p>{t('fund.noUses')}</p>
        ) : (
          <table class="print-grid statement-grid">
            <thead>
              <tr>
                <th>{t('fund.day')}</th>
                <th>{t('fund.category')}</th>
                <th>{t('fund.description')}</th>
                <th class="num">{t('fund.amount')}</th>
                <th>{t('fund.approvedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {p.approvedUses.map((e) =>
                e.kind === 'use' ? (
                  <tr key={e.id}>
                    <td>{e.day}</td>
                    <td>{categoryText(e.category)}</td>
                    <td>{e.description}</td>
                    <td class="num">{yuan(e.amountCents)}</td>
                    <td>{e.decidedByName}</td>
                  </tr>
                ) : null,
              )}
            </tbody>
          </table>
        )}
        <h2>{t('fund.reconciliations')}</h2>
        {p.reconciliations.length === 0 ? (
          <p>{t('fund.noReconciliations')}</p>
        ) : (
          <table class="print-grid statement-grid">
            <thead>
              <tr>
                <th>{t('close.month')}</th>
                <th class="num">{t('fund.bankBalance')}</th>
                <th class="num">{t('fund.ledgerBalance')}</th>
                <th class="num">{t('fund.difference')}</th>
                <th>{t('fund.note')}</th>
              </tr>
            </thead>
            <tbody>
              {p.reconciliations.map((e) =>
                e.kind === 'reconciliation' ? (
                  <tr key={e.id}>
                    <td>{monthText(e.month)}</td>
                    <td class="num">{yuan(e.bankBalanceCents)}</td>
                    <td class="num">{yuan(e.ledgerBalanceCents)}</td>
                    <td class="num">{yuan(e.differenceCents)}</td>
                    <td>{e.note}</td>
                  </tr>
                ) : null,
              )}
            </tbody>
          </table>
        )}
        <div class="print-sign">
          <div>{t('fund.signCompany')}</div>
          <div>{t('fund.signCommittee')}</div>
        </div>
      </article>
    </div>
  );
}
