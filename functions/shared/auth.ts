import type { Actor } from './actor.ts';
import { forbidden, unauthorized } from './errors.ts';
import { createJwtVerifier, type Jwks } from './jwt.ts';
import { findLogin } from './store.ts';

/**
 * The longest lifetime (exp − iat) a token may have: AUTH_MAX_TOKEN_HOURS, 12 by default. Cognito's ID
 * tokens live 1 h (infra/stacks/web-stack.ts), the local sign-in's 8 h.
 */
export const maxTokenLifetimeSeconds = () => Number(process.env.AUTH_MAX_TOKEN_HOURS ?? 12) * 3600;

/**
 * Tokens are verified by our own code in both hosts: Cognito-issued in AWS, locally issued by the
 * demo sign-in (same claims, RS256, JWKS). Roles and memberships are read from the table, never
 * trusted from the token.
 */
function createVerifier() {
  const issuer = process.env.AUTH_ISSUER;
  const audience = process.env.AUTH_AUDIENCE;
  if (!issuer || !audience) throw new Error('AUTH_ISSUER and AUTH_AUDIENCE must be set');
  return createJwtVerifier({
    issuer,
    audience,
    jwksUri: process.env.AUTH_JWKS_URI ?? `${issuer}/.well-known/jwks.json`,
    check: (payload) => {
      if (payload.token_use !== 'id') throw new Error('An ID token is required');
      // A token that lives longer than any sign-in issues is refused, even while it is still valid.
      const { exp, iat } = payload;
      if (typeof exp !== 'number' || typeof iat !== 'number') throw new Error('The token has no lifetime');
      if (exp - iat > maxTokenLifetimeSeconds()) throw new Error('The token lives too long');
    },
  });
}

let verifier: ReturnType<typeof createVerifier> | undefined;

function tokenVerifier() {
  verifier ??= createVerifier();
  return verifier;
}

/** The local host hands its keys over directly: it is the issuer, so there is nothing to fetch. */
export function trustLocalKeys(jwks: Jwks): void {
  tokenVerifier().cacheJwks(jwks);
}

export async function loadActorByEmail(email: string): Promise<Actor> {
  const staff = await findLogin(email);
  if (!staff) throw forbidden('No staff record for this account');
  if (!staff.active) throw forbidden('This account is disabled');
  return { staffId: staff.id, name: staff.name, roles: staff.roles, propertyIds: staff.propertyIds };
}

export async function authenticate(authorization: string | undefined): Promise<Actor> {
  const token = authorization?.match(/^Bearer (.+)$/i)?.[1];
  if (!token) throw unauthorized();
  let email: unknown;
  try {
    ({ email } = await tokenVerifier().verify(token));
  } catch {
    throw unauthorized('The sign-in token is invalid or expired');
  }
  if (typeof email !== 'string') throw unauthorized('The token carries no e-mail');
  return loadActorByEmail(email);
}
