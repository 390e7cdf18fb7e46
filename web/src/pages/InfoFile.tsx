import '../settings.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Page } from '../../../functions/contract.ts';
import { infoCategories as categories, type InfoEntry } from '../../../functions/contract.ts';
import { isNotFound } from '../api.ts';
import {
  Badge,
  bind,
  Empty,
  ErrorBox,
  Field,
  FormActions,
  Loading,
  Modal,
  NoAccess,
  PageHeader,
  Spinner,
} from '../components/ui.tsx';
import { useDebounced, useLoad } from '../hooks.ts';
import { type MsgKey, t } from '../i18n.ts';
import { ticketsApi } from '../settings-api.ts';
import { can } from '../state.ts';

type Category = (typeof categories)[number];
const categoryLabel = (c: string) => t(`info.cat.${c}` as MsgKey);
const categoryTone: Record<Category, 'blue' | 'red' | 'green' | 'gray' | 'amber'> = {
  utilities: 'blue',
  police: 'red',
  medical: 'green',
  government: 'gray',
  property: 'amber',
  other: 'gray',
};

type Phone = InfoEntry['phones'][number];

/** Digits in groups of 3–4, so a number is easy to read out on a call. */
function spaced(number: string): string {
  if (/[ -]/.test(number) || number.length <= 5) return number;
  if (number.length === 11) return `${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`;
  return number.replace(/(\d{4})(?=\d)/g, '$1 ');
}

function EntryForm({
  propertyId,
  entry,
  onSaved,
  onCancel,
}: {
  propertyId: string;
  entry?: InfoEntry;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(entry?.title ?? '');
  const [category, setCategory] = useState<Category>(entry?.category ?? 'other');
  const [phones, setPhones] = useState<Phone[]>(entry?.phones ?? [{ label: '', number: '' }]);
  const [address, setAddress] = useState(entry?.address ?? '');
  const [notes, setNotes] = useState(entry?.notes ?? '');
  const [keywords, setKeywords] = useState((entry?.keywords ?? []).join(' '));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const setPhone = (i: number, patch: Partial<Phone>) =>
    setPhones(phones.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  const submit = async (e: Event) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    const body = {
      title: title.trim(),
      category,
      phones: phones
        .filter((p) => p.number.trim())
        .map((p) => ({ number: p.number.trim(), ...(p.label?.trim() ? { label: p.label.trim() } : {}) })),
      ...(address.trim() ? { address: address.trim() } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      keywords: keywords.split(/[\s,，、]+/).filter(Boolean),
    };
    try {
      if (entry) {
        await ticketsApi.send('PATCH', `/properties/${propertyId}/info-entries/${entry.id}`, {
          version: entry.version,
          ...body,
        });
      } else {
        await ticketsApi.send('POST', `/properties/${propertyId}/info-entries`, body);
      }
      onSaved();
    } catch (err) {
      setError(err);
      setSaving(false);
    }
  };

  return (
    <form class="form form-grid" onSubmit={submit}>
      <Field label={t('info.title')}>
        <input value={title} onInput={bind(setTitle)} required maxLength={60} />
      </Field>
      <Field label={t('info.category')}>
        <select value={category} onChange={(e) => setCategory(e.currentTarget.value as Category)}>
          {categories.map((c) => (
            <option key={c} value={c}>
              {categoryLabel(c)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('info.phones')} wide group>
        {phones.map((p, i) => (
          <div class="info-phone-row" key={i}>
            <input
              value={p.label ?? ''}
              placeholder={t('info.phoneLabel')}
              aria-label={t('info.phoneLabel')}
              maxLength={20}
              onInput={(e) => setPhone(i, { label: e.currentTarget.value })}
            />
            <input
              value={p.number}
              type="tel"
              inputMode="tel"
              required={i === 0}
              placeholder="021-62718110"
              aria-label={t('info.phoneNumber')}
              onInput={(e) => setPhone(i, { number: e.currentTarget.value })}
            />
            {phones.length > 1 && (
              <button
                type="button"
                class="link-btn"
                onClick={() => setPhones(phones.filter((_, j) => j !== i))}
              >
                {t('common.remove')}
              </button>
            )}
          </div>
        ))}
        {phones.length < 6 && (
          <button
            type="button"
            class="link-btn"
            onClick={() => setPhones([...phones, { label: '', number: '' }])}
          >
            {t('info.addPhone')}
          </button>
        )}
      </Field>
      <Field label={t('info.address')} wide>
        <input value={address} onInput={bind(setAddress)} maxLength={200} />
      </Field>
      <Field label={t('info.notes')} wide>
        <textarea value={notes} onInput={bind(setNotes)} maxLength={1000} rows={3} />
      </Field>
      <Field label={t('info.keywords')} hint={t('info.keywordsHint')} wide>
        <input value={keywords} onInput={bind(setKeywords)} />
      </Field>
      <div class="field-wide">
        <ErrorBox error={error} />
        <FormActions saving={saving} onCancel={onCancel} />
      </div>
    </form>
  );
}

export default function InfoFile({ propertyId }: { propertyId: string }) {
  const [input, setInput] = useState('');
  const [editing, setEditing] = useState<InfoEntry | 'new' | null>(null);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const box = useRef<HTMLInputElement>(null);
  const q = useDebounced(input.trim(), 80);
  const list = useLoad(
    (signal) => ticketsApi.get<Page<InfoEntry>>(`/properties/${propertyId}/info-entries`, { q }, signal),
    [propertyId, q],
  );
  const writable = can('info.write');
  useEffect(() => {
    box.current?.focus();
  }, []);

  if (isNotFound(list.error)) return <NoAccess />;
  const items = list.data?.items ?? [];
  const pending = list.loading || input.trim() !== q;

  const remove = async (entry: InfoEntry) => {
    if (!confirm(t('info.confirmRemove', { title: entry.title }))) return;
    setRemoveError(null);
    try {
      await ticketsApi.send('DELETE', `/properties/${propertyId}/info-entries/${entry.id}`, {
        version: entry.version,
      });
      list.reload();
    } catch (err) {
      setRemoveError(err);
    }
  };

  return (
    <div class="page" data-testid="info-page">
      <PageHeader title={t('nav.infoFile')} subtitle={t('info.subtitle')}>
        {writable && (
          <button type="button" class="btn btn-primary" onClick={() => setEditing('new')}>
            + {t('info.add')}
          </button>
        )}
      </PageHeader>
      <div class="search-panel card">
        <label for="info-search" class="search-label">
          {t('info.searchLabel')}
        </label>
        <div class="search-box">
          <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
            <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" stroke-width="2" />
            <path d="M15.5 15.5 21 21" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
          </svg>
          <input
            id="info-search"
            ref={box}
            class="search-input info-search-input"
            type="search"
            autoComplete="off"
            placeholder={t('info.searchPlaceholder')}
            value={input}
            data-testid="info-search"
            onInput={(e) => setInput(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setInput('');
            }}
          />
          {pending && <Spinner />}
        </div>
        <div class="search-status muted" aria-live="polite" data-testid="info-status">
          {list.data && !pending
            ? q
              ? t('info.found', { n: items.length })
              : t('info.all', { n: items.length })
            : '\u00a0'}
        </div>
      </div>
      <ErrorBox error={list.error ?? removeError} onRetry={list.reload} />
      {list.loading && !list.data ? (
        <Loading />
      ) : !items.length && !list.error ? (
        q ? (
          <Empty title={t('info.noMatch', { q })} hint={t('info.noMatchHint')}>
            <button type="button" class="btn" onClick={() => setInput('')}>
              {t('common.clearFilter')}
            </button>
          </Empty>
        ) : (
          <Empty title={t('info.empty')} hint={t('info.emptyHint')} />
        )
      ) : (
        <div class="info-entries" data-testid="info-entries">
          {items.map((entry) => (
            <article class="card info-entry" key={entry.id} data-testid="info-entry">
              <div class="info-entry-head">
                <div class="info-entry-title">{entry.title}</div>
                <Badge tone={categoryTone[entry.category]}>{categoryLabel(entry.category)}</Badge>
              </div>
              <div class="info-phones">
                {entry.phones.map((p) => (
                  <div class="info-phone" key={p.number}>
                    <a class="info-phone-number" href={`tel:${p.number.replace(/[ -]/g, '')}`}>
                      {spaced(p.number)}
                    </a>
                    {p.label && <span class="info-phone-label">{p.label}</span>}
                  </div>
                ))}
              </div>
              {entry.address && <div class="small">{entry.address}</div>}
              {entry.notes && <div class="small muted">{entry.notes}</div>}
              {entry.keywords.length > 0 && (
                <div class="info-keywords">
                  {entry.keywords.map((k) => (
                    <Badge key={k} tone="gray">
                      {k}
                    </Badge>
                  ))}
                </div>
              )}
              {writable && (
                <div>
                  <button type="button" class="link-btn" onClick={() => setEditing(entry)}>
                    {t('common.edit')}
                  </button>{' '}
                  <button type="button" class="link-btn" onClick={() => void remove(entry)}>
                    {t('info.remove')}
                  </button>
                </div>
              )}
            </article>
          ))}
        </div>
      )}
      {editing && (
        <Modal
          title={editing === 'new' ? t('info.add') : t('info.edit')}
          onClose={() => setEditing(null)}
          wide
        >
          <EntryForm
            propertyId={propertyId}
            entry={editing === 'new' ? undefined : editing}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              list.reload();
            }}
          />
        </Modal>
      )}
    </div>
  );
}
