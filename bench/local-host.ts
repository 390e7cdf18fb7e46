import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { BenchContext } from './context.ts';
import { createClient } from './http.ts';

export interface LocalHost {
  url: string;
  pid: number;
  /** The last lines the host printed (for error messages). */
  output: () => string;
  /** Whether the host process has exited (it should not, until stop). */
  exited: () => boolean;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** The ready line is printed after the server listens; this also proves it answers. */
async function waitForHealth(url: string, timeoutMs: number) {
  const deadline = Date.now() + Math.min(timeoutMs, 20_000);
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the local host printed its ready line but ${url}/api/health does not answer 200: ${last}`);
}

/**
 * Starts `node --import tsx infra/local/main.ts --in-memory --port <p>` (node directly, never npx) and waits
 * for its "running at http://127.0.0.1:<p>" line. The child leads its own process group, so DynamoDB Local
 * (its java child) can be killed with it if the graceful SIGTERM is not enough or the bench dies.
 */
export async function startLocalHost(options: {
  root: string;
  log: (m: string) => void;
  timeoutMs?: number;
  /** Keep DynamoDB Local's data in this folder instead of in memory (it survives a restart of the database). */
  dataDir?: string;
}): Promise<LocalHost> {
  const port = await freePort();
  const startedAt = performance.now();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'infra/local/main.ts',
      ...(options.dataDir ? ['--data-dir', options.dataDir] : ['--in-memory']),
      '--port',
      String(port),
    ],
    {
      cwd: options.root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  const pid = child.pid!;
  let output = '';
  const onData = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);

  // Last resort on any exit of the bench: kill the whole group synchronously (host and java).
  const killGroup = () => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.on('exit', killGroup);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM'); // the host stops its server, cron and DynamoDB Local, then exits
      await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
    }
    killGroup(); // whatever of the group survived (normally nothing)
    process.off('exit', killGroup);
  };

  try {
    const timeoutMs = options.timeoutMs ?? 150_000;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the local host did not start in ${timeoutMs} ms:\n${output}`)),
        timeoutMs,
      );
      // The ready line, not the URL inside an error message (the issuer URL is `${url}/auth/local`).
      const ready = new RegExp(`running at ${url.replace(/[.]/g, '\\.')}(\\s|$)`);
      const check = () => {
        if (ready.test(output)) {
          clearTimeout(timer);
          child.stdout!.off('data', check);
          resolve();
        }
      };
      child.stdout!.on('data', check);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the local host exited (${code ?? signal}) before it was ready:\n${output}`));
      });
    });
    await waitForHealth(url, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  options.log(
    `local host ready at ${url} (pid ${pid}) in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`,
  );
  return {
    url,
    pid,
    output: () => output.split('\n').slice(-40).join('\n'),
    exited: () => child.exitCode !== null || child.signalCode !== null,
    stop,
  };
}

export type Client = ReturnType<typeof createClient>;

/** The demo company's head-office account (the seed's accounts, password `propdesk`): it sees and may do everything. */
const demoLogin = { email: 'hq@demo.propdesk.cn', password: 'propdesk' };

/**
 * Runs `work` against a fresh local host (DynamoDB Local in memory, demo company) with a keep-alive client
 * signed in as head office; stops both afterwards, and when the host died, says so with its last output.
 */
export async function withSignedInHost<T>(
  ctx: BenchContext,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const host = await startLocalHost({ root: ctx.root, log: ctx.log });
  ctx.onCleanup(host.stop);
  const client = createClient(host.url);
  ctx.onCleanup(client.close);
  try {
    const signIn = await client.call<{ idToken: string }>('POST', '/auth/local/sign-in', demoLogin);
    client.setToken(signIn.body.idToken);
    return await work(client);
  } catch (error) {
    if (host.exited()) {
      throw new Error(
        `${(error as Error).message}\nThe local host exited; its last output:\n${host.output()}`,
      );
    }
    throw error;
  } finally {
    client.close();
    await host.stop();
  }
}
