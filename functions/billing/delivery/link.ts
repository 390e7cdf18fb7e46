/**
 * The household view's link: a token naming one request (property, period, household, request id)
 * and when it stops working, signed with HMAC-SHA256: `<claims>~<signature>`, both base64url. Not a
 * dot: a last path segment with one looks like a file to the dashboard's hosting and is not routed. Nothing is stored per link; the signature is
 * the proof, so a changed id or expiry no longer verifies (docs/decisions/025-signed-household-link.md).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** A printed request is kept for months; its link works until well after it could still be owed. */
export const linkLifetimeDays = 120;

export interface LinkClaims {
  propertyId: string;
  period: string;
  householdId: string;
  requestId: string;
  /** Unix seconds after which the link is refused. */
  expiresAt: number;
}

/** Only in the local host and the tests: AWS sets HOUSEHOLD_LINK_SECRET from Secrets Manager. */
const localSecret = 'propdesk-local-household-link-secret-not-for-production';

function secret(): string {
  const configured = process.env.HOUSEHOLD_LINK_SECRET;
  if (configured) return configured;
  if (process.env.AWS_LAMBDA_FUNCTION_NAME)
    throw new Error('HOUSEHOLD_LINK_SECRET is not set: household links cannot be signed');
  return localSecret;
}

const sign = (body: string) => createHmac('sha256', secret()).update(body).digest('base64url');

export function householdLinkToken(
  request: { propertyId: string; period: string; householdId: string; id: string },
  now = new Date(),
): string {
  const claims: LinkClaims = {
    propertyId: request.propertyId,
    period: request.period,
    householdId: request.householdId,
    requestId: request.id,
    expiresAt: Math.floor(now.getTime() / 1000) + linkLifetimeDays * 86_400,
  };
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}~${sign(body)}`;
}

/** The link's path in the dashboard (public, outside the signed-in shell). */
export const householdLinkPath = (token: string) => `/h/${token}`;

/** The claims of a token that is ours and still valid, or why not. */
export function verifyHouseholdLink(
  token: string,
  now = new Date(),
): { ok: true; claims: LinkClaims } | { ok: false; reason: 'invalid' | 'expired' } {
  const [body, signature, extra] = token.split('~');
  if (!body || !signature || extra !== undefined) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(sign(body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'invalid' };
  let claims: LinkClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (typeof claims.expiresAt !== 'number' || claims.expiresAt * 1000 <= now.getTime())
    return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
