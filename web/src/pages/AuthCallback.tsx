import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { finishCognitoSignIn } from '../auth.ts';
import { ErrorBox, Loading } from '../components/ui.tsx';
import { safeNext } from '../format.ts';
import { t } from '../i18n.ts';
import { config } from '../state.ts';

/** /auth/callback: the hosted UI sends the user back here with ?code=…&state=… */
export default function AuthCallback() {
  const { route } = useLocation();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const auth = config.value?.auth;
    if (auth?.mode !== 'cognito') {
      route('/sign-in', true);
      return;
    }
    finishCognitoSignIn(auth, location.search).then((next) => route(safeNext(next), true), setError);
  }, [route]);
  return (
    <div class="center-page">
      {error ? (
        <div class="card narrow">
          <h1>{t('callback.failed')}</h1>
          <ErrorBox error={error} />
          <a class="btn btn-primary" href="/sign-in">
            {t('callback.back')}
          </a>
        </div>
      ) : (
        <Loading label={t('callback.working')} />
      )}
    </div>
  );
}
