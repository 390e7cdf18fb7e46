import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createJwtVerifier, type Jwk } from '../../functions/shared/jwt.ts';

/**
 * The ID-token check both hosts run before anything else: only a token signed by the issuer's key,
 * for this app, unexpired and passing the app's own claim check, gets through.
 */
const issuer = 'https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_test';
const audience = 'propdesk-web';

async function signingKey(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } as Jwk;
  const sign = (claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
    new SignJWT({ token_use: 'id', email: 'desk@example.cn', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid, ...header })
      .setIssuedAt()
      .sign(privateKey);
  return { jwk, sign };
}

const key = await signingKey('key-1');
const other = await signingKey('key-1');
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

function verifier(check: (p: Record<string, unknown>) => void = () => {}) {
  const v = createJwtVerifier({ issuer, audience, jwksUri: 'https://127.0.0.1:1/jwks.json', check });
  v.cacheJwks({ keys: [key.jwk] });
  return v;
}
const valid = { iss: issuer, aud: audience, exp: inAnHour() };

describe('sign-in token verification', () => {
  it('front desk: a token the pool signed for this app gets through, with its claims', async () => {
    const claims = await verifier().verify(await key.sign(valid));
    expect(claims).toMatchObject({ email: 'desk@example.cn', iss: issuer });
  });

  it('anyone: a token signed by another key under the same key id is refused', async () => {
    await expect(verifier().verify(await other.sign(valid))).rejects.toThrow('Bad signature');
  });

  it('anyone: a token whose payload was edited after signing is refused', async () => {
    const [header, , signature] = (await key.sign(valid)).split('.');
    const forged = Buffer.from(JSON.stringify({ ...valid, email: 'boss@example.cn' })).toString('base64url');
    await expect(verifier().verify(`${header}.${forged}.${signature}`)).rejects.toThrow('Bad signature');
  });

  it('anyone: an unsigned token (alg none) or another algorithm is refused', async () => {
    const none = [{ alg: 'none', kid: 'key-1' }, valid].map((p) =>
      Buffer.from(JSON.stringify(p)).toString('base64url'),
    );
    await expect(verifier().verify(`${none.join('.')}.`)).rejects.toThrow();
    const hs = [{ alg: 'HS256', kid: 'key-1' }, valid].map((p) =>
      Buffer.from(JSON.stringify(p)).toString('base64url'),
    );
    await expect(verifier().verify(`${hs.join('.')}.c2ln`)).rejects.toThrow('RS256');
  });

  it('anyone: a token of another issuer or for another app is refused', async () => {
    await expect(verifier().verify(await key.sign({ ...valid, iss: `${issuer}x` }))).rejects.toThrow(
      'issuer',
    );
    await expect(verifier().verify(await key.sign({ ...valid, aud: 'another-app' }))).rejects.toThrow(
      'audience',
    );
  });

  it('anyone: an expired token, one without expiry, or one not valid yet is refused', async () => {
    const past = Math.floor(Date.now() / 1000) - 1;
    await expect(verifier().verify(await key.sign({ ...valid, exp: past }))).rejects.toThrow('Expired');
    await expect(verifier().verify(await key.sign({ iss: issuer, aud: audience }))).rejects.toThrow(
      'Expired',
    );
    await expect(verifier().verify(await key.sign({ ...valid, nbf: inAnHour() }))).rejects.toThrow(
      'Not valid yet',
    );
  });

  it('anyone: the app’s own claim check refuses what it refuses', async () => {
    const idOnly = verifier((p) => {
      if (p.token_use !== 'id') throw new Error('An ID token is required');
    });
    await expect(idOnly.verify(await key.sign({ ...valid, token_use: 'access' }))).rejects.toThrow(
      'ID token',
    );
  });

  it('anyone: garbage in place of a token is refused, not crashed on', async () => {
    for (const token of ['', 'abc', 'a.b.c', '..', `${'x'.repeat(10)}.${'y'.repeat(10)}.z`]) {
      await expect(verifier().verify(token)).rejects.toThrow();
    }
  });

  it('operator: the key set is fetched over HTTPS only; an unknown key id is not fetched again at once', async () => {
    let fetches = 0;
    const server = createServer((_req, res) => {
      fetches += 1;
      res.end(JSON.stringify({ keys: [key.jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    try {
      const plain = createJwtVerifier({
        issuer,
        audience,
        jwksUri: `http://127.0.0.1:${port}/jwks`,
        check: () => {},
      });
      await expect(plain.verify(await key.sign(valid))).rejects.toThrow('HTTPS');
      await expect(plain.verify(await key.sign(valid))).rejects.toThrow('Unknown signing key');
      expect(fetches).toBe(0);
    } finally {
      server.close();
    }
  });
});
