import { Agent, request } from 'node:http';

export interface Timed<T = unknown> {
  status: number;
  body: T;
  /** Client-side end to end: request written to last body byte read, in ms. */
  ms: number;
  serverTiming: DbTiming | undefined;
}

/** The `Server-Timing: ddb;dur=<ms>;desc="calls=<n> rcu=<x> wcu=<y>"` the domain apps send. */
export interface DbTiming {
  ms: number;
  calls: number;
  rcu: number;
  wcu: number;
}

export function parseServerTiming(header: string | string[] | undefined): DbTiming | undefined {
  const value = Array.isArray(header) ? header.join(', ') : header;
  if (!value) return undefined;
  const entry = value.split(/,(?=\s*[\w-]+\s*(?:;|$))/).find((e) => e.trim().startsWith('ddb'));
  if (!entry) return undefined;
  const dur = /dur=([\d.]+)/.exec(entry);
  const desc = /desc="([^"]*)"/.exec(entry)?.[1] ?? '';
  const field = (name: string) => Number(new RegExp(`${name}=([\\d.]+)`).exec(desc)?.[1] ?? Number.NaN);
  if (!dur) return undefined;
  return { ms: Number(dur[1]), calls: field('calls'), rcu: field('rcu'), wcu: field('wcu') };
}

/**
 * A minimal keep-alive JSON client over node:http (one socket, like a browser tab's connection), so the
 * client adds as little as possible to the end-to-end time it measures.
 */
export function createClient(baseUrl: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const base = new URL(baseUrl);
  let token: string | undefined;

  function send<T>(method: string, path: string, body?: unknown): Promise<Timed<T>> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method,
          path,
          headers: {
            accept: 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const ms = performance.now() - started;
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // not JSON: keep the text for the error message
            }
            resolve({
              status: res.statusCode ?? 0,
              body: parsed as T,
              ms,
              serverTiming: parseServerTiming(res.headers['server-timing']),
            });
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  return {
    setToken: (t: string) => {
      token = t;
    },
    /** Sends and insists on a 2xx answer. */
    async call<T>(method: string, path: string, body?: unknown): Promise<Timed<T>> {
      const res = await send<T>(method, path, body);
      if (res.status < 200 || res.status >= 300) {
        throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(res.body).slice(0, 500)}`);
      }
      return res;
    },
    close: () => agent.destroy(),
  };
}
