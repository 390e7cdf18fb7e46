import type { AppConfig, Role } from '../../functions/contract.ts';
import { ApiError, request } from './api.ts';
import { clearToken, config, setToken } from './state.ts';

/** A demo account as the local host's sign-in page lists it (infra/local/server.ts). */
export interface DemoAccount {
  email: string;
  name: string;
  roles: Role[];
  properties: string[];
}

/** Local host: e-mail + password against the demo sign-in. */
export async function localSignIn(email: string, password: string): Promise<void> {
  const out = await request<{ idToken: string; expiresIn?: number }>('/auth/local/sign-in', {
    method: 'POST',
    json: { email, password },
  });
  setToken(out.idToken, out.expiresIn);
}

export const demoAccounts = () => request<DemoAccount[]>('/auth/local/accounts');

type Cognito = Extract<AppConfig['auth'], { mode: 'cognito' }>;

const pkceKey = 'propdesk.pkce';
const redirectUri = () => `${location.origin}/auth/callback`;

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** Cognito hosted UI: authorization code with PKCE (S256). Remembers the verifier, state and return path. */
export async function startCognitoSignIn(auth: Cognito, next: string): Promise<void> {
  const verifier = randomString(48);
  const state = randomString(16);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(pkceKey, JSON.stringify({ verifier, state, next }));
  const url = new URL('/oauth2/authorize', auth.domain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid email profile',
    state,
    code_challenge: base64url(digest),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** Completes the hosted-UI sign-in on /auth/callback; returns where to go next. */
export async function finishCognitoSignIn(auth: Cognito, search: string): Promise<string> {
  const params = new URLSearchParams(search);
  const saved = JSON.parse(sessionStorage.getItem(pkceKey) ?? 'null') as {
    verifier: string;
    state: string;
    next: string;
  } | null;
  sessionStorage.removeItem(pkceKey);
  const error = params.get('error');
  if (error) throw new ApiError(400, error, params.get('error_description') ?? error);
  const code = params.get('code');
  if (!code || !saved || params.get('state') !== saved.state) {
    throw new ApiError(400, 'invalid_callback', 'The sign-in answer does not match this browser session');
  }
  const response = await fetch(new URL('/oauth2/token', auth.domain), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: auth.clientId,
      code,
      redirect_uri: redirectUri(),
      code_verifier: saved.verifier,
    }),
  });
  const data = (await response.json().catch(() => ({}))) as {
    id_token?: string;
    expires_in?: number;
    error?: string;
  };
  if (!response.ok || !data.id_token) {
    throw new ApiError(
      response.status,
      data.error ?? 'token_exchange_failed',
      'Sign-in could not be completed',
    );
  }
  setToken(data.id_token, data.expires_in);
  return saved.next;
}

/** Signs out: forgets the token; in Cognito mode also ends the hosted-UI session. */
export function signOut(): void {
  clearToken();
  const auth = config.value?.auth;
  if (auth?.mode === 'cognito') {
    const url = new URL('/logout', auth.domain);
    url.search = new URLSearchParams({
      client_id: auth.clientId,
      logout_uri: `${location.origin}/sign-in`,
    }).toString();
    location.assign(url.toString());
  }
}
