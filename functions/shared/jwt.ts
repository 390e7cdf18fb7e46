import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import https from 'node:https';

/** A public key of the issuer's JWKS, as Cognito publishes it (RSA, RS256, for signatures). */
export interface Jwk {
  kid?: string;
  kty: string;
  alg?: string;
  use?: string;
  n?: string;
  e?: string;
}

export interface Jwks {
  keys: Jwk[];
}

export type JwtPayload = Record<string, unknown>;

export interface JwtVerifierOptions {
  issuer: string;
  audience: string;
  jwksUri: string;
  /** Claims beyond the standard ones; throws to refuse the token. */
  check: (payload: JwtPayload) => void;
}

/** An unknown key id fetches the JWKS again (Cognito rotates keys), but at most this often. */
const refetchAfterMs = 10_000;
const fetchTimeoutMs = 3_000;
const maxJwksBytes = 64 * 1024;

const part = (text: string | undefined): JwtPayload => {
  const value: unknown = JSON.parse(Buffer.from(text ?? '', 'base64url').toString('utf8'));
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('Not a JSON object');
  return value as JwtPayload;
};

/** GET over HTTPS only, with a time and size limit: the JWKS is the one thing a request may fetch. */
function fetchJwks(uri: string): Promise<Jwks> {
  if (!uri.startsWith('https://')) return Promise.reject(new Error('The JWKS must be fetched over HTTPS'));
  return new Promise((resolve, reject) => {
    // `https.get`, looked up at call time: the AWS-path test answers this one URL in its place.
    const request = https.get(uri, { timeout: fetchTimeoutMs }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`The JWKS answered ${response.statusCode}`));
        return;
      }
      const chunks: Buffer[] = [];
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > maxJwksBytes) request.destroy(new Error('The JWKS is too large'));
        else chunks.push(chunk);
      });
      response.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Jwks);
        } catch (error) {
          reject(error);
        }
      });
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error('The JWKS did not answer in time')));
    request.on('error', reject);
  });
}

/**
 * Verifies RS256 ID tokens against the issuer's JWKS with `node:crypto`: signature by the key the
 * header names, then `iss`, `aud`, `exp` (required), `nbf`, and the caller's own `check`. Any failure
 * throws; the caller answers 401 without saying which check failed.
 */
export function createJwtVerifier(options: JwtVerifierOptions) {
  const keys = new Map<string, KeyObject>();
  let fetchedAt = Number.NEGATIVE_INFINITY;

  const cache = (jwks: Jwks) => {
    for (const jwk of jwks.keys ?? []) {
      if (!jwk.kid || jwk.kty !== 'RSA' || (jwk.use && jwk.use !== 'sig')) continue;
      if (jwk.alg && jwk.alg !== 'RS256') continue;
      keys.set(jwk.kid, createPublicKey({ key: jwk as never, format: 'jwk' }));
    }
  };

  const keyFor = async (kid: string) => {
    const known = keys.get(kid);
    if (known) return known;
    if (Date.now() - fetchedAt < refetchAfterMs) throw new Error('Unknown signing key');
    fetchedAt = Date.now();
    cache(await fetchJwks(options.jwksUri));
    const fetched = keys.get(kid);
    if (!fetched) throw new Error('Unknown signing key');
    return fetched;
  };

  return {
    /** Keys known without fetching: the local host is the issuer itself. */
    cacheJwks: cache,
    async verify(token: string): Promise<JwtPayload> {
      const [header, payload, signature, ...rest] = token.split('.');
      if (!header || !payload || !signature || rest.length > 0) throw new Error('Not a JWT');
      const { alg, kid } = part(header);
      if (alg !== 'RS256' || typeof kid !== 'string') throw new Error('Not an RS256 token with a key id');
      const key = await keyFor(kid);
      const signed = Buffer.from(`${header}.${payload}`);
      if (!verify('RSA-SHA256', signed, key, Buffer.from(signature, 'base64url'))) {
        throw new Error('Bad signature');
      }
      const claims = part(payload);
      if (claims.iss !== options.issuer) throw new Error('Another issuer');
      const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if (!audiences.includes(options.audience)) throw new Error('Another audience');
      const now = Date.now() / 1000;
      if (typeof claims.exp !== 'number' || claims.exp <= now) throw new Error('Expired');
      if (typeof claims.nbf === 'number' && claims.nbf > now) throw new Error('Not valid yet');
      options.check(claims);
      return claims;
    },
  };
}
