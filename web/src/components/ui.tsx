import type { ComponentChildren, TargetedEvent } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Household } from '../../../functions/contract.ts';
import { ApiError, dir } from '../api.ts';
import { type Paged, useRevealedPhone } from '../hooks.ts';
import { codeSentence, errorText, fieldLabel, type MsgKey, t } from '../i18n.ts';

export function Spinner() {
  return <span class="spinner" aria-hidden="true" />;
}

export function Loading({ label }: { label?: string }) {
  return (
    <div class="loading" role="status" aria-live="polite">
      <Spinner /> {label ?? t('common.loading')}
    </div>
  );
}

/** Shows an API error: a sentence the user understands, then the API's field details. */
export function ErrorBox({
  error,
  onRetry,
  retryLabel,
}: {
  error: unknown;
  onRetry?: () => void;
  retryLabel?: string;
}) {
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  const details = api?.detailList ?? [];
  const headline = errorText(error);
  return (
    <div class="alert alert-error" role="alert">
      <div class="alert-body">
        <strong>{headline}</strong>
        {api?.message &&
          api.message !== headline &&
          api.status !== 0 &&
          !codeSentence(api) &&
          !['stale_version', 'not_found', 'forbidden'].includes(api.code) && (
            <div class="muted small">{api.message}</div>
          )}
        {details.length > 0 && (
          <ul class="detail-list">
            {details.slice(0, 20).map((d) => (
              <li key={`${d.path ?? d.field ?? ''}-${d.row ?? ''}-${d.message}`}>
                {d.row !== undefined && `${t('import.rowN', { n: d.row })} `}
                {(d.path ?? d.field) ? <b>{fieldLabel(d.path ?? d.field ?? '')}：</b> : null}
                {d.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      {onRetry && (
        <button type="button" class="btn btn-small" onClick={onRetry}>
          {retryLabel ?? (api?.code === 'stale_version' ? t('common.reload') : t('common.retry'))}
        </button>
      )}
    </div>
  );
}

export function Notice({
  kind = 'info',
  children,
}: {
  kind?: 'info' | 'success' | 'warn';
  children: ComponentChildren;
}) {
  return (
    <div class={`alert alert-${kind}`} role="status">
      <div class="alert-body">{children}</div>
    </div>
  );
}

export function Empty({
  title,
  hint,
  children,
}: {
  title: string;
  hint?: string;
  children?: ComponentChildren;
}) {
  return (
    <div class="empty">
      <svg viewBox="0 0 48 48" width="48" height="48" aria-hidden="true">
        <rect x="8" y="12" width="32" height="26" rx="3" fill="none" stroke="currentColor" stroke-width="2" />
        <path d="M8 20h32M18 12V8h12v4" fill="none" stroke="currentColor" stroke-width="2" />
      </svg>
      <div class="empty-title">{title}</div>
      {hint && <div class="muted">{hint}</div>}
      {children && <div class="empty-actions">{children}</div>}
    </div>
  );
}

export function PageHeader({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: ComponentChildren;
  children?: ComponentChildren;
}) {
  return (
    <div class="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <div class="muted">{subtitle}</div>}
      </div>
      {children && <div class="page-actions">{children}</div>}
    </div>
  );
}

/** The "加载更多" footer of a cursor-paged table. */
/** The footer of a paged list: how many are shown, and "load more" while the API has a next page. */
export function LoadMore({
  list,
}: {
  list: Pick<Paged<unknown>, 'items' | 'hasMore' | 'loadingMore' | 'loadMore'>;
}) {
  const { hasMore, loadingMore, loadMore: onMore } = list;
  const count = list.items.length;
  if (!count) return null;
  return (
    <div class="load-more">
      <span class="muted">{t('common.shown', { n: count })}</span>
      {hasMore ? (
        <button type="button" class="btn" onClick={onMore} disabled={loadingMore}>
          {loadingMore ? <Spinner /> : null}
          {loadingMore ? t('common.loading') : t('common.loadMore')}
        </button>
      ) : (
        <span class="muted">{t('common.allShown')}</span>
      )}
    </div>
  );
}

export function Modal({
  title,
  onClose,
  children,
  wide,
}: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  wide?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    addEventListener('keydown', onKey);
    box.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    return () => removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div class="modal-backdrop">
      <div
        class={`modal${wide ? ' modal-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        ref={box}
      >
        <div class="modal-head">
          <h2>{title}</h2>
          <button type="button" class="btn-icon" onClick={onClose} aria-label={t('common.close')}>
            ×
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}

export function Field({
  label,
  hint,
  children,
  wide,
  group,
}: {
  label: string;
  hint?: string;
  children: ComponentChildren;
  wide?: boolean;
  /** Several controls (checkboxes, radios): a fieldset with a legend instead of a label. */
  group?: boolean;
}) {
  const cls = `field${wide ? ' field-wide' : ''}`;
  if (group) {
    return (
      <fieldset class={`${cls} field-group`}>
        <legend class="field-label">{label}</legend>
        {children}
        {hint && <span class="field-hint">{hint}</span>}
      </fieldset>
    );
  }
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child passed in
    <label class={cls}>
      <span class="field-label">{label}</span>
      {children}
      {hint && <span class="field-hint">{hint}</span>}
    </label>
  );
}

export function FormActions({
  saving,
  onCancel,
  label,
}: {
  saving: boolean;
  onCancel?: () => void;
  label?: string;
}) {
  return (
    <div class="form-actions">
      {onCancel && (
        <button type="button" class="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
      <button type="submit" class="btn btn-primary" disabled={saving}>
        {saving && <Spinner />}
        {saving ? t('common.saving') : (label ?? t('common.save'))}
      </button>
    </div>
  );
}

export function Badge({
  tone,
  children,
}: {
  tone: 'green' | 'gray' | 'blue' | 'amber' | 'red';
  children: ComponentChildren;
}) {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}

export function Stat({ label, value, hint }: { label: string; value: ComponentChildren; hint?: string }) {
  return (
    <div class="stat">
      <div class="stat-value">{value}</div>
      <div class="stat-label">{label}</div>
      {hint && <div class="stat-hint muted">{hint}</div>}
    </div>
  );
}

/** A masked phone with "显示号码" (audited on the server) for users allowed to see it. */
export function PhoneCell({
  propertyId,
  household,
  canReveal,
}: {
  propertyId: string;
  household: Pick<Household, 'id' | 'phone'>;
  canReveal: boolean;
}) {
  const {
    phone,
    busy,
    error,
    reveal: read,
  } = useRevealedPhone(() =>
    dir.post<{ phone: string }>(`/properties/${propertyId}/households/${household.id}/reveal-phone`, {}),
  );
  if (phone) {
    return (
      <span class="phone phone-revealed">
        <span class="mono">{phone}</span>
      </span>
    );
  }
  const reveal = (e: Event) => {
    e.stopPropagation();
    void read();
  };
  return (
    <span class="phone">
      <span class="mono">{household.phone || '—'}</span>
      {canReveal && household.phone && (
        <button
          type="button"
          class="link-btn"
          onClick={reveal}
          disabled={busy}
          title={t('household.revealHint')}
        >
          {busy ? t('common.loading') : t('household.reveal')}
        </button>
      )}
      {error ? <span class="error-text">{errorText(error)}</span> : null}
    </span>
  );
}

export function Tabs<K extends string>({
  tabs,
  active,
  onChange,
}: {
  tabs: { key: K; label: MsgKey }[];
  active: K;
  onChange: (key: K) => void;
}) {
  return (
    <div class="tabs" role="tablist">
      {tabs.map((tab) => (
        <button
          key={tab.key}
          type="button"
          role="tab"
          aria-selected={tab.key === active}
          class={`tab${tab.key === active ? ' tab-active' : ''}`}
          onClick={() => onChange(tab.key)}
        >
          {t(tab.label)}
        </button>
      ))}
    </div>
  );
}

export type InputEvent = TargetedEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, Event>;
/** `onInput={bind(setX)}` */
export const bind = (set: (value: string) => void) => (e: InputEvent) => set(e.currentTarget.value);

/** For a property (or record) that does not exist or is not the user's: the same page for both. */
export function NoAccess() {
  return (
    <div class="no-access" data-testid="no-access">
      <Empty title={t('noAccess.title')} hint={t('noAccess.hint')}>
        <a class="btn btn-primary" href="/">
          {t('noAccess.back')}
        </a>
      </Empty>
    </div>
  );
}
