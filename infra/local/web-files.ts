import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Context } from 'hono';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
/** What CloudFront compresses (text types); images and fonts are compressed already. */
const compressible = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.webmanifest']);

interface Encoded {
  mtimeMs: number;
  etag: string;
  identity: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

/**
 * The built dashboard as CloudFront serves it in AWS (docs/deploy.md): gzip or brotli when the browser
 * takes it, hashed bundles under /assets cached for a year and immutable, everything else revalidated
 * on each load (ETag, 304). Each file is compressed once per build, not per request.
 */
export function webFiles(webDir: string) {
  const root = normalize(webDir);
  const cache = new Map<string, Encoded>();

  async function load(path: string): Promise<Encoded | null> {
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return null;
    const known = cache.get(path);
    if (known?.mtimeMs === info.mtimeMs) return known;
    const identity = await readFile(path);
    const encoded: Encoded = {
      mtimeMs: info.mtimeMs,
      etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
      identity,
    };
    if (compressible.has(extname(path)) && identity.length > 1024) {
      encoded.br = brotliCompressSync(identity, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
      });
      encoded.gzip = gzipSync(identity, { level: 9 });
    }
    cache.set(path, encoded);
    return encoded;
  }

  /** Serves `urlPath` from the build, or null when the build has no such file. */
  return async function serve(c: Context, urlPath: string): Promise<Response | null> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null; // a malformed escape names no file
    }
    const path = normalize(join(root, decoded));
    if (path !== root && !path.startsWith(root + sep)) return null;
    const file = await load(path);
    if (!file) return null;
    const hashed = urlPath.startsWith('/assets/');
    const headers: Record<string, string> = {
      'content-type': types[extname(path)] ?? 'application/octet-stream',
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag: file.etag,
      vary: 'Accept-Encoding',
    };
    if (c.req.header('if-none-match') === file.etag) return c.body(null, 304, headers);
    const accepts = (c.req.header('accept-encoding') ?? '').toLowerCase();
    const [encoding, body] =
      file.br && /\bbr\b/.test(accepts)
        ? ['br', file.br]
        : file.gzip && /\bgzip\b/.test(accepts)
          ? ['gzip', file.gzip]
          : [null, file.identity];
    if (encoding) headers['content-encoding'] = encoding;
    return c.body(new Uint8Array(body), 200, headers);
  };
}
