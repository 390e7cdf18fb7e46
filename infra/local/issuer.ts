import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';

/**
 * The local stand-in for Cognito: RS256 ID tokens with Cognito's claim shape, and the JWKS that
 * verifies them. Only the local host and the tests use it; nothing of it is deployed.
 */
export interface LocalIssuer {
  issuer: string;
  audience: string;
  jwks: { keys: JWK[] };
  signIdToken(claims: { sub: string; email: string }, ttlSeconds?: number): Promise<string>;
}

export async function createLocalIssuer(options: {
  issuer: string;
  audience: string;
  keyFile?: string;
}): Promise<LocalIssuer> {
  let privateJwk: JWK;
  if (options.keyFile && existsSync(options.keyFile)) {
    privateJwk = JSON.parse(readFileSync(options.keyFile, 'utf8')) as JWK;
  } else {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), kid: `local-${Date.now()}`, alg: 'RS256', use: 'sig' };
    if (options.keyFile) writeFileSync(options.keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
  }
  const { d, p, q, dp, dq, qi, ...publicJwk } = privateJwk;
  const key = await importJWK(privateJwk, 'RS256');
  return {
    issuer: options.issuer,
    audience: options.audience,
    jwks: { keys: [publicJwk] },
    signIdToken: ({ sub, email }, ttlSeconds = 8 * 3600) =>
      new SignJWT({ email, token_use: 'id', 'cognito:username': email })
        .setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid! })
        .setSubject(sub)
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key),
  };
}
