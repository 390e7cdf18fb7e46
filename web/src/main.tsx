import './styles.css';
import { signal } from '@preact/signals';
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, lazy, useLocation } from 'preact-iso';
import type { AppConfig } from '../../functions/contract.ts';
import { Shell } from './components/Shell.tsx';
import { ErrorBox, Loading } from './components/ui.tsx';
import { safeNext } from './format.ts';
import { t } from './i18n.ts';
import { config, idToken } from './state.ts';

const SignIn = lazy(() => import('./pages/SignIn.tsx'));
const AuthCallback = lazy(() => import('./pages/AuthCallback.tsx'));
const HouseholdView = lazy(() => import('./billing/HouseholdViewPage.tsx'));

const configError = signal<unknown>(null);

async function loadConfig() {
  configError.value = null;
  try {
    const response = await fetch('/config.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
    config.value = (await response.json()) as AppConfig;
  } catch (error) {
    configError.value = error;
  }
}

function Redirect({ to }: { to: string }) {
  const { route } = useLocation();
  useEffect(() => route(to, true), [to, route]);
  return <Loading />;
}

/** Signed out → /sign-in (remembering where to come back); signed in → the shell. */
function Root() {
  const { path, url, query } = useLocation();
  // A household's own bill, from the QR code or SMS link: public, outside the signed-in shell.
  if (path.startsWith('/h/')) return <HouseholdView token={path.slice(3)} />;
  if (!config.value) {
    return (
      <div class="center-page">
        {configError.value ? <ErrorBox error={configError.value} onRetry={loadConfig} /> : <Loading />}
      </div>
    );
  }
  if (path === '/auth/callback') return <AuthCallback />;
  if (!idToken.value) {
    if (path !== '/sign-in') return <Redirect to={`/sign-in?next=${encodeURIComponent(url)}`} />;
    return <SignIn />;
  }
  if (path === '/sign-in') return <Redirect to={safeNext(query.next)} />;
  return <Shell />;
}

function App() {
  useEffect(() => {
    void loadConfig();
  }, []);
  return (
    <LocationProvider>
      <a class="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <ErrorBoundary>
        <Root />
      </ErrorBoundary>
    </LocationProvider>
  );
}

render(<App />, document.getElementById('app')!);
