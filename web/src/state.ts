import { computed, signal } from '@preact/signals';
import type { AppConfig, Me, Permission } from '../../functions/contract.ts';

/** App-wide state, as signals: components that read `.value` re-render when it changes. */
export const config = signal<AppConfig | null>(null);

const tokenKey = 'propdesk.idToken';
const expiryKey = 'propdesk.idTokenExpiresAt';

function storedToken(): string | null {
  try {
    const token = sessionStorage.getItem(tokenKey);
    const expiresAt = Number(sessionStorage.getItem(expiryKey) ?? 0);
    if (token && (!expiresAt || expiresAt > Date.now())) return token;
  } catch {
    // storage unavailable (private mode): stay signed out
  }
  return null;
}

export const idToken = signal<string | null>(storedToken());

export function setToken(token: string, expiresInSeconds?: number): void {
  try {
    sessionStorage.setItem(tokenKey, token);
    if (expiresInSeconds) sessionStorage.setItem(expiryKey, String(Date.now() + expiresInSeconds * 1000));
    else sessionStorage.removeItem(expiryKey);
  } catch {
    // keep it in memory only
  }
  me.value = null;
  idToken.value = token;
}

/** Why the user is back on the sign-in page; shown there once. */
export const signOutReason = signal<'expired' | null>(null);

export function clearToken(reason: 'expired' | null = null): void {
  try {
    sessionStorage.removeItem(tokenKey);
    sessionStorage.removeItem(expiryKey);
  } catch {
    // nothing stored
  }
  signOutReason.value = reason;
  me.value = null;
  idToken.value = null;
}

export const me = signal<Me | null>(null);

export const isHeadOffice = computed(() => me.value?.staff.roles.includes('head_office') ?? false);

export function can(permission: Permission): boolean {
  return me.value?.permissions.includes(permission) ?? false;
}

/**
 * The time zone a property's times are read and typed in (its record's `timeZone`), whatever the
 * browser's is; a property the caller has not loaded yet reads as the zone properties are created with.
 */
export const propertyTimeZone = (propertyId: string | null | undefined): string =>
  me.value?.properties.find((p) => p.id === propertyId)?.timeZone ?? 'Asia/Shanghai';
