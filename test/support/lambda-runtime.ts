/**
 * A stand-in for the Lambda Node runtime, run in a child process of its own (compiled by
 * lambda-host.ts; it imports Node built-ins only, so no test transform touches the bundle it loads).
 * It installs the one network interception (the user pool's JWKS URL), imports the function's
 * bundle as the runtime's init phase would, then runs each invocation the parent sends over IPC,
 * one at a time, with a Lambda context object — a warm execution environment.
 */
import { EventEmitter } from 'node:events';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';

export interface RuntimeInit {
  type: 'init';
  codeDir: string;
  handler: string;
  functionName: string;
  memory: number;
  timeoutSeconds: number;
  region: string;
  account: string;
  /** The user pool's JWKS URL and the document served there in its place. */
  jwksUrl: string;
  jwks: unknown;
}
export interface RuntimeInvoke {
  type: 'invoke';
  id: number;
  requestId: string;
  traceId: string;
  event: unknown;
}
export type RuntimeReply =
  | { type: 'ready'; initMs: number }
  | { type: 'initError'; error: string }
  | { type: 'result'; id: number; value: unknown; jwksFetches: number }
  | {
      type: 'error';
      id: number;
      error: { name: string; message: string; stack?: string };
      jwksFetches: number;
    };

let jwksFetches = 0;

/** The verifier fetches the JWKS with `https.get(uri, options, callback)`; only that one URL is answered here. */
function interceptJwks(url: string, document: unknown) {
  const original = https.request;
  const urlOf = (target: unknown): string | undefined => {
    if (typeof target === 'string') return target;
    if (target instanceof URL) return target.href;
    return undefined;
  };
  const patched = ((...args: unknown[]) => {
    if (urlOf(args[0]) !== url) return (original as (...a: unknown[]) => unknown)(...args);
    jwksFetches += 1;
    const callback = args.find((a): a is (res: Readable) => void => typeof a === 'function');
    const request = Object.assign(new EventEmitter(), {
      socket: null,
      setTimeout: () => request,
      destroy: () => request,
      end: () => {
        setImmediate(() => {
          const response = Object.assign(Readable.from([Buffer.from(JSON.stringify(document))]), {
            statusCode: 200,
            headers: { 'content-type': 'application/json' },
          });
          callback?.(response);
        });
        return request;
      },
    });
    return request;
  }) as typeof https.request;
  https.request = patched;
  https.get = ((...args: Parameters<typeof https.get>) => {
    const request = (patched as (...a: unknown[]) => ReturnType<typeof https.get>)(...args);
    request.end();
    return request;
  }) as typeof https.get;
  // The bundle's `import { request } from "https"` reads the ESM view of the module: bring it in line.
  syncBuiltinESMExports();
}

const send = (reply: RuntimeReply) => process.send?.(reply);

type Handler = (event: unknown, context: unknown) => Promise<unknown>;
let handler: Handler | undefined;
let init: RuntimeInit | undefined;

async function start(message: RuntimeInit) {
  init = message;
  interceptJwks(message.jwksUrl, message.jwks);
  const [file, exported = 'handler'] = message.handler.split('.');
  const started = performance.now();
  try {
    const module = (await import(pathToFileURL(join(message.codeDir, `${file}.mjs`)).href)) as Record<
      string,
      unknown
    >;
    if (typeof module[exported] !== 'function') throw new Error(`${message.handler} is not a function`);
    handler = module[exported] as Handler;
    send({ type: 'ready', initMs: performance.now() - started });
  } catch (error) {
    send({ type: 'initError', error: (error as Error).stack ?? String(error) });
  }
}

async function invoke(message: RuntimeInvoke) {
  const settings = init!;
  const deadline = Date.now() + settings.timeoutSeconds * 1000;
  // The runtime sets the trace id in the environment for each invocation (the SDK forwards it).
  process.env._X_AMZN_TRACE_ID = message.traceId;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: settings.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${settings.region}:${settings.account}:function:${settings.functionName}`,
    memoryLimitInMB: String(settings.memory),
    awsRequestId: message.requestId,
    logGroupName: `/aws/lambda/${settings.functionName}`,
    logStreamName: `2026/01/01/[$LATEST]${message.requestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
  try {
    const value = await handler!(message.event, context);
    send({ type: 'result', id: message.id, value, jwksFetches });
  } catch (error) {
    const { name, message: text, stack } = error as Error;
    send({ type: 'error', id: message.id, error: { name, message: text, stack }, jwksFetches });
  }
}

// The test process is gone (finished or killed): so is this execution environment.
process.on('disconnect', () => process.exit(0));

// Lambda runs one invocation at a time per execution environment: so does this queue.
let queue: Promise<void> = Promise.resolve();
process.on('message', (message: RuntimeInit | RuntimeInvoke) => {
  queue = queue.then(() => (message.type === 'init' ? start(message) : invoke(message)));
});
