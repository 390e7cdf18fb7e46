import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { roles } from '../../../functions/contract.ts';
import type { DemoAccount } from '../auth.ts';
import { demoAccounts, localSignIn, startCognitoSignIn } from '../auth.ts';
import { bind, ErrorBox, Field, Notice, Spinner } from '../components/ui.tsx';
import { safeNext } from '../format.ts';
import { lang, roleLabel, setLang, t } from '../i18n.ts';
import { config, signOutReason } from '../state.ts';

const rank = (a: DemoAccount) => Math.min(...a.roles.map((r) => roles.indexOf(r)).filter((i) => i >= 0), 99);

/** Demo accounts grouped by property (head office first), each a one-click sign-in. */
function DemoAccounts({ onPick, busy }: { onPick: (email: string) => void; busy: string | null }) {
  const [accounts, setAccounts] = useState<DemoAccount[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    demoAccounts().then(setAccounts, setError);
  }, []);
  if (error) return <ErrorBox error={error} />;
  if (!accounts) return <div class="muted">{t('common.loading')}</div>;
  if (!accounts.length) return null;
  const groups = new Map<string, DemoAccount[]>();
  const sorted = [...accounts].sort((a, b) => rank(a) - rank(b) || a.email.localeCompare(b.email));
  for (const a of sorted) {
    const key = a.roles.includes('head_office') || !a.properties.length ? '' : a.properties.join('、');
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const keys = [...groups.keys()].sort((a, b) =>
    a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'zh-CN'),
  );
  return (
    <section class="demo" aria-labelledby="demo-title">
      <h2 id="demo-title">{t('signIn.demoTitle')}</h2>
      <p class="muted small">{t('signIn.demoHint')}</p>
      <div class="demo-groups">
        {keys.map((key) => (
          <div class="demo-group" key={key}>
            <div class="demo-group-name">{key || t('signIn.noProperties')}</div>
            <ul class="demo-list">
              {groups.get(key)!.map((a) => (
                <li key={a.email}>
                  <button
                    type="button"
                    class="demo-account"
                    data-email={a.email}
                    title={a.email}
                    onClick={() => onPick(a.email)}
                    disabled={!!busy}
                  >
                    <span class="demo-roles">{a.roles.map((r) => roleLabel(r)).join('、')}</span>
                    <strong>{a.name}</strong>
                    {busy === a.email && <Spinner />}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  );
}

export default function SignIn() {
  const { query } = useLocation();
  const next = safeNext(query.next);
  const auth = config.value!.auth;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const expired = signOutReason.value === 'expired';

  const signIn = async (address: string, secret: string) => {
    setBusy(address || 'form');
    setError(null);
    try {
      signOutReason.value = null;
      // The root sees the new token and leaves /sign-in for `?next=`.
      await localSignIn(address, secret);
    } catch (err) {
      setError(err);
      setBusy(null);
    }
  };

  return (
    <div class="signin-page">
      <div class="signin-lang">
        <button
          type="button"
          class="btn btn-ghost"
          onClick={() => setLang(lang.value === 'en' ? 'zh-CN' : 'en')}
        >
          {lang.value === 'en' ? '中文' : 'English'}
        </button>
      </div>
      <div class={`signin-card card${auth.mode === 'local' ? ' signin-card-local' : ''}`}>
        <div class="signin-main">
          <div class="signin-brand">
            <svg viewBox="0 0 32 32" width="40" height="40" aria-hidden="true">
              <rect width="32" height="32" rx="6" fill="currentColor" />
              <path d="M8 25V13l8-6 8 6v12h-6v-7h-4v7z" fill="#fff" />
            </svg>
            <div>
              <h1>{t('app.name')}</h1>
              <div class="muted">{t('signIn.subtitle')}</div>
            </div>
          </div>
          {expired && <Notice kind="warn">{t('signIn.expired')}</Notice>}
          {auth.mode === 'cognito' ? (
            <div class="signin-cognito">
              <button
                type="button"
                class="btn btn-primary btn-large"
                disabled={!!busy}
                onClick={() => {
                  setBusy('cognito');
                  startCognitoSignIn(auth, next).catch((err) => {
                    setError(err);
                    setBusy(null);
                  });
                }}
              >
                {busy && <Spinner />}
                {t('signIn.cognito')}
              </button>
              <ErrorBox error={error} />
            </div>
          ) : (
            <form
              class="form"
              onSubmit={(e) => {
                e.preventDefault();
                void signIn(email.trim(), password);
              }}
            >
              <Field label={t('signIn.email')}>
                <input
                  type="email"
                  name="email"
                  autoComplete="username"
                  required
                  value={email}
                  onInput={bind(setEmail)}
                />
              </Field>
              <Field label={t('signIn.password')}>
                <input
                  type="password"
                  name="password"
                  autoComplete="current-password"
                  required
                  value={password}
                  onInput={bind(setPassword)}
                />
              </Field>
              <ErrorBox error={error} />
              <button type="submit" class="btn btn-primary btn-large" disabled={!!busy}>
                {busy === 'form' || busy === email.trim() ? <Spinner /> : null}
                {t('signIn.submit')}
              </button>
            </form>
          )}
        </div>
        {auth.mode === 'local' && (
          <DemoAccounts busy={busy} onPick={(address) => void signIn(address, 'propdesk')} />
        )}
      </div>
    </div>
  );
}
